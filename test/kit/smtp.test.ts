import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, parseMail } from './smtp.js';

describe('test SMTP mail parser', () => {
  it('decodes Q and B encoded-word subjects, joining adjacent words', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?=C4=90=E1=BA=B7t_l=E1=BA=A1i?= =?UTF-8?Q?_m=E1=BA=ADt_kh=E1=BA=A9u?=')).toBe('Đặt lại mật khẩu');
    expect(decodeEncodedWords(`=?UTF-8?B?${Buffer.from('Hồ sơ').toString('base64')}?=`)).toBe('Hồ sơ');
  });
  it('reads a quoted-printable body and a multipart text part', () => {
    const single = parseMail('Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nXin ch=C3=A0o,=\r\n b=E1=BA=A1n\r\n');
    expect(single.text).toBe('Xin chào, bạn\n');
    const multi = parseMail('Subject: y\r\nContent-Type: multipart/alternative;\r\n boundary="--b1"\r\n\r\n----b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nVGnhur9uZyBEw6Ju\r\n----b1--\r\n');
    expect(multi.text).toBe('Tiếng Dân');
  });
});
