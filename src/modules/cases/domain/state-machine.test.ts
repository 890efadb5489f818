import { describe, expect, it } from 'vitest';
import {
  CASE_ACTION_TYPES,
  CASE_STATUSES,
  createCaseState,
  type CaseAction,
  type CaseActionType,
  type CaseActor,
  type CaseState,
  type CaseStatus,
} from './case-state.js';
import { CASE_KINDS, type CaseKind } from './case-types.js';
import { createWorkingCalendar } from '../../../core/calendar/index.js';
import { computeDeadline } from './compute-deadline.js';
import { defaultDeadlineRules, type DeadlineRule } from './deadlines.js';
import { refusalGroundsFor } from './refusal-grounds.js';
import { defaultCaseSettings } from './case-state.js';
import { isPartialWithdrawalAllowed, listAvailableActions, transition } from './state-machine.js';

const DAY = 86_400_000;
const now = new Date('2026-03-20T03:00:00Z');
const extendableRule: DeadlineRule = {
  id: 'test.resolution', version: 1, effectiveFrom: '2000-01-01', caseKind: 'denunciation', stage: 'resolution', variant: 'complex',
  amount: 30, unit: 'calendar_days', legalRef: 'LAW-DENUNC-06', confidence: 'C', extension: { maxCount: 1, maxAmountEach: 30, unit: 'calendar_days' },
};

// LAW-DENUNC-02: 7 working days to accept, one extension of up to 3 (10 in total).
const denunciationAcceptanceRule = defaultDeadlineRules.find((rule) => rule.id === 'denunciation.acceptance')!;

const actors = {
  officerSameUnit: { role: 'officer', userId: 'officer-a', unitId: 'unit-a' },
  officerOtherUnit: { role: 'officer', userId: 'officer-b', unitId: 'unit-b' },
  leader: { role: 'leader', userId: 'leader-1' },
  submitter: { role: 'resident', userId: 'citizen-1' },
  otherResident: { role: 'resident', userId: 'citizen-2' },
  areaHead: { role: 'area_head', userId: 'area-1', unitId: 'unit-a' },
  supervisor: { role: 'supervisor', userId: 'front-1' },
  higherLevelViewer: { role: 'higher_level_viewer', userId: 'province-1' },
  admin: { role: 'admin', userId: 'admin-1' },
  system: { role: 'system', userId: 'system' },
} satisfies Record<string, CaseActor>;
type ActorName = keyof typeof actors;

function stateIn(status: CaseStatus, kind: CaseKind = 'feedback'): CaseState {
  return {
    ...createCaseState({ id: 'case-1', kind, submitterUserId: 'citizen-1', receivedAt: new Date(now.getTime() - 40 * DAY) }),
    status,
    assignedUnitId: 'unit-a',
    resumeStatus: status === 'awaiting_information' ? 'in_progress' : null,
    pauses: status === 'awaiting_information' ? [{ from: new Date(now.getTime() - 2 * DAY), to: null }] : [],
    answeredAt: ['answered', 'closed'].includes(status) ? new Date(now.getTime() - 20 * DAY) : null,
    draftedByUserId: ['answer_drafted', 'answer_approved'].includes(status) ? 'officer-a' : null,
  };
}

function validAction(type: CaseActionType, kind: CaseKind, status?: CaseStatus): CaseAction {
  switch (type) {
    case 'refuse': return { type, ground: refusalGroundsFor(kind)[0]?.code ?? '' };
    case 'assign': return { type, unitId: 'unit-a', officerId: 'officer-a' };
    case 'forward': return { type, toUnitId: 'unit-c', stepDeadline: new Date(now.getTime() + 5 * DAY) };
    case 'requestInformation': return { type, note: 'Xin bổ sung ảnh hiện trường' };
    case 'direct': return { type, note: 'Đề nghị xử lý dứt điểm' };
    case 'extendDeadline':
      // While received, the acceptance period (LAW-DENUNC-02); afterwards the resolution period (LAW-DENUNC-06).
      if (status === 'received') return { type, amount: 3, unit: 'working_days', reason: 'Cần xác minh ở nhiều nơi' };
      return { type, amount: 30, unit: 'calendar_days', reason: 'Vụ việc phức tạp', decisionRef: '12/QĐ-UBND' };
    case 'rejectDraft': return { type, reason: 'Thiếu căn cứ pháp lý' };
    case 'rate': return { type, score: 4, comment: 'Cảm ơn' };
    case 'reopen': return { type, reason: 'Chưa được khắc phục' };
    case 'withdraw': return { type, scope: 'whole' };
    case 'recordWithdrawal': return { type, scope: 'whole', receivedOn: '2026-03-19', channel: 'post', continueHandling: false };
    case 'merge': return { type, intoCaseId: 'case-0' };
    case 'reclassify': return { type, toKind: kind, reason: 'Chọn nhầm lĩnh vực', privacy: kind === 'corruption_report' ? 'anonymous' : 'handler_only', providedIdentity: ['fullName', 'address', 'contact'] };
    case 'transferOut': return { type, bodyName: 'Phòng Tài nguyên và Môi trường huyện', transferDueAt: null };
    case 'decideComplexity': return { type, isComplex: true, isRemoteArea: false, reason: 'Phải xác minh tại hai nơi' };
    default: return { type } as CaseAction;
  }
}

