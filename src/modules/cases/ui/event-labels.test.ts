import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../core/i18n/translate.js';
import {
  ACTION_SOURCE_STATUSES,
  CASE_ACTION_TYPES,
  CASE_KINDS,
  createCaseState,
  refusalGroundsFor,
  transition,
  type CaseAction,
  type CaseActionType,
  type CaseActor,
  type CaseState,
  type DeadlineRule,
} from '../domain/index.js';
import { actionDoneMessage, STAFF_ACTIONS } from './backoffice/action-notice.js';
import { eventLabel } from './components/case-words.js';
import { caseUiCatalogs } from './i18n.js';

/*
 * Every event a case's timeline can hold has its own words in both languages: the staff timeline
 * and the public status page must never fall back to "Cập nhật" / "Update". The events are taken
 * from the state machine itself (every action, driven through `transition`), plus the ones written
 * outside it, so a new action without a label fails here.
 */
const now = new Date('2026-03-20T03:00:00Z');
const DAY = 86_400_000;
const actors: readonly CaseActor[] = [
  { role: 'officer', userId: 'officer-a', unitId: 'unit-a' },
  { role: 'leader', userId: 'leader-1' },
  { role: 'resident', userId: 'citizen-1' },
  { role: 'admin', userId: 'admin-1' },
];
const extendableRule: DeadlineRule = {
  id: 'test.resolution', version: 1, effectiveFrom: '2000-01-01', caseKind: 'denunciation', stage: 'resolution', variant: 'complex',
  amount: 30, unit: 'calendar_days', legalRef: 'LAW-DENUNC-06', confidence: 'C', extension: { maxCount: 1, maxAmountEach: 30, unit: 'calendar_days' },
};

function stateIn(status: CaseState['status'], kind: CaseState['kind']): CaseState {
  return {
    ...createCaseState({ id: 'case-1', kind, submitterUserId: 'citizen-1', receivedAt: new Date(now.getTime() - 40 * DAY) }),
    status,
    assignedUnitId: 'unit-a',
    resumeStatus: status === 'awaiting_information' ? 'in_progress' : null,
    pauses: status === 'awaiting_information' ? [{ from: new Date(now.getTime() - 2 * DAY), to: null }] : [],
    answeredAt: ['answered', 'closed'].includes(status) ? new Date(now.getTime() - 20 * DAY) : null,
  };
}

function actionOf(type: CaseActionType, kind: CaseState['kind']): CaseAction {
  switch (type) {
    case 'refuse': return { type, ground: refusalGroundsFor(kind)[0]?.code ?? '' };
    case 'assign': return { type, unitId: 'unit-a', officerId: 'officer-a' };
    case 'forward': return { type, toUnitId: 'unit-c', stepDeadline: new Date(now.getTime() + 5 * DAY) };
    case 'requestInformation': return { type, note: 'Xin bổ sung ảnh hiện trường' };
    case 'direct': return { type, note: 'Đề nghị xử lý dứt điểm' };
    case 'extendDeadline': return { type, amount: 30, unit: 'calendar_days', reason: 'Vụ việc phức tạp' };
    case 'rejectDraft': return { type, reason: 'Thiếu căn cứ pháp lý' };
    case 'rate': return { type, score: 4 };
    case 'reopen': return { type, reason: 'Chưa được khắc phục' };
    case 'withdraw': return { type, scope: 'whole' };
    case 'recordWithdrawal': return { type, scope: 'whole', receivedOn: '2026-03-19', channel: 'post', continueHandling: false };
    case 'merge': return { type, intoCaseId: 'case-0' };
    case 'reclassify': return { type, toKind: kind, reason: 'Chọn nhầm lĩnh vực', privacy: kind === 'corruption_report' ? 'anonymous' : 'handler_only', providedIdentity: ['fullName', 'address', 'contact'] };
    case 'transferOut': return { type, bodyName: 'Phòng Tài nguyên và Môi trường huyện', transferDueAt: null };
    case 'decideComplexity': return { type, isComplex: true, isRemoteArea: false, reason: 'Xác minh tại hai nơi' };
    default: return { type } as CaseAction;
  }
}

/** The event an action emits: the first kind, source status and actor for which the state machine accepts it. */
function eventOf(type: CaseActionType, override?: CaseAction, kinds: readonly CaseState['kind'][] = CASE_KINDS): string | undefined {
  for (const kind of kinds) {
    const action = override ?? actionOf(type, kind);
    for (const status of ACTION_SOURCE_STATUSES[type]) {
      for (const actor of actors) {
        const result = transition(stateIn(status, kind), action, { now, actor, deadlineRule: extendableRule });
        if (result.ok) return result.events[0]?.name;
      }
    }
  }
  return undefined;
}

