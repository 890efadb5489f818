/**
 * Renders a deadline explanation (from computeDeadline) as plain sentences in Vietnamese or English,
 * with dates written "Thứ Ba, 16/02/2027".
 */
import { formatLongDate, formatShortDate, type DayReason, type LocalDate, type Locale } from '../../../core/calendar/index.js';
import { citeLegalRef } from './legal-citations.js';
import type { DeadlineRule, DeadlineStage, DeadlineSubject, DeadlineUnit, DeadlineVariant } from './deadlines.js';
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

// Plain module-level helpers, not closures created per step: explanations are rendered on every
// public status lookup (and tsx/esbuild's keepNames makes each named closure a defineProperty call).
function unitLabel(value: DeadlineUnit, locale: Locale): string {
  return UNIT_LABELS[locale][value];
}

/** `current_step`: the deadline of the step a forward started (not a legal rule; the forwarder set its days). */
type RuleStage = 'acceptance' | 'resolution' | 'transfer' | 'step' | 'current_step';

/** `feedback.acceptance` → acceptance; `denunciation.transfer` → transfer; another step → step; anything else → resolution. */
function stageOfRule(ruleId: string): RuleStage {
  const suffix = ruleId.slice(ruleId.lastIndexOf('.') + 1);
  return suffix === 'acceptance' || suffix === 'resolution' || suffix === 'transfer' ? suffix : 'step';
}

// The transfer limit (LAW-PAKN-04, LAW-DENUNC-03) is the rule's 'step' stage; staff read what it is for.
const STAGE_LABELS: Record<Locale, Record<RuleStage, string>> = {
  vi: {
    acceptance: 'Thời hạn thụ lý (quyết định có xem xét hay không)',
    resolution: 'Thời hạn giải quyết',
    transfer: 'Thời hạn chuyển đến cơ quan có thẩm quyền (nếu không thuộc thẩm quyền của xã)',
    step: 'Thời hạn của bước này',
    current_step: 'Hạn bước hiện tại',
  },
  en: {
    acceptance: 'Time limit to accept (decide whether it will be handled)',
    resolution: 'Time limit to resolve',
    transfer: "Time limit to transfer to the competent body (if outside the commune's competence)",
    step: 'Time limit of this step',
    current_step: 'Current step due',
  },
};

const DUE_LABELS: Record<Locale, Record<RuleStage, string>> = {
  vi: { acceptance: 'Hạn thụ lý', resolution: 'Hạn giải quyết', transfer: 'Hạn chuyển đến cơ quan có thẩm quyền', step: 'Hạn của bước này', current_step: 'Hạn bước hiện tại' },
  en: { acceptance: 'Acceptance due', resolution: 'Resolution due', transfer: 'Transfer due', step: 'Step due', current_step: 'Current step due' },
};