const PERMITTED: Record<CaseActionType, ActorName[]> = {
  accept: ['officerSameUnit', 'leader'],
  refuse: ['officerSameUnit', 'leader'],
  assign: ['officerSameUnit', 'leader'],
  startWork: ['officerSameUnit'],
  forward: ['officerSameUnit', 'leader'],
  requestInformation: ['officerSameUnit', 'leader'],
  receiveInformation: ['officerSameUnit', 'submitter'],
  direct: ['leader'],
  extendDeadline: ['leader'],
  draftAnswer: ['officerSameUnit'],
  rejectDraft: ['leader'],
  recallDraft: ['officerSameUnit'],
  approveAnswer: ['leader'],
  publishAnswer: ['leader'],
  rate: ['submitter'],
  reopen: ['submitter'],
  withdraw: ['submitter'],
  recordWithdrawal: ['officerSameUnit', 'leader'],
  merge: ['officerSameUnit', 'leader'],
  close: ['officerSameUnit', 'leader', 'admin', 'system'],
  reclassify: ['officerSameUnit', 'leader'],
  transferOut: ['officerSameUnit', 'leader'],
  decideComplexity: ['leader'],
};

const ALLOWED_FEEDBACK: Record<CaseStatus, CaseActionType[]> = {
  received: ['accept', 'refuse', 'requestInformation', 'direct', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  accepted: ['assign', 'requestInformation', 'direct', 'extendDeadline', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  refused: [],
  assigned: ['assign', 'startWork', 'forward', 'requestInformation', 'direct', 'extendDeadline', 'draftAnswer', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  forwarded: ['startWork', 'forward', 'direct', 'extendDeadline', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  awaiting_information: ['receiveInformation', 'direct', 'extendDeadline', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  in_progress: ['assign', 'forward', 'requestInformation', 'direct', 'extendDeadline', 'draftAnswer', 'withdraw', 'recordWithdrawal', 'merge', 'reclassify', 'transferOut'],
  answer_drafted: ['direct', 'extendDeadline', 'rejectDraft', 'recallDraft', 'approveAnswer', 'withdraw', 'recordWithdrawal', 'transferOut'],
  answer_approved: ['direct', 'publishAnswer', 'withdraw', 'recordWithdrawal', 'transferOut'],
  answered: ['rate', 'reopen', 'close'],
  closed: ['reopen'],
  reopened: ['assign', 'forward', 'requestInformation', 'direct', 'extendDeadline', 'draftAnswer', 'withdraw', 'recordWithdrawal', 'merge'],
  withdrawn: [],
  merged: [],
  transferred: [],
};

/** LAW-COMPLAINT-07/08: the complexity determination is a complaint's, until the decision is signed. */
const COMPLEXITY_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted'];

function expectedAllowed(kind: CaseKind, status: CaseStatus): CaseActionType[] {
  let allowed = ALLOWED_FEEDBACK[status];
  // LAW-COMPLAINT-04 / LAW-DENUNC-08: withdrawal only before the decision/conclusion is signed; no reopening.
  if (kind === 'complaint' || kind === 'denunciation') {
    allowed = allowed.filter((type) => type !== 'reopen' && !((type === 'withdraw' || type === 'recordWithdrawal') && status === 'answer_approved'));
  }
  // LAW-DENUNC-04: anonymous information cannot be withdrawn, on the portal or on paper.
  if (kind === 'corruption_report') allowed = allowed.filter((type) => type !== 'withdraw' && type !== 'recordWithdrawal');
  // LAW-PAKN-04 / LAW-DENUNC-03: a complaint outside competence is not transferred (its author is guided).
  if (kind === 'complaint') allowed = allowed.filter((type) => type !== 'transferOut');
  // LAW-DENUNC-03/09: a denunciation's (or anonymous report's) approved answer is the signed conclusion: no transfer after it.
  if ((kind === 'denunciation' || kind === 'corruption_report') && status === 'answer_approved') allowed = allowed.filter((type) => type !== 'transferOut');
  if (kind === 'complaint' && COMPLEXITY_STATUSES.includes(status)) allowed = [...allowed, 'decideComplexity'];
  // LAW-DENUNC-02: a denunciation's acceptance period may be extended while it is received.
  if (kind === 'denunciation' && status === 'received') allowed = CASE_ACTION_TYPES.filter((type) => allowed.includes(type) || type === 'extendDeadline');
  return allowed;
}

describe('transition table: every status × action × kind', () => {
  for (const kind of CASE_KINDS) {
    for (const status of CASE_STATUSES) {
      it(`${kind} in ${status} allows exactly ${expectedAllowed(kind, status).join(', ') || 'nothing'}`, () => {
        const allowed = CASE_ACTION_TYPES.filter((type) => {
          const actor = actors[PERMITTED[type][0] ?? 'leader'];
          const result = transition(stateIn(status, kind), validAction(type, kind, status), { now, actor, deadlineRule: extendableRule, acceptanceRule: denunciationAcceptanceRule });
          if (!result.ok) expect(['invalid_transition', 'not_allowed_for_kind']).toContain(result.reason);
          return result.ok;
        });
        expect(allowed).toEqual(expectedAllowed(kind, status));
      });
    }
  }
});

describe('permissions: who may do what', () => {
  for (const type of CASE_ACTION_TYPES) {
    const status = CASE_STATUSES.find((candidate) => ALLOWED_FEEDBACK[candidate].includes(type)) ?? 'received';
    it(`${type} (from ${status}) only by ${PERMITTED[type].join(', ')}`, () => {
      for (const [name, actor] of Object.entries(actors) as [ActorName, CaseActor][]) {
        const kind: CaseKind = type === 'decideComplexity' ? 'complaint' : 'feedback';
        const result = transition(stateIn(status, kind), validAction(type, kind), { now, actor, deadlineRule: extendableRule });
        if (PERMITTED[type].includes(name)) expect(result.ok, name).toBe(true);
        else expect(result, name).toEqual({ ok: false, reason: 'forbidden' });
      }
    });
  }

  it('any officer may accept an unassigned case at the reception desk', () => {
    const state = { ...stateIn('received'), assignedUnitId: null };
    expect(transition(state, { type: 'accept' }, { now, actor: actors.officerOtherUnit }).ok).toBe(true);
  });

  it('lists the available actions for the UI', () => {
    expect(listAvailableActions(stateIn('answer_drafted'), actors.leader, now)).toEqual(['direct', 'extendDeadline', 'rejectDraft', 'approveAnswer', 'recordWithdrawal', 'transferOut']);
    expect(listAvailableActions(stateIn('answered'), actors.submitter, now)).toEqual(['rate', 'reopen']);
    expect(listAvailableActions(stateIn('in_progress'), actors.supervisor, now)).toEqual([]);
  });

  it('offers close only once it would be accepted: after the auto-close period since the answer', () => {
    const answeredRecently = { ...stateIn('answered'), answeredAt: new Date(now.getTime() - 3 * DAY) };
    for (const actor of [actors.officerSameUnit, actors.leader, actors.admin, actors.system]) {
      expect(listAvailableActions(answeredRecently, actor, now)).not.toContain('close');
      expect(transition(answeredRecently, { type: 'close' }, { now, actor })).toEqual({ ok: false, reason: 'too_early_to_close' });
      expect(listAvailableActions(stateIn('answered'), actor, now)).toContain('close');
    }
    // Exactly at the end of the period (15 days by default) it is offered and accepted.
    const dueNow = { ...stateIn('answered'), answeredAt: new Date(now.getTime() - 15 * DAY) };
    expect(listAvailableActions(dueNow, actors.leader, now)).toContain('close');
    expect(transition(dueNow, { type: 'close' }, { now, actor: actors.system }).ok).toBe(true);
    expect(listAvailableActions(dueNow, actors.leader, now, { ...defaultCaseSettings, autoCloseAfterDays: 16 })).not.toContain('close');
  });
});

describe('lifecycle behaviour', () => {
  it('runs the full happy path with clock stop and events', () => {
    let state = createCaseState({ id: 'case-9', kind: 'feedback', submitterUserId: 'citizen-1', receivedAt: now });
    const step = (action: CaseAction, actor: CaseActor, at: Date = now) => {
      const result = transition(state, action, { now: at, actor });
      if (!result.ok) throw new Error(`${action.type} failed: ${result.reason}`);
      state = result.state;
      return result.events;
    };
    expect(step({ type: 'accept' }, actors.officerSameUnit)[0]).toMatchObject({ name: 'cases.case.accepted', shouldNotifySubmitter: true, caseId: 'case-9' });
    expect(state.acceptedAt).toEqual(now);
    step({ type: 'assign', unitId: 'unit-a' }, actors.leader);
    step({ type: 'startWork' }, actors.officerSameUnit);
    expect(state.assignedOfficerId).toBe('officer-a');
    step({ type: 'requestInformation', note: 'Bổ sung' }, actors.officerSameUnit);
    expect(state.status).toBe('awaiting_information');
    const later = new Date(now.getTime() + 3 * DAY);
    step({ type: 'receiveInformation' }, actors.submitter, later);
    // LAW-BASE-10: the clock stop is recorded with both ends.
    expect(state.pauses).toEqual([{ from: now, to: later }]);
    expect(state.status).toBe('in_progress');
    step({ type: 'direct', note: 'Ưu tiên' }, actors.leader);
    expect(state.status).toBe('in_progress');
    expect(step({ type: 'draftAnswer' }, actors.officerSameUnit)[0]?.shouldNotifySubmitter).toBe(false);
    step({ type: 'rejectDraft', reason: 'Sửa lại' }, actors.leader);
    expect(state.status).toBe('in_progress');
    step({ type: 'draftAnswer' }, actors.officerSameUnit);
    step({ type: 'approveAnswer' }, actors.leader);
    step({ type: 'publishAnswer' }, actors.leader, later);
    expect(state).toMatchObject({ status: 'answered', answeredAt: later });
    step({ type: 'rate', score: 5, comment: 'Tốt' }, actors.submitter, later);
    expect(state).toMatchObject({ status: 'closed', rating: { score: 5, comment: 'Tốt' }, closedAt: later });
  });

  it('returns to the status held before the information request', () => {
    const requested = transition(stateIn('accepted'), { type: 'requestInformation', note: 'x' }, { now, actor: actors.officerSameUnit });
    expect(requested.ok && requested.state.resumeStatus).toBe('accepted');
    if (!requested.ok) return;
    const received = transition(requested.state, { type: 'receiveInformation' }, { now, actor: actors.officerSameUnit });
    expect(received.ok && received.state.status).toBe('accepted');
  });

  it('validates refusal grounds per kind (LAW-COMPLAINT-05)', () => {
    const ctx = { now, actor: actors.leader };
    expect(transition(stateIn('received', 'complaint'), { type: 'refuse', ground: 'feedback_requirements_unmet' }, ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
    const refused = transition(stateIn('received', 'complaint'), { type: 'refuse', ground: 'complaint_unsigned' }, ctx);
    expect(refused.ok && refused.state).toMatchObject({ status: 'refused', refusalGround: 'complaint_unsigned' });
  });

  it('rejects ratings outside 1..5', () => {
    for (const score of [0, 6, 3.5]) {
      expect(transition(stateIn('answered'), { type: 'rate', score }, { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'invalid_argument' });
    }
  });

  it('limits reopening to the configured window and count', () => {
    const late = new Date(now.getTime() + 11 * DAY); // 31 days after the answer
    expect(transition(stateIn('closed'), { type: 'reopen', reason: 'x' }, { now: late, actor: actors.submitter })).toEqual({ ok: false, reason: 'reopen_window_expired' });
    const reopenedTwice = { ...stateIn('answered'), reopenedCount: 2 };
    expect(transition(reopenedTwice, { type: 'reopen', reason: 'x' }, { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'reopen_limit_reached' });
    const reopened = transition(stateIn('closed'), { type: 'reopen', reason: 'Chưa sửa' }, { now, actor: actors.submitter });
    expect(reopened.ok && reopened.state).toMatchObject({ status: 'reopened', reopenedCount: 1, closedAt: null, rating: null, reopenedAt: now });
  });

  it('reopening keeps every earlier rating (only the current round\'s rating is cleared)', () => {
    let state = stateIn('answered');
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const step = (action: CaseAction, actor: CaseActor, when: Date) => {
      const result = transition(state, action, { now: when, actor });
      if (!result.ok) throw new Error(`${action.type} failed: ${result.reason}`);
      state = result.state;
    };
    step({ type: 'rate', score: 2, comment: 'Chưa sửa xong' }, actors.submitter, now);
    step({ type: 'reopen', reason: 'Đường vẫn sụt' }, actors.submitter, now);
    expect(state).toMatchObject({ rating: null, earlierRatings: [{ score: 2, comment: 'Chưa sửa xong' }], reopenedAt: now });
    step({ type: 'draftAnswer' }, actors.officerSameUnit, at(1));
    step({ type: 'approveAnswer' }, actors.leader, at(1));
    step({ type: 'publishAnswer' }, actors.leader, at(2));
    step({ type: 'rate', score: 1 }, actors.submitter, at(2));
    step({ type: 'reopen', reason: 'Vẫn chưa sửa' }, actors.submitter, at(3));
    expect(state).toMatchObject({ status: 'reopened', rating: null, earlierRatings: [{ score: 2, comment: 'Chưa sửa xong' }, { score: 1, comment: null }], reopenedCount: 2, reopenedAt: at(3) });
    // A reopening without a rating adds nothing.
    const unrated = transition(stateIn('answered'), { type: 'reopen', reason: 'x' }, { now, actor: actors.submitter });
    expect(unrated.ok && unrated.state.earlierRatings).toEqual([]);
  });

  it('closes administratively only after N days without rating', () => {
    const early = { ...stateIn('answered'), answeredAt: new Date(now.getTime() - 3 * DAY) };
    expect(transition(early, { type: 'close' }, { now, actor: actors.admin })).toEqual({ ok: false, reason: 'too_early_to_close' });
    expect(transition(stateIn('answered'), { type: 'close' }, { now, actor: actors.admin }).ok).toBe(true);
  });

  it('LAW-COMPLAINT-04: complaint withdrawal before the decision; partial only from 01/07/2026', () => {
    const ctx = { now, actor: actors.submitter };
    expect(transition(stateIn('answer_approved', 'complaint'), { type: 'withdraw', scope: 'whole' }, ctx)).toEqual({ ok: false, reason: 'invalid_transition' });
    const partial: CaseAction = { type: 'withdraw', scope: 'partial', description: 'Rút nội dung thứ 2' };
    expect(transition(stateIn('in_progress', 'complaint'), partial, ctx)).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
    const after = transition(stateIn('in_progress', 'complaint'), partial, { ...ctx, now: new Date('2026-07-01T01:00:00Z') });
    expect(after.ok && after.state.status).toBe('in_progress');
    expect(after.ok && after.events[0]?.name).toBe('cases.case.partially_withdrawn');
  });

  it('LAW-DENUNC-08: a denouncer\'s withdrawal from the portal is a request the handler decides; the case goes on until then', () => {
    const result = transition(stateIn('awaiting_information', 'denunciation'), { type: 'withdraw', scope: 'whole' }, { now, actor: actors.submitter });
    expect(result.ok && result.state.status).toBe('awaiting_information');
    expect(result.ok && result.state.closedAt).toBeNull();
    expect(result.ok && result.state.withdrawalRequest).toEqual({ at: now, scope: 'whole', description: null });
    expect(result.ok && result.events[0]).toMatchObject({ name: 'cases.case.withdrawal_requested', payload: { fromStatus: 'awaiting_information', toStatus: 'awaiting_information' } });
    const partial = transition(stateIn('in_progress', 'denunciation'), { type: 'withdraw', scope: 'partial', description: ' Một nội dung ' }, { now, actor: actors.submitter });
    expect(partial.ok && partial.state.partialWithdrawals).toHaveLength(0);
    expect(partial.ok && partial.state.withdrawalRequest).toEqual({ at: now, scope: 'partial', description: 'Một nội dung' });
    expect(transition(stateIn('in_progress', 'denunciation'), { type: 'withdraw', scope: 'partial' }, { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'invalid_argument' });
    // Staff recording the withdrawal decide, and the request is cleared either way.
    const pending = partial.ok ? partial.state : stateIn('in_progress', 'denunciation');
    const recorded = (continueHandling: boolean) => transition(pending, { type: 'recordWithdrawal', scope: 'partial', description: 'Một nội dung', receivedOn: '2026-03-19', channel: 'post', continueHandling }, { now, actor: actors.officerSameUnit });
    for (const continueHandling of [true, false]) {
      const outcome = recorded(continueHandling);
      expect(outcome.ok && outcome.state.withdrawalRequest).toBeNull();
      expect(outcome.ok && outcome.state.partialWithdrawals).toHaveLength(continueHandling ? 0 : 1);
    }
    expect(transition(stateIn('in_progress', 'feedback'), { type: 'withdraw', scope: 'partial', description: 'x' }, { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
  });

  describe('staff record a written withdrawal with the portal\'s legal limits (LAW-COMPLAINT-04, LAW-DENUNC-08)', () => {
    const onPaper = (overrides: Partial<Extract<CaseAction, { type: 'recordWithdrawal' }>> = {}): CaseAction => ({ type: 'recordWithdrawal', scope: 'whole', receivedOn: '2026-03-19', channel: 'in_person', ...overrides });
    const ctx = { now, actor: actors.officerSameUnit };

    it('a whole withdrawal ends the case, stops its clock and tells the submitter, as on the portal', () => {
      const result = transition(stateIn('awaiting_information', 'complaint'), onPaper({ reason: 'Đã tự hòa giải' }), ctx);
      expect(result.ok && result.state).toMatchObject({ status: 'withdrawn', closedAt: now });
      expect(result.ok && result.state.pauses.every((pause) => pause.to)).toBe(true);
      expect(result.ok && result.events[0]).toMatchObject({ name: 'cases.case.withdrawn', shouldNotifySubmitter: true, payload: { channel: 'in_person', receivedOn: '2026-03-19' } });
    });

    it('a partial withdrawal needs the withdrawn part; complaints only from 01/07/2026', () => {
      expect(transition(stateIn('in_progress', 'denunciation'), onPaper({ scope: 'partial', continueHandling: false }), ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
      const partial = transition(stateIn('in_progress', 'denunciation'), onPaper({ scope: 'partial', description: 'Nội dung thứ 2', continueHandling: false }), ctx);
      expect(partial.ok && partial.state).toMatchObject({ status: 'in_progress', partialWithdrawals: [{ at: now, description: 'Nội dung thứ 2' }] });
      expect(partial.ok && partial.events[0]?.name).toBe('cases.case.partially_withdrawn');
      expect(transition(stateIn('in_progress', 'complaint'), onPaper({ scope: 'partial', description: 'Nội dung 2' }), ctx)).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
      const july = transition(stateIn('in_progress', 'complaint'), onPaper({ scope: 'partial', description: 'Nội dung 2', receivedOn: '2026-07-01' }), { ...ctx, now: new Date('2026-07-01T03:00:00Z') });
      expect(july.ok && july.events[0]?.name).toBe('cases.case.partially_withdrawn');
      expect(transition(stateIn('in_progress', 'feedback'), onPaper({ scope: 'partial', description: 'x' }), ctx)).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
    });

    it('refuses what the portal refuses: anonymous information, after the decision is approved, by a resident', () => {
      expect(transition(stateIn('in_progress', 'corruption_report'), onPaper(), ctx)).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
      expect(transition(stateIn('answer_approved', 'complaint'), onPaper(), { now, actor: actors.leader })).toEqual({ ok: false, reason: 'invalid_transition' });
      expect(transition(stateIn('in_progress', 'complaint'), onPaper(), { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'forbidden' });
    });

    it('the day received lies between the case\'s receipt and today', () => {
      expect(transition(stateIn('in_progress', 'complaint'), onPaper({ receivedOn: '2026-03-21' }), ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
      expect(transition(stateIn('in_progress', 'complaint'), onPaper({ receivedOn: '2026-02-01' }), ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
      expect(transition(stateIn('in_progress', 'complaint'), onPaper({ receivedOn: '2026-03-20' }), ctx).ok).toBe(true);
    });

    it('LAW-DENUNC-08: a denunciation must say whether handling continues; if so the case goes on unchanged', () => {
      expect(transition(stateIn('in_progress', 'denunciation'), onPaper(), ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
      const state = stateIn('in_progress', 'denunciation');
      const continued = transition(state, onPaper({ continueHandling: true, reason: 'Có dấu hiệu bị đe dọa' }), ctx);
      expect(continued.ok && continued.state).toEqual(state);
      expect(continued.ok && continued.events[0]).toMatchObject({ name: 'cases.case.handling_continued_after_withdrawal', payload: { continueHandling: true, toStatus: 'in_progress' } });
      const partContinued = transition(state, onPaper({ scope: 'partial', description: 'Nội dung 1', continueHandling: true }), ctx);
      expect(partContinued.ok && partContinued.state.partialWithdrawals).toEqual([]);
      const ended = transition(state, onPaper({ continueHandling: false }), ctx);
      expect(ended.ok && ended.state.status).toBe('withdrawn');
    });
  });

  it('LAW-DENUNC-06: extensions are capped by the rule', () => {
    const ctx = { now, actor: actors.leader, deadlineRule: extendableRule };
    const action: CaseAction = { type: 'extendDeadline', amount: 30, unit: 'calendar_days', reason: 'Phức tạp' };
    expect(transition(stateIn('in_progress', 'denunciation'), action, { now, actor: actors.leader })).toEqual({ ok: false, reason: 'invalid_argument' });
    const first = transition(stateIn('in_progress', 'denunciation'), action, ctx);
    expect(first.ok && first.state.extensions).toEqual([{ amount: 30, unit: 'calendar_days', approvedAt: now, reason: 'Phức tạp', decisionRef: null }]);
    if (!first.ok) return;
    expect(transition(first.state, action, ctx)).toEqual({ ok: false, reason: 'extension_not_allowed' });
    expect(transition(stateIn('in_progress', 'denunciation'), { ...action, amount: 31 }, ctx)).toEqual({ ok: false, reason: 'extension_not_allowed' });
  });

  it('LAW-DENUNC-02: a leader extends a received denunciation\'s acceptance period, 7 working days up to 10 in total', () => {
    const ctx = { now, actor: actors.leader, deadlineRule: extendableRule, acceptanceRule: denunciationAcceptanceRule };
    const action: CaseAction = { type: 'extendDeadline', amount: 3, unit: 'working_days', reason: 'Cần xác minh ở nhiều nơi', decisionRef: '05/TB-UBND' };
    const extended = transition(stateIn('received', 'denunciation'), action, ctx);
    if (!extended.ok) throw new Error(extended.reason);
    expect(extended.state).toMatchObject({ status: 'received', extensions: [], acceptanceExtensions: [{ amount: 3, unit: 'working_days', approvedAt: now, reason: 'Cần xác minh ở nhiều nơi', decisionRef: '05/TB-UBND' }] });
    expect(extended.events[0]).toMatchObject({ name: 'cases.case.deadline_extended', shouldNotifySubmitter: true });
    // Beyond 10 in total, twice, in calendar days, without a reason, without the rule, or not by a leader: refused.
    expect(transition(extended.state, { ...action, amount: 1 }, ctx)).toEqual({ ok: false, reason: 'extension_not_allowed' });
    expect(transition(stateIn('received', 'denunciation'), { ...action, amount: 4 }, ctx)).toEqual({ ok: false, reason: 'extension_not_allowed' });
    expect(transition(stateIn('received', 'denunciation'), { ...action, unit: 'calendar_days' }, ctx)).toEqual({ ok: false, reason: 'extension_not_allowed' });
    expect(transition(stateIn('received', 'denunciation'), { ...action, reason: ' ' }, ctx)).toEqual({ ok: false, reason: 'invalid_argument' });
    expect(transition(stateIn('received', 'denunciation'), action, { now, actor: actors.leader, deadlineRule: extendableRule })).toEqual({ ok: false, reason: 'invalid_argument' });
    expect(transition(stateIn('received', 'denunciation'), action, { ...ctx, actor: actors.officerSameUnit })).toEqual({ ok: false, reason: 'forbidden' });
    // Other kinds' acceptance periods have no extension in law: not even offered while received.
    for (const kind of ['feedback', 'question', 'complaint', 'corruption_report'] as const) {
      expect(transition(stateIn('received', kind), action, ctx)).toEqual({ ok: false, reason: 'invalid_transition' });
    }
    expect(listAvailableActions(stateIn('received', 'denunciation'), actors.leader, now)).toContain('extendDeadline');
    expect(listAvailableActions(stateIn('received', 'complaint'), actors.leader, now)).not.toContain('extendDeadline');
  });

  it('forwarding hands the case to the receiving unit', () => {
    const forwarded = transition(stateIn('in_progress'), validAction('forward', 'feedback'), { now, actor: actors.officerSameUnit });
    expect(forwarded.ok && forwarded.state).toMatchObject({ status: 'forwarded', assignedUnitId: 'unit-c', assignedOfficerId: null });
    if (!forwarded.ok) return;
    expect(transition(forwarded.state, { type: 'startWork' }, { now, actor: actors.officerSameUnit })).toEqual({ ok: false, reason: 'forbidden' });
    const receiving: CaseActor = { role: 'officer', userId: 'officer-c', unitId: 'unit-c' };
    expect(transition(forwarded.state, { type: 'startWork' }, { now, actor: receiving }).ok).toBe(true);
    expect(transition(stateIn('in_progress'), { type: 'forward', toUnitId: 'unit-c', stepDeadline: now }, { now, actor: actors.leader })).toEqual({ ok: false, reason: 'invalid_argument' });
  });

  it('cannot merge a case into itself', () => {
    expect(transition(stateIn('received'), { type: 'merge', intoCaseId: 'case-1' }, { now, actor: actors.leader })).toEqual({ ok: false, reason: 'invalid_argument' });
    const merged = transition(stateIn('received'), { type: 'merge', intoCaseId: 'case-0' }, { now, actor: actors.leader });
    expect(merged.ok && merged.state).toMatchObject({ status: 'merged', mergedIntoCaseId: 'case-0' });
  });

  it('LAW-DENUNC-04: anonymous information never notifies a submitter', () => {
    const result = transition(stateIn('received', 'corruption_report'), { type: 'accept' }, { now, actor: actors.officerSameUnit });
    expect(result.ok && result.events[0]?.shouldNotifySubmitter).toBe(false);
  });

  it('the drafting officer recalls a draft awaiting approval: back to in progress, clock untouched', () => {
    const paused = { from: new Date(now.getTime() - 10 * DAY), to: new Date(now.getTime() - 8 * DAY) };
    const extension = { amount: 10, unit: 'calendar_days' as const, approvedAt: new Date(now.getTime() - 5 * DAY), reason: 'Phức tạp', decisionRef: null };
    const drafted = { ...stateIn('answer_drafted'), pauses: [paused], extensions: [extension] };
    const recalled = transition(drafted, { type: 'recallDraft', reason: 'Sai chính tả tên thôn' }, { now, actor: actors.officerSameUnit });
    if (!recalled.ok) throw new Error(recalled.reason);
    // Only the status moves: no pause is opened, so the deadline computed from the state is the same.
    expect(recalled.state).toEqual({ ...drafted, status: 'in_progress' });
    expect(recalled.events[0]).toMatchObject({ name: 'cases.case.draft_recalled', shouldNotifySubmitter: false, payload: { fromStatus: 'answer_drafted', toStatus: 'in_progress', reason: 'Sai chính tả tên thôn' } });
    // The corrected draft goes through approval again, written by the same officer.
    const redrafted = transition(recalled.state, { type: 'draftAnswer' }, { now, actor: actors.officerSameUnit });
    expect(redrafted.ok && redrafted.state).toMatchObject({ status: 'answer_drafted', draftedByUserId: 'officer-a' });
  });

  it('only the officer who wrote the draft may recall it (not a colleague, not after approval)', () => {
    const colleague: CaseActor = { role: 'officer', userId: 'officer-c', unitId: 'unit-a' };
    expect(transition(stateIn('answer_drafted'), { type: 'recallDraft' }, { now, actor: colleague })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition(stateIn('answer_approved'), { type: 'recallDraft' }, { now, actor: actors.officerSameUnit })).toEqual({ ok: false, reason: 'invalid_transition' });
    // draftAnswer records its author.
    const drafted = transition(stateIn('in_progress'), { type: 'draftAnswer' }, { now, actor: colleague });
    expect(drafted.ok && drafted.state.draftedByUserId).toBe('officer-c');
    // A draft recorded before authors were kept: any officer of the assigned unit (who could have written it).
    const legacy = { ...stateIn('answer_drafted'), draftedByUserId: null };
    expect(transition(legacy, { type: 'recallDraft' }, { now, actor: colleague }).ok).toBe(true);
    expect(transition(legacy, { type: 'recallDraft' }, { now, actor: actors.officerOtherUnit })).toEqual({ ok: false, reason: 'forbidden' });
    expect(listAvailableActions(stateIn('answer_drafted'), actors.officerSameUnit, now)).toEqual(['recallDraft', 'recordWithdrawal', 'transferOut']);
  });

  it('does not mutate the input state', () => {
    const state = stateIn('awaiting_information');
    const snapshot = structuredClone(state);
    transition(state, { type: 'receiveInformation' }, { now, actor: actors.submitter });
    expect(state).toEqual(snapshot);
  });
});

/*
 * LAW-PAKN-04, LAW-DENUNC-03: a case found outside the commune's competence is sent to the competent
 * body at any point before the answer is sent: also while the resident's information is awaited (the
 * pause ends) and once an answer is drafted (the draft is discarded). Every source status, per kind.
 */
describe('transferOut: from which statuses, per kind (LAW-PAKN-04, LAW-DENUNC-03)', () => {
  const action: CaseAction = { type: 'transferOut', bodyName: 'Phòng Tài nguyên và Môi trường huyện', letterRef: '15/CV-UBND', transferDueAt: null };
  const BEFORE_ANSWER: readonly CaseStatus[] = ['received', 'accepted', 'assigned', 'forwarded', 'awaiting_information', 'in_progress', 'answer_drafted'];
  const TRANSFER_FROM: Record<'feedback' | 'question' | 'denunciation' | 'corruption_report', readonly CaseStatus[]> = {
    feedback: [...BEFORE_ANSWER, 'answer_approved'],
    question: [...BEFORE_ANSWER, 'answer_approved'],
    // LAW-DENUNC-09: the approved answer is the signed conclusion; the commune resolved the matter itself.
    denunciation: BEFORE_ANSWER,
    corruption_report: BEFORE_ANSWER,
  };

  for (const [kind, from] of Object.entries(TRANSFER_FROM) as [CaseKind, readonly CaseStatus[]][]) {
    for (const status of CASE_STATUSES) {
      const isAllowed = from.includes(status);
      it(`${kind} in ${status}: ${isAllowed ? 'transferred' : 'refused (invalid_transition)'}`, () => {
        const result = transition(stateIn(status, kind), action, { now, actor: actors.leader });
        if (isAllowed) expect(result.ok && result.state.status).toBe('transferred');
        else expect(result).toEqual({ ok: false, reason: 'invalid_transition' });
        expect(listAvailableActions(stateIn(status, kind), actors.leader, now).includes('transferOut')).toBe(isAllowed);
      });
    }
  }

  it('a complaint is never transferred, from any status (its author is guided instead)', () => {
    for (const status of CASE_STATUSES) {
      expect(transition(stateIn(status, 'complaint'), action, { now, actor: actors.leader })).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
    }
  });

  it('who may: the handling unit\'s officers and leaders, as from the other statuses', () => {
    for (const status of ['awaiting_information', 'answer_drafted', 'answer_approved'] as const) {
      for (const [name, actor] of Object.entries(actors) as [ActorName, CaseActor][]) {
        const result = transition(stateIn(status), action, { now, actor });
        if (PERMITTED.transferOut.includes(name)) expect(result.ok, `${status} ${name}`).toBe(true);
        else expect(result, `${status} ${name}`).toEqual({ ok: false, reason: 'forbidden' });
      }
    }
  });

  it('LAW-BASE-10: from awaiting_information the pause ends at the transfer; nothing is left to resume or to count as paused', () => {
    const asked = new Date(now.getTime() - 2 * DAY);
    const earlier = { from: new Date(now.getTime() - 9 * DAY), to: new Date(now.getTime() - 7 * DAY) };
    const waiting = { ...stateIn('awaiting_information'), pauses: [earlier, { from: asked, to: null }] };
    const result = transition(waiting, action, { now, actor: actors.officerSameUnit });
    if (!result.ok) throw new Error(result.reason);
    expect(result.state).toMatchObject({ status: 'transferred', resumeStatus: null, closedAt: now, stepDeadline: null });
    expect(result.state.pauses).toEqual([earlier, { from: asked, to: now }]);
    // The deadline computed from the new state is not paused (no dangling pause).
    const rule = defaultDeadlineRules.find((candidate) => candidate.id === 'feedback.resolution')!;
    const deadline = computeDeadline({ rule, start: result.state.receivedAt, calendar: createWorkingCalendar(), pauses: result.state.pauses, now });
    expect(deadline.isPaused).toBe(false);
    // One event, told to the submitter as any transfer; the answer to the request is no longer awaited.
    expect(result.events.map((event) => event.name)).toEqual(['cases.case.transferred_out']);
    expect(result.events[0]).toMatchObject({ shouldNotifySubmitter: true, payload: { fromStatus: 'awaiting_information', toStatus: 'transferred' } });
    expect(transition(result.state, { type: 'receiveInformation' }, { now, actor: actors.submitter })).toEqual({ ok: false, reason: 'invalid_transition' });
  });

  it.each(['answer_drafted', 'answer_approved'] as const)('from %s the unsent draft is discarded: an internal draft_discarded event, nothing left to approve or publish', (status) => {
    const result = transition(stateIn(status), action, { now, actor: actors.leader });
    if (!result.ok) throw new Error(result.reason);
    expect(result.state).toMatchObject({ status: 'transferred', draftedByUserId: null, transfer: { bodyName: 'Phòng Tài nguyên và Môi trường huyện' } });
    expect(result.events.map((event) => event.name)).toEqual(['cases.case.transferred_out', 'cases.case.draft_discarded']);
    expect(result.events[0]).toMatchObject({ shouldNotifySubmitter: true });
    expect(result.events[0]?.isInternal).toBeUndefined();
    expect(result.events[1]).toMatchObject({ shouldNotifySubmitter: false, isInternal: true, actorUserId: 'leader-1', payload: { fromStatus: status, toStatus: 'transferred', reason: 'transferred_out' } });
    for (const type of ['approveAnswer', 'publishAnswer', 'rejectDraft', 'recallDraft'] as const) {
      for (const actor of [actors.leader, actors.officerSameUnit]) expect(transition(result.state, { type } as CaseAction, { now, actor })).toEqual({ ok: false, reason: 'invalid_transition' });
    }
    expect(listAvailableActions(result.state, actors.leader, now)).toEqual([]);
  });

  it('LAW-DENUNC-04: anonymous information transferred after a draft tells no one', () => {
    const anonymous = { ...stateIn('answer_drafted', 'corruption_report'), submitterUserId: null };
    const result = transition(anonymous, action, { now, actor: actors.leader });
    expect(result.ok && result.events.map((event) => event.shouldNotifySubmitter)).toEqual([false, false]);
  });

  it('no draft is discarded when none was written', () => {
    for (const status of ['received', 'in_progress', 'awaiting_information'] as const) {
      const result = transition(stateIn(status), action, { now, actor: actors.leader });
      expect(result.ok && result.events.map((event) => event.name)).toEqual(['cases.case.transferred_out']);
    }
  });
});

describe('isPartialWithdrawalAllowed (the portal offers "part of it" only where this holds)', () => {
  it('LAW-DENUNC-08: denunciations always; LAW-COMPLAINT-04: complaints only from 01/07/2026; feedback and questions never', () => {
    const before = new Date('2026-06-30T03:00:00Z');
    const after = new Date('2026-07-01T03:00:00Z');
    expect(isPartialWithdrawalAllowed('denunciation', defaultCaseSettings, before)).toBe(true);
    expect(isPartialWithdrawalAllowed('complaint', defaultCaseSettings, before)).toBe(false);
    expect(isPartialWithdrawalAllowed('complaint', defaultCaseSettings, after)).toBe(true);
    expect(isPartialWithdrawalAllowed('feedback', defaultCaseSettings, after)).toBe(false);
    expect(isPartialWithdrawalAllowed('question', defaultCaseSettings, after)).toBe(false);
  });
});
