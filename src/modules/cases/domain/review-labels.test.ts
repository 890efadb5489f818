import { describe, expect, it } from 'vitest';
import { describeDeadlineRule } from './deadline-explanation.js';
import { applyCategoryOverride, defaultDeadlineRules, selectRule } from './deadlines.js';
import { cutOnWord, QA_HEADING_MAX, splitPublishedQuestion } from './qa-heading.js';

const at = new Date('2026-03-01T01:00:00Z');
const rule = (...args: Parameters<typeof selectRule> extends [unknown, ...infer Rest] ? Rest : never) => {
  const selected = selectRule(defaultDeadlineRules, ...args);
  if (!selected) throw new Error('no rule');
  return selected;
};

describe('deadline rule in words for staff', () => {
  it('names what the time limit is for, the amount and unit, and keeps the legal reference and confidence', () => {
    expect(describeDeadlineRule(rule('feedback', 'resolution', at), 'vi')).toBe('Thời hạn trả lời phản ánh, kiến nghị: 15 ngày làm việc (căn cứ: LAW-PAKN-08, độ tin cậy S)');
    expect(describeDeadlineRule(rule('feedback', 'resolution', at), 'en')).toBe('Time limit to answer feedback: 15 working days (legal basis: LAW-PAKN-08, confidence S)');
    expect(describeDeadlineRule(rule('complaint', 'resolution', at, 'complex'), 'vi')).toBe('Thời hạn giải quyết khiếu nại (vụ việc phức tạp): 45 ngày (căn cứ: LAW-COMPLAINT-07, độ tin cậy C)');
    expect(describeDeadlineRule(rule('corruption_report', 'resolution', at), 'vi')).toMatch(/^Thời hạn xử lý thông tin về tham nhũng: 15 .*độ tin cậy chưa xác nhận\)$/);
  });

  it('never shows the internal rule id, and says when the commune standard of a category applies', () => {
    const overridden = applyCategoryOverride(rule('feedback', 'resolution', at), [{ categoryId: 'water', caseKind: 'feedback', stage: 'resolution', amount: 5, unit: 'working_days' }], 'water');
    const label = describeDeadlineRule(overridden, 'vi');
    expect(label).toBe('Thời hạn trả lời phản ánh, kiến nghị (tiêu chuẩn phục vụ của xã cho lĩnh vực này): 5 ngày làm việc (căn cứ: LAW-PAKN-08, độ tin cậy S)');
    expect(label).not.toContain('feedback.resolution');
  });
});

describe('published Q&A heading', () => {
  it('uses the title paragraph of the published question as the heading and keeps the rest once', () => {
    expect(splitPublishedQuestion('Ổ gà trên đường liên thôn\n\nĐoạn gần nhà văn hóa có nhiều ổ gà.\nTrời mưa rất nguy hiểm.')).toEqual({
      title: 'Ổ gà trên đường liên thôn',
      body: 'Đoạn gần nhà văn hóa có nhiều ổ gà.\nTrời mưa rất nguy hiểm.',
    });
  });

  it('without a title paragraph, takes the first sentence and leaves only the rest as the body', () => {
    expect(splitPublishedQuestion('Đăng ký khai sinh cho con cần giấy tờ gì?')).toEqual({ title: 'Đăng ký khai sinh cho con cần giấy tờ gì?', body: '' });
    expect(splitPublishedQuestion('Xin hỏi về cấp lại căn cước. Tôi bị mất ví tuần trước.')).toEqual({ title: 'Xin hỏi về cấp lại căn cước.', body: 'Tôi bị mất ví tuần trước.' });
  });

  it('cuts a long first sentence on a word, at most 120 characters, and then shows the whole text', () => {
    const long = `${'Tôi muốn hỏi về việc đăng ký thường trú cho người thân '.repeat(4)}ở tổ dân phố.`;
    const { title, body } = splitPublishedQuestion(long);
    expect(title.length).toBeLessThanOrEqual(QA_HEADING_MAX);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long.charAt(title.length - 1)).toBe(' ');
    expect(body).toBe(long);
  });

  it('cutOnWord leaves short text alone', () => {
    expect(cutOnWord('  Ngắn   gọn ', 120)).toBe('Ngắn gọn');
  });
});