function describeStep(step: ExplanationStep, locale: Locale, categoryNames: ReadonlyMap<string, string> | undefined, stage: RuleStage, unit: DeadlineUnit): string {
  const isVi = locale === 'vi';
  switch (step.kind) {
    case 'rule': {
      // A category's own limit names the category; never its internal id (readers see this text).
      const categoryName = step.categoryId ? categoryNames?.get(step.categoryId) : undefined;
      const category = step.categoryId ? (isVi ? ` (riêng cho lĩnh vực${categoryName ? ` ${categoryName}` : ' này'})` : ` (set for the category${categoryName ? ` ${categoryName}` : ''})`) : '';
      // Residents read the law as they can look it up, not the rule's internal id and version (the
      // staff page shows those beside it).
      return `${STAGE_LABELS[locale][stageOfRule(step.ruleId)]}: ${step.amount} ${unitLabel(step.unit, locale)}${category}, ${isVi ? 'theo' : 'under'} ${citeLegalRef(step.legalRef, locale)}.`;
    }
    case 'start': {
      // A calendar-day period counts every day, so it starts the next day even after a Saturday; a
      // working-day period received on a day off starts at the next working day.
      const startsNext = unit === 'calendar_days' || step.isWorkingDay ? (isVi ? 'ngày tiếp theo' : 'the next day') : isVi ? 'ngày làm việc tiếp theo' : 'the next working day';
      if (step.isReopening) {
        return isVi
          ? `Hồ sơ được mở lại ngày ${formatLongDate(step.date, locale)}: thời hạn được tính lại từ ngày mở lại (ngày này không tính; bắt đầu tính từ ${startsNext}).`
          : `The case was reopened on ${formatLongDate(step.date, locale)}: the time limit is counted again from the reopening (that day is not counted; counting starts ${startsNext}).`;
      }
      if (step.isProvisional) {
        // LAW-COMPLAINT-07, LAW-DENUNC-06: the resolution period counts from acceptance (thụ lý), not receipt.
        return isVi
          ? `Thời hạn giải quyết tính từ ngày thụ lý; hồ sơ chưa được thụ lý nên ngày dưới đây là dự kiến, tính như thể thụ lý ngày ${formatLongDate(step.date, locale)} (ngày đó không tính; bắt đầu tính từ ${startsNext}) và được tính lại khi thụ lý.`
          : `The time limit to resolve counts from acceptance; the case is not accepted yet, so the date below is provisional, as if accepted on ${formatLongDate(step.date, locale)} (that day is not counted; counting starts ${startsNext}), and is recomputed on acceptance.`;
      }
      const day = step.isFromAcceptance ? (isVi ? 'Ngày thụ lý' : 'Day of acceptance') : isVi ? 'Ngày tiếp nhận' : 'Day of receipt';
      return isVi ? `${day} ${formatLongDate(step.date, locale)} không tính; bắt đầu tính từ ${startsNext}.` : `${day} ${formatLongDate(step.date, locale)} is not counted; counting starts ${startsNext}.`;
    }
    case 'skipped': {
      const reasons = step.reasons.map((reason) => describeReason(reason, locale)).join('; ');
      return isVi ? `Không tính ${formatLongDate(step.date, locale)}: ${reasons}.` : `Skipped ${formatLongDate(step.date, locale)}: ${reasons}.`;
    }
    case 'pause': {
      const end = step.to ? formatLongDate(step.to, locale) : isVi ? 'nay (đang tạm dừng)' : 'today (still paused)';
      return isVi
        ? `Tạm dừng tính thời hạn từ ${formatLongDate(step.from, locale)} đến ${end}: cộng thêm ${step.daysAdded} ${unitLabel(step.unit, locale)}.`
        : `Clock stopped from ${formatLongDate(step.from, locale)} to ${end}: ${step.daysAdded} ${unitLabel(step.unit, locale)} added.`;
    }
    case 'extension':
      return isVi
        ? `Gia hạn ${step.amount} ${unitLabel(step.unit, locale)} (quyết định ngày ${formatLongDate(step.approvedOn, locale)}).`
        : `Extended by ${step.amount} ${unitLabel(step.unit, locale)} (decision of ${formatLongDate(step.approvedOn, locale)}).`;
    case 'extension_rejected':
      return isVi
        ? `Không áp dụng gia hạn ${step.amount} ${unitLabel(step.unit, locale)} ngày ${formatLongDate(step.approvedOn, locale)}: ${REFUSAL_LABELS.vi[step.reason]}.`
        : `Extension of ${step.amount} ${unitLabel(step.unit, locale)} on ${formatLongDate(step.approvedOn, locale)} not applied: ${REFUSAL_LABELS.en[step.reason]}.`;
    case 'rolled_forward':
      return isVi
        ? `Ngày cuối cùng ${formatLongDate(step.from, locale)} là ngày nghỉ nên chuyển sang ${formatLongDate(step.to, locale)} (${citeLegalRef(step.legalRef, locale)}).`
        : `Last day ${formatLongDate(step.from, locale)} is a day off, so the deadline moves to ${formatLongDate(step.to, locale)} (${citeLegalRef(step.legalRef, locale)}).`;
    case 'due':
      if (step.isProvisional) {
        return isVi ? `${DUE_LABELS.vi[stage]} dự kiến: hết ngày ${formatLongDate(step.date, locale)} (tính từ ngày thụ lý).` : `${DUE_LABELS.en[stage]} (provisional, counted from acceptance) by the end of ${formatLongDate(step.date, locale)}.`;
      }
      return isVi ? `${DUE_LABELS.vi[stage]}: hết ngày ${formatLongDate(step.date, locale)}.` : `${DUE_LABELS.en[stage]} by the end of ${formatLongDate(step.date, locale)}.`;
    case 'reclassified':
      return isVi
        ? `Hồ sơ được phân loại lại ngày ${formatLongDate(step.date, locale)}: thời hạn tính lại theo loại, lĩnh vực mới, vẫn từ ngày tiếp nhận.`
        : `The case was reclassified on ${formatLongDate(step.date, locale)}: the time limit was recomputed for its new type and category, still from the day of receipt.`;
    case 'step_start': {
      // Issue 3 point 4: each step has its own deadline, counted on the commune's calendar like the others.
      const startsNext = step.isWorkingDay ? (isVi ? 'ngày tiếp theo' : 'the next day') : isVi ? 'ngày làm việc tiếp theo' : 'the next working day';
      return isVi
        ? `${STAGE_LABELS.vi.current_step}: hồ sơ được chuyển đến đơn vị đang giữ ngày ${formatLongDate(step.date, locale)}, với ${step.amount} ${unitLabel('working_days', locale)} do người chuyển ấn định (ngày chuyển không tính; bắt đầu tính từ ${startsNext}).`
        : `${STAGE_LABELS.en.current_step}: the case was forwarded to the unit holding it on ${formatLongDate(step.date, locale)}, with ${step.amount} ${unitLabel('working_days', locale)} set by the person who forwarded it (that day is not counted; counting starts ${startsNext}).`;
    }
    case 'variant_decided': {
      const cite = citeLegalRef('LAW-COMPLAINT-07', locale);
      if (step.variant === 'standard') {
        return isVi
          ? `Ngày ${formatLongDate(step.date, locale)} lãnh đạo xác định vụ việc không phức tạp, không thuộc vùng sâu, vùng xa: áp dụng thời hạn thông thường (${cite}).`
          : `On ${formatLongDate(step.date, locale)} the leader found the case neither complex nor in a remote area: the ordinary time limit applies (${cite}).`;
      }
      return isVi
        ? `Ngày ${formatLongDate(step.date, locale)} lãnh đạo xác định bằng văn bản: ${VARIANT_LABELS.vi[step.variant]} (${cite}).`
        : `On ${formatLongDate(step.date, locale)} the leader determined in writing: ${VARIANT_LABELS.en[step.variant]} (${cite}).`;
    }
  }
}