/** Every event name the state machine emits, plus those recorded outside it (submission, the deadline sweep). */
function allTimelineEvents(): Map<string, string> {
  const events = new Map<string, string>();
  for (const type of CASE_ACTION_TYPES) {
    const name = eventOf(type);
    if (!name) throw new Error(`No event for action ${type}: the test's fixtures need updating`);
    events.set(type, name);
  }
  // A partial withdrawal recorded by staff (a denouncer's own request from the portal is only a request).
  const partial = eventOf('recordWithdrawal', { type: 'recordWithdrawal', scope: 'partial', description: 'Rút nội dung thứ hai', receivedOn: '2026-03-19', channel: 'post', continueHandling: false }, ['denunciation']);
  if (!partial) throw new Error('No event for a partial withdrawal');
  events.set('withdraw (partial)', partial);
  const continued = eventOf('recordWithdrawal', { type: 'recordWithdrawal', scope: 'whole', receivedOn: '2026-03-19', channel: 'post', continueHandling: true }, ['denunciation']);
  if (!continued) throw new Error('No event for a recorded denunciation withdrawal whose handling continues');
  events.set('recordWithdrawal (handling continues)', continued);
  const requested = eventOf('withdraw', { type: 'withdraw', scope: 'whole' }, ['denunciation']);
  if (!requested) throw new Error('No event for a denouncer\'s withdrawal request');
  events.set('withdraw (denunciation: a request)', requested);
  // A transfer out after an answer was drafted discards the draft (LAW-PAKN-04, LAW-DENUNC-03): a second, internal event.
  const drafted = { ...stateIn('answer_drafted', 'feedback'), draftedByUserId: 'officer-a' };
  const discarded = transition(drafted, actionOf('transferOut', 'feedback'), { now, actor: actors[1]! });
  if (!discarded.ok || !discarded.events[1]) throw new Error('No draft_discarded event for a transfer out from answer_drafted');
  events.set('transferOut (draft discarded)', discarded.events[1].name);
  events.set('submission', 'cases.case.received');
  events.set('deadline sweep', 'cases.case.overdue');
  // The other side of a merge, written on the case merged into (case-actions.ts `recordMergedIn`).
  events.set('merge (the case merged into)', 'cases.case.merged_in');
  // Supervision flags (internal timeline only, LAW-DEMO-54).
  for (const step of ['raised', 'answered', 'closed', 'kept_open']) events.set(`supervision flag ${step}`, `cases.case.supervision_flag_${step}`);
  return events;
}

describe('timeline event labels', () => {
  const events = allTimelineEvents();

  it('finds an event for every action of the state machine', () => {
    expect(events.size).toBe(CASE_ACTION_TYPES.length + 11);
    for (const name of events.values()) expect(name).toMatch(/^cases\.case\.[a-z_]+$/);
    expect([...events.values()]).toEqual(expect.arrayContaining(['cases.case.answer_drafted', 'cases.case.answer_approved', 'cases.case.draft_rejected', 'cases.case.draft_recalled', 'cases.case.partially_withdrawn', 'cases.case.handling_continued_after_withdrawal', 'cases.case.withdrawal_requested', 'cases.case.reclassified', 'cases.case.transferred_out', 'cases.case.draft_discarded', 'cases.case.complexity_decided']));
  });

  it.each(['vi', 'en'] as const)('gives each event its own %s label, never the neutral fallback', (locale) => {
    const t = createTranslate(caseUiCatalogs, locale);
    const fallback = t('cases.portal.event.other');
    for (const [source, name] of events) {
      const key = `cases.portal.event.${name.replace(/^cases\.case\./, '')}`;
      expect(caseUiCatalogs[locale][key], `${locale} ${key} (${source})`).toEqual(expect.any(String));
      const label = eventLabel(name, t);
      expect(label, `${locale} ${name}`).not.toBe(fallback);
      expect(label.trim()).not.toBe('');
    }
  });

  it('names the draft, approval and return of an answer in plain words', () => {
    const vi = createTranslate(caseUiCatalogs, 'vi');
    const en = createTranslate(caseUiCatalogs, 'en');
    expect(eventLabel('cases.case.answer_drafted', vi)).toBe('Đã soạn dự thảo câu trả lời');
    expect(eventLabel('cases.case.answer_approved', vi)).toBe('Lãnh đạo đã duyệt câu trả lời');
    expect(eventLabel('cases.case.draft_rejected', vi)).toBe('Lãnh đạo trả lại dự thảo');
    expect(eventLabel('cases.case.answer_drafted', en)).toBe('Answer drafted');
    expect(eventLabel('cases.case.something_new', vi)).toBe('Cập nhật');
  });
});

describe('action success messages', () => {
  const unitName = (id: string | null) => (id === 'unit-a' ? 'Phòng Kinh tế' : 'Chưa giao');
  const outcome = { assignedUnitId: 'unit-a', assignedOfficerName: null, mergedIntoCode: 'NQ-2611-7K3PA' };

  it.each(['vi', 'en'] as const)('has a %s sentence for every staff action, with its placeholders filled', (locale) => {
    const t = createTranslate(caseUiCatalogs, locale);
    expect(STAFF_ACTIONS.length).toBe(CASE_ACTION_TYPES.length - 3);
    for (const action of STAFF_ACTIONS) {
      expect(caseUiCatalogs[locale][`cases.backoffice.done.${action}`], `${locale} ${action}`).toEqual(expect.any(String));
      const message = actionDoneMessage(action, outcome, unitName, t);
      expect(message, `${locale} ${action}`).not.toMatch(/[{}]|cases\.backoffice/);
    }
  });

  it('names the unit and the officer of an assignment, and the case merged into', () => {
    const vi = createTranslate(caseUiCatalogs, 'vi');
    const en = createTranslate(caseUiCatalogs, 'en');
    expect(actionDoneMessage('accept', outcome, unitName, vi)).toBe('Đã thụ lý hồ sơ.');
    expect(actionDoneMessage('accept', outcome, unitName, en)).toBe('Case accepted.');
    expect(actionDoneMessage('assign', outcome, unitName, vi)).toBe('Đã giao xử lý cho Phòng Kinh tế.');
    expect(actionDoneMessage('assign', { ...outcome, assignedOfficerName: 'Lê Văn Địa' }, unitName, vi)).toBe('Đã giao xử lý cho Phòng Kinh tế, cán bộ Lê Văn Địa.');
    expect(actionDoneMessage('merge', outcome, unitName, en)).toBe('Merged into case NQ-2611-7K3PA.');
  });
});
