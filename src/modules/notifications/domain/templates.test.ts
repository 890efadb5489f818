import { describe, expect, it } from 'vitest';
import { maskRecipient, scrubRecipient } from './recipient.js';
import { builtInTemplates, renderTemplate } from './templates.js';

const template = (key: string) => builtInTemplates.find((entry) => entry.key === key)!;

describe('renderTemplate', () => {
  it('fills placeholders in the requested language', () => {
    const rendered = renderTemplate(template('cases.status-changed'), 'vi', { trackingCode: 'PA-2026-0001', statusLabel: 'Đang xử lý', caseUrl: 'https://x/c/1', communeName: 'Xã Tân An', unsubscribeUrl: 'https://x/ngung-nhan-tin?t=a.s.b' });
    expect(rendered.subject).toBe('Hồ sơ PA-2026-0001: Đang xử lý');
    expect(rendered.text).toContain('Xã Tân An');
    expect(rendered.short).toContain('PA-2026-0001');
  });
  it('tells a follower of the case they follow, and the submitter of their case, each with the stop link (LAW-PDP-04)', () => {
    const params = { trackingCode: 'NQ-2611-ABCD', statusLabel: 'Đang xử lý', caseUrl: 'https://x/c/1', communeName: 'Xã Tân An', unsubscribeUrl: 'https://x/ngung-nhan-tin?t=a.b.c' };
    const followed = renderTemplate(template('cases.status-changed-followed'), 'vi', params);
    expect(followed.text).toContain('Hồ sơ NQ-2611-ABCD bạn theo dõi đã chuyển');
    expect(followed.text).not.toContain('của bạn');
    expect(renderTemplate(template('cases.status-changed'), 'vi', params).text).toContain('Hồ sơ NQ-2611-ABCD của bạn đã chuyển');
    expect(renderTemplate(template('cases.status-changed-followed'), 'en', params).text).toContain('The case NQ-2611-ABCD you follow is now');
    for (const key of ['cases.status-changed', 'cases.status-changed-followed']) {
      for (const locale of ['vi', 'en'] as const) {
        const rendered = renderTemplate(template(key), locale, params);
        expect(rendered.text, `${key} ${locale}`).toContain(params.unsubscribeUrl);
        expect(rendered.short, `${key} ${locale}`).toContain(params.unsubscribeUrl);
      }
    }
  });
  it('uses the English text for en', () => {
    expect(renderTemplate(template('auth.password-reset'), 'en', { resetUrl: 'https://x/r/abc' }).subject).toBe('Reset your Tiếng Dân password');
  });
  it('falls back to the full text when there is no short text', () => {
    const rendered = renderTemplate(template('auth.password-reset'), 'vi', { resetUrl: 'https://x/r/abc' });
    expect(rendered.short).toBe(rendered.text);
  });
  it('throws naming missing parameters', () => {
    expect(() => renderTemplate(template('cases.overdue'), 'vi', { trackingCode: 'X' })).toThrow(/caseTitle.*deadline|deadline.*caseTitle/);
  });
  it('every built-in template has the same placeholders in both languages', () => {
    for (const entry of builtInTemplates) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(names(entry.vi.subject + entry.vi.text), entry.key).toEqual(names(entry.en.subject + entry.en.text));
    }
  });
});

describe('recipients', () => {
  it('masks e-mail addresses and phone numbers', () => {
    expect(maskRecipient('nguyenvana@example.vn')).toBe('n******@example.vn');
    expect(maskRecipient('0912345678')).toBe('091*****78');
  });
  it('scrubs the address out of provider errors', () => {
    expect(scrubRecipient('550 5.1.1 <a@b.vn>: Recipient address rejected', 'a@b.vn')).toBe('550 5.1.1 <[recipient]>: Recipient address rejected');
  });
});