const isPlainWeekend = (step: ExplanationStep): step is Extract<ExplanationStep, { kind: 'skipped' }> =>
  step.kind === 'skipped' && step.reasons.length > 0 && step.reasons.every((reason) => reason.kind === 'weekend');

function describeWeekends(dates: readonly LocalDate[], locale: Locale): string {
  const list = dates.map(formatShortDate).join(', ');
  if (locale === 'vi') return `Không tính ${dates.length} ngày nghỉ cuối tuần: ${list}.`;
  return `Skipped ${dates.length} weekend day${dates.length === 1 ? '' : 's'}: ${list}.`;
}

/**
 * One sentence per explanation step, in the requested locale; a run of ordinary weekend days is one
 * sentence listing their dates, so holidays, make-up days and pauses stand out (a 15-working-day
 * deadline skips six or more weekend days).
 */
export function explanationToText(steps: readonly ExplanationStep[], locale: Locale, categoryNames?: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  let weekends: LocalDate[] = [];
  // Each block starts with its rule: the acceptance deadline, then the resolution deadline.
  let stage: RuleStage = 'resolution';
  let unit: DeadlineUnit = 'working_days';
  for (const step of steps) {
    if (step.kind === 'rule') {
      stage = stageOfRule(step.ruleId);
      unit = step.unit;
    }
    if (step.kind === 'step_start') {
      stage = 'current_step';
      unit = 'working_days';
    }
    if (isPlainWeekend(step)) {
      weekends.push(step.date);
      continue;
    }
    if (weekends.length > 0) {
      lines.push(describeWeekends(weekends, locale));
      weekends = [];
    }
    lines.push(describeStep(step, locale, categoryNames, stage, unit));
  }
  if (weekends.length > 0) lines.push(describeWeekends(weekends, locale));
  return lines;
}

