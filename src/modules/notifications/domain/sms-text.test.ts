import { describe, expect, it } from 'vitest';
import { gsm7Length, isGsm7, SMS_MAX_LENGTH, toSmsText } from './sms-text.js';
import { builtInTemplates, renderTemplate } from './templates.js';

const template = (key: string) => builtInTemplates.find((entry) => entry.key === key)!;

/** The longest values the cases module puts into an SMS: its longest status label, a long commune name, a 5-character code, real link lengths. */
const worstCase = {
  trackingCode: 'NQ-2611-RE3MX',
  statusLabel: 'Lãnh đạo đã duyệt trả lời',
  communeName: 'Xã Đồng Tâm — Huyện Mỹ Đức cũ, Thành phố Hà Nội',
  caseUrl: 'https://tiengdan.dongtam.hanoi.gov.vn/tra-cuu/NQ-2611-RE3MX',
  unsubscribeUrl: `https://tiengdan.dongtam.hanoi.gov.vn/ngung-nhan-tin?t=${'A'.repeat(22)}.${'B'.repeat(22)}.${'C'.repeat(22)}`,
  code: '123456',
  minutes: 10,
  // The case notices (case-notice-templates.ts): the longest refusal ground label; reason and request go in the e-mail only.
  deadline: '31/12/2026',
  groundLabel: 'Quyết định, hành vi hành chính nội bộ, văn bản quy phạm pháp luật hoặc thuộc bí mật nhà nước về quốc phòng, an ninh, ngoại giao',
  reason: 'Cần xác minh tại nhiều nơi',
  request: 'Ảnh chụp hiện trường',
};

describe('SMS text (GSM-7)', () => {
  it('folds the accented status label put into the unaccented SMS template: one alphabet, no diacritics', () => {
    const params = { ...worstCase, statusLabel: 'Đã tiếp nhận' };
    for (const key of ['cases.status-changed', 'cases.status-changed-followed']) {
      const rendered = renderTemplate(template(key), 'vi', params);
      // What the template alone gives: its own words unaccented, the label not.
      expect(rendered.short).toContain('"Đã tiếp nhận"');
      const sms = toSmsText(rendered.short);
      expect(sms, key).toContain('chuyen sang "Da tiep nhan"');
      expect(sms, key).toContain(params.unsubscribeUrl);
      expect(isGsm7(sms), sms).toBe(true);
      expect(sms).not.toMatch(/[^\x20-\x7e\n]/);
    }
  });

  it('maps đ and Đ to d and D, keeps case and spacing, and maps typographic punctuation', () => {
    expect(toSmsText('Đường đê — “Đội 3”…')).toBe('Duong de - "Doi 3"...');
    expect(toSmsText('Chờ bổ sung thông tin')).toBe('Cho bo sung thong tin');
    expect(toSmsText('Hồ sơ'.normalize('NFD'))).toBe('Ho so');
    // Anything still outside GSM-7 cannot switch the message to UCS-2.
    expect(toSmsText('Mưa 🌧 to')).toBe('Mua ? to');
  });

  it('the phone verification code fits one plain SMS (160 GSM-7 characters) in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      const sms = toSmsText(renderTemplate(template('auth.phone-verification'), locale, worstCase).short);
      expect(sms).toContain('123456');
      expect(gsm7Length(sms), sms).toBeLessThanOrEqual(160);
    }
  });

  it('counts GSM-7 extension characters twice', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('[x]')).toBe(5);
  });

  it(`every SMS template, in both languages, stays GSM-7 and within ${SMS_MAX_LENGTH} characters with the longest values`, () => {
    for (const entry of builtInTemplates.filter((candidate) => candidate.vi.short !== undefined)) {
      for (const locale of ['vi', 'en'] as const) {
        const sms = toSmsText(renderTemplate(entry, locale, worstCase).short);
        expect(isGsm7(sms), `${entry.key} ${locale}`).toBe(true);
        expect(gsm7Length(sms), `${entry.key} ${locale}: ${sms}`).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      }
    }
  });
});
