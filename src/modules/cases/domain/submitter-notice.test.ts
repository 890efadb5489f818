import { describe, expect, it } from 'vitest';
import { builtInTemplates, renderTemplate } from '../../notifications/domain/templates.js';
import { isGsm7 } from '../../notifications/domain/sms-text.js';
import { isSameRecipient, submitterNoticeOf } from './submitter-notice.js';

describe('the submitter is told what happened, not only the status (issue 3, workflow review)', () => {
  it('LAW-DENUNC-02 / LAW-DENUNC-06: an extension names which deadline moved', () => {
    expect(submitterNoticeOf('cases.case.deadline_extended', 'received')).toEqual({ template: 'cases.acceptance-extended', deadline: 'acceptance' });
    expect(submitterNoticeOf('cases.case.deadline_extended', 'accepted')).toEqual({ template: 'cases.deadline-extended', deadline: 'resolution' });
    expect(submitterNoticeOf('cases.case.deadline_extended', 'in_progress')).toEqual({ template: 'cases.deadline-extended', deadline: 'resolution' });
    expect(submitterNoticeOf('cases.case.complexity_decided', 'accepted')).toEqual({ template: 'cases.complexity-decided', deadline: 'resolution' });
  });
  it('LAW-DENUNC-02, LAW-COMPLAINT-05, LAW-COMPLAINT-04, LAW-DENUNC-08: refusals, requests and withdrawals have their own message', () => {
    expect(submitterNoticeOf('cases.case.refused', 'refused').template).toBe('cases.refused');
    expect(submitterNoticeOf('cases.case.information_requested', 'awaiting_information').template).toBe('cases.information-requested');
    expect(submitterNoticeOf('cases.case.partially_withdrawn', 'accepted').template).toBe('cases.partially-withdrawn');
    expect(submitterNoticeOf('cases.case.withdrawn', 'withdrawn').template).toBe('cases.withdrawn');
    expect(submitterNoticeOf('cases.case.handling_continued_after_withdrawal', 'accepted').template).toBe('cases.withdrawal-continued');
    expect(submitterNoticeOf('cases.case.withdrawal_requested', 'accepted').template).toBe('cases.withdrawal-request-received');
  });
  it('a plain status change keeps the status message', () => {
    for (const event of ['received', 'accepted', 'answer_published', 'closed', 'reopened', 'merged']) expect(submitterNoticeOf(`cases.case.${event}`, 'accepted').template).toBe('cases.status-changed');
  });
  it('every notice has a template in vi and en, with the stop link in the e-mail and the SMS, the SMS in GSM-7 (LAW-PDP-04)', () => {
    const keys = ['cases.acceptance-extended', 'cases.deadline-extended', 'cases.complexity-decided', 'cases.refused', 'cases.information-requested', 'cases.partially-withdrawn', 'cases.withdrawn', 'cases.withdrawal-continued', 'cases.withdrawal-request-received'];
    const params = { trackingCode: 'NQ-2611-ABCD', statusLabel: 'Đã thụ lý', caseUrl: 'https://x/tra-cuu/NQ', communeName: 'Xã Như Quỳnh', unsubscribeUrl: 'https://x/ngung-nhan-tin?t=a.s.b', deadline: '15/12/2026', reason: 'Cần xác minh nhiều nơi', groundLabel: 'Không thuộc thẩm quyền', request: 'Ảnh chụp hiện trường' };
    for (const key of keys) {
      const template = builtInTemplates.find((entry) => entry.key === key);
      expect(template, key).toBeDefined();
      for (const locale of ['vi', 'en'] as const) {
        const rendered = renderTemplate(template!, locale, params);
        expect(rendered.text, `${key} ${locale}`).toContain(params.unsubscribeUrl);
        expect(rendered.short, `${key} ${locale}`).toContain(params.unsubscribeUrl);
        expect(rendered.subject, `${key} ${locale}`).toContain(params.trackingCode);
        expect(isGsm7(template![locale].short!), `${key} ${locale}`).toBe(true);
      }
    }
    expect(renderTemplate(builtInTemplates.find((entry) => entry.key === 'cases.deadline-extended')!, 'vi', params).subject).toBe('Hồ sơ NQ-2611-ABCD: gia hạn giải quyết đến 15/12/2026');
  });
});

describe('one person is told once per event (issue 3 point 4)', () => {
  it('matches the same account, e-mail (any case) or phone (with or without +84)', () => {
    const none = { userId: null, email: null, phone: null };
    expect(isSameRecipient({ userId: 'u1', email: null, phone: null }, { userId: 'u1', email: null, phone: null })).toBe(true);
    expect(isSameRecipient({ userId: null, email: 'An@Example.vn', phone: null }, { userId: null, email: 'an@example.vn', phone: null })).toBe(true);
    expect(isSameRecipient({ userId: null, email: null, phone: '+84912345678' }, { userId: null, email: null, phone: '0912345678' })).toBe(true);
    expect(isSameRecipient({ userId: 'u1', email: 'a@x.vn', phone: null }, { userId: 'u2', email: 'b@x.vn', phone: null })).toBe(false);
    expect(isSameRecipient(none, none)).toBe(false);
  });
});
