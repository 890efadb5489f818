import { describe, expect, it } from 'vitest';
import { externalLinkOf } from './external-link.js';

describe('externalLinkOf (Open311 media_url shown to staff)', () => {
  it('links an http or https address and names its host', () => {
    expect(externalLinkOf('https://example.com/photos/den-duong.jpg?size=large&v=2')).toEqual({ href: 'https://example.com/photos/den-duong.jpg?size=large&v=2', host: 'example.com' });
    expect(externalLinkOf('http://anh.doitac.vn:8080/a.jpg')).toEqual({ href: 'http://anh.doitac.vn:8080/a.jpg', host: 'anh.doitac.vn:8080' });
  });

  it('shows a Unicode host in the punycode form the browser contacts', () => {
    expect(externalLinkOf('https://ảnh.vn/a.jpg')?.host).toBe('xn--nh-k5s.vn');
  });

  it('never makes a link of another scheme, a relative address or one with credentials', () => {
    for (const address of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'ftp://example.com/a.jpg', '//example.com/a.jpg', 'notaurl', 'https://user:secret@example.com/a.jpg', 'vbscript:msgbox(1)']) {
      expect(externalLinkOf(address), address).toBeNull();
    }
  });
});
