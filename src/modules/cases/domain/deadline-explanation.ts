/**
 * Renders a deadline explanation (from computeDeadline) as plain sentences in Vietnamese or English,
 * with dates written "Thứ Ba, 16/02/2027".
 */
import { formatLongDate, type DayReason, type Locale } from '../../../core/calendar/index.js';
import type { DeadlineUnit } from './deadlines.js';
import type { ExplanationStep, ExtensionRefusal } from './compute-deadline.js';

const UNIT_LABELS: Record<Locale, Record<DeadlineUnit, string>> = {
  vi: { working_days: 'ngày làm việc', calendar_days: 'ngày' },
  en: { working_days: 'working days', calendar_days: 'calendar days' },
};

const REFUSAL_LABELS: Record<Locale, Record<ExtensionRefusal, string>> = {
  vi: {
    no_extension_allowed: 'quy định không cho phép gia hạn',
    max_count_reached: 'đã hết số lần gia hạn',
    amount_too_large: 'vượt thời gian gia hạn tối đa',
    unit_mismatch: 'sai đơn vị thời gian',
    invalid_amount: 'số ngày không hợp lệ',
  },
  en: {
    no_extension_allowed: 'the rule allows no extension',
    max_count_reached: 'no extensions left',
    amount_too_large: 'longer than the maximum extension',
    unit_mismatch: 'wrong time unit',
    invalid_amount: 'invalid number of days',
  },
};

function describeReason(reason: DayReason, locale: Locale): string {
  const isVi = locale === 'vi';
  switch (reason.kind) {
    case 'weekend':
      return isVi ? 'nghỉ cuối tuần' : 'weekend';
    case 'holiday':
      return isVi ? reason.nameVi : reason.nameEn;
    case 'compensatory':
      return isVi ? reason.nameVi : reason.nameEn;
    case 'override_day_off':
      return isVi ? `ngày nghỉ theo quyết định: ${reason.note}` : `day off by decision: ${reason.note}`;
    case 'override_working_day':
      return isVi ? `ngày làm bù: ${reason.note}` : `make-up working day: ${reason.note}`;
  }
}

function describeStep(step: ExplanationStep, locale: Locale): string {
  const isVi = locale === 'vi';
  const date = (value: string): string => formatLongDate(value, locale);
  const unit = (value: DeadlineUnit): string => UNIT_LABELS[locale][value];
  switch (step.kind) {
    case 'rule': {
      const category = step.categoryId ? (isVi ? ` (theo lĩnh vực ${step.categoryId})` : ` (category ${step.categoryId})`) : '';
      return isVi
        ? `Thời hạn ${step.amount} ${unit(step.unit)}${category} — quy tắc ${step.ruleId} phiên bản ${step.version}, căn cứ ${step.legalRef}.`
        : `Time limit ${step.amount} ${unit(step.unit)}${category} — rule ${step.ruleId} version ${step.version}, legal basis ${step.legalRef}.`;
    }
    case 'start':
      return isVi
        ? `Ngày tiếp nhận ${date(step.date)} không tính; bắt đầu tính từ ngày ${step.isWorkingDay ? 'tiếp theo' : 'làm việc tiếp theo'}.`
        : `Day of receipt ${date(step.date)} is not counted; counting starts the next ${step.isWorkingDay ? 'day' : 'working day'}.`;
    case 'skipped': {
      const reasons = step.reasons.map((reason) => describeReason(reason, locale)).join('; ');
      return isVi ? `Không tính ${date(step.date)}: ${reasons}.` : `Skipped ${date(step.date)}: ${reasons}.`;
    }
    case 'pause': {
      const end = step.to ? date(step.to) : isVi ? 'nay (đang tạm dừng)' : 'today (still paused)';
      return isVi
        ? `Tạm dừng tính thời hạn từ ${date(step.from)} đến ${end}: cộng thêm ${step.daysAdded} ${unit(step.unit)}.`
        : `Clock stopped from ${date(step.from)} to ${end}: ${step.daysAdded} ${unit(step.unit)} added.`;
    }
    case 'extension':
      return isVi
        ? `Gia hạn ${step.amount} ${unit(step.unit)} (quyết định ngày ${date(step.approvedOn)}).`
        : `Extended by ${step.amount} ${unit(step.unit)} (decision of ${date(step.approvedOn)}).`;
    case 'extension_rejected':
      return isVi
        ? `Không áp dụng gia hạn ${step.amount} ${unit(step.unit)} ngày ${date(step.approvedOn)}: ${REFUSAL_LABELS.vi[step.reason]}.`
        : `Extension of ${step.amount} ${unit(step.unit)} on ${date(step.approvedOn)} not applied: ${REFUSAL_LABELS.en[step.reason]}.`;
    case 'rolled_forward':
      return isVi
        ? `Ngày cuối cùng ${date(step.from)} là ngày nghỉ nên chuyển sang ${date(step.to)} (${step.legalRef}).`
        : `Last day ${date(step.from)} is a day off, so the deadline moves to ${date(step.to)} (${step.legalRef}).`;
    case 'due':
      return isVi ? `Hạn xử lý: hết ngày ${date(step.date)}.` : `Due by the end of ${date(step.date)}.`;
  }
}

/** One sentence per explanation step, in the requested locale. */
export function explanationToText(steps: readonly ExplanationStep[], locale: Locale): string[] {
  return steps.map((step) => describeStep(step, locale));
}