const RULE_SUBJECTS: Record<Locale, Record<DeadlineSubject, string>> = {
  vi: { feedback: 'phản ánh, kiến nghị', question: 'câu hỏi', complaint: 'khiếu nại', denunciation: 'tố cáo', corruption_report: 'thông tin về tham nhũng', reception: 'việc tiếp công dân' },
  en: { feedback: 'feedback', question: 'a question', complaint: 'a complaint', denunciation: 'a denunciation', corruption_report: 'a corruption report', reception: 'a reception visit' },
};

function ruleVerb(subject: DeadlineSubject, stage: DeadlineStage, locale: Locale): string {
  const isFormal = subject === 'complaint' || subject === 'denunciation';
  if (locale === 'vi') {
    if (stage === 'acceptance') return isFormal ? 'thụ lý' : 'tiếp nhận';
    if (stage === 'step') return 'chuyển';
    return isFormal ? 'giải quyết' : subject === 'corruption_report' ? 'xử lý' : 'trả lời';
  }
  if (stage === 'acceptance') return 'accept';
  if (stage === 'step') return 'transfer';
  return isFormal ? 'resolve' : subject === 'corruption_report' ? 'handle' : 'answer';
}

const VARIANT_LABELS: Record<Locale, Record<Exclude<DeadlineVariant, 'standard'>, string>> = {
  vi: { complex: 'vụ việc phức tạp', especially_complex: 'vụ việc đặc biệt phức tạp', remote: 'vùng sâu, vùng xa', remote_complex: 'vùng sâu, vùng xa, vụ việc phức tạp' },
  en: { complex: 'complex case', especially_complex: 'especially complex case', remote: 'remote area', remote_complex: 'remote area, complex case' },
};

/**
 * A deadline rule in words for staff, keeping the legal reference visible, e.g. "Thời hạn trả lời
 * phản ánh, kiến nghị: 15 ngày làm việc (căn cứ: LAW-PAKN-08, độ tin cậy S)". The rule id and
 * version stay in the API's `ruleRef` for the audit trail.
 */
export function describeDeadlineRule(rule: Pick<DeadlineRule, 'caseKind' | 'stage' | 'variant' | 'amount' | 'unit' | 'legalRef' | 'confidence' | 'categoryId'>, locale: Locale): string {
  const isVi = locale === 'vi';
  const qualifiers = [
    ...(rule.variant !== 'standard' ? [VARIANT_LABELS[locale][rule.variant]] : []),
    ...(rule.categoryId ? [isVi ? 'tiêu chuẩn phục vụ của xã cho lĩnh vực này' : "the commune's service standard for this category"] : []),
  ];
  const title = isVi
    ? `Thời hạn ${ruleVerb(rule.caseKind, rule.stage, locale)} ${RULE_SUBJECTS.vi[rule.caseKind]}`
    : `Time limit to ${ruleVerb(rule.caseKind, rule.stage, locale)} ${RULE_SUBJECTS.en[rule.caseKind]}`;
  const confidence = rule.confidence === 'UNCONFIRMED' ? (isVi ? 'chưa xác nhận' : 'unconfirmed') : rule.confidence;
  const basis = isVi ? `căn cứ: ${rule.legalRef}, độ tin cậy ${confidence}` : `legal basis: ${rule.legalRef}, confidence ${confidence}`;
  return `${title}${qualifiers.length > 0 ? ` (${qualifiers.join('; ')})` : ''}: ${rule.amount} ${UNIT_LABELS[locale][rule.unit]} (${basis})`;
}
