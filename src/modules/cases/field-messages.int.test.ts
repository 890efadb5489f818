import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCasesTestApp, fieldMessages, walkInIntake, type CasesTestApp, type StaffSession } from './cases-test-kit.js';

/*
 * Back-office forms left empty say what to enter ("Nhập tiêu đề."), not "Vui lòng nhập mục này." or
 * "Cần ít nhất 5 ký tự." for a title nobody typed; a title that is there but short still says so.
 */

describe('cases: an empty back-office field says what to enter', () => {
  let t: CasesTestApp;
  let officer: StaffSession;

  beforeAll(async () => {
    t = await buildCasesTestApp();
    officer = await t.staff('officer', 'KINH-TE');
  });
  afterAll(async () => t.close());

  const intake = (overrides: Record<string, unknown> = {}) => walkInIntake(t, overrides);

  it('intake: an empty title and description are named, in both languages; a short title keeps "at least 5 characters"', async () => {
    const empty = fieldMessages((await t.inject('POST', '/api/v1/cases/intake', officer, intake({ title: '', description: '' }))).json());
    expect(empty).toMatchObject({ title: 'Nhập tiêu đề.', description: 'Nhập nội dung.' });
    const english = fieldMessages((await t.inject('POST', '/api/v1/cases/intake?lang=en', officer, intake({ title: '  ' }))).json());
    expect(english.title).toBe('Enter a title.');
    const short = fieldMessages((await t.inject('POST', '/api/v1/cases/intake', officer, intake({ title: 'Cống' }))).json());
    expect(short.title).toBe('Cần ít nhất 5 ký tự.');
  });

  it('request information and give direction: an empty note is named, in both languages', async () => {
    const { id } = await t.submit();
    const send = async (type: string, lang: 'vi' | 'en') => fieldMessages((await t.inject('POST', `/api/v1/cases/${id}/actions?lang=${lang}`, officer, { type, note: '' })).json()).note;
    await expect(send('requestInformation', 'vi')).resolves.toBe('Nhập thông tin, tài liệu cần người gửi bổ sung.');
    await expect(send('requestInformation', 'en')).resolves.toBe('Enter what the sender needs to provide.');
    await expect(send('direct', 'vi')).resolves.toBe('Nhập nội dung chỉ đạo.');
  });
});
