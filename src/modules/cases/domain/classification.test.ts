import { describe, expect, it } from 'vitest';
import { createCaseState, type CaseActor, type CaseState, type CaseStatus } from './case-state.js';
import type { CaseKind } from './case-types.js';
import { checkReclassification, complaintVariantOf } from './classification.js';
import { defaultDeadlineRules, selectRule } from './deadlines.js';
import { listAvailableActions, transition } from './state-machine.js';

const DAY = 86_400_000;
const now = new Date('2026-03-20T03:00:00Z');
const officer: CaseActor = { role: 'officer', userId: 'officer-a', unitId: 'unit-a' };
const otherOfficer: CaseActor = { role: 'officer', userId: 'officer-b', unitId: 'unit-b' };
const leader: CaseActor = { role: 'leader', userId: 'leader-1' };
const supervisor: CaseActor = { role: 'supervisor', userId: 'front-1' };
const named = ['fullName', 'address', 'contact'] as const;

function stateIn(status: CaseStatus, kind: CaseKind = 'feedback', submitterUserId: string | null = 'citizen-1'): CaseState {
  return { ...createCaseState({ id: 'case-1', kind, submitterUserId, receivedAt: new Date(now.getTime() - 3 * DAY) }), status, assignedUnitId: 'unit-a' };
}

describe('reclassify: change the kind or category before the answer is drafted', () => {
  it('LAW-PAKN-04: feedback ↔ question ↔ complaint when the identity rules of the new kind hold', () => {
    expect(checkReclassification('feedback', 'complaint', 'handler_only', named)).toBeNull();
    expect(checkReclassification('complaint', 'feedback', 'public_name', named)).toBeNull();
    expect(checkReclassification('question', 'feedback', 'handler_only', named)).toBeNull();
    expect(checkReclassification('feedback', 'feedback', 'handler_only', [])).toBeNull();
  });

  it('LAW-COMPLAINT-01 / LAW-PAKN-03: an anonymous or nameless question does not become a complaint or feedback', () => {
    expect(checkReclassification('question', 'complaint', 'anonymous', [])).toBe('reclassify_identity_missing');
    expect(checkReclassification('question', 'complaint', 'handler_only', ['contact'])).toBe('reclassify_identity_missing');
    expect(checkReclassification('question', 'feedback', 'handler_only', ['fullName', 'contact'])).toBe('reclassify_identity_missing');
  });

  it('LAW-DENUNC-11/12, LAW-DENUNC-04: no change into or out of a sealed kind', () => {
    expect(checkReclassification('denunciation', 'feedback', 'handler_only', named)).toBe('reclassify_from_sealed');
    expect(checkReclassification('denunciation', 'corruption_report', 'handler_only', named)).toBe('reclassify_from_sealed');
    expect(checkReclassification('corruption_report', 'denunciation', 'anonymous', [])).toBe('reclassify_from_sealed');
    expect(checkReclassification('feedback', 'denunciation', 'handler_only', named)).toBe('reclassify_to_sealed');
    expect(checkReclassification('complaint', 'corruption_report', 'handler_only', named)).toBe('reclassify_to_sealed');
  });

  it('changes the kind, tells the submitter, keeps the status', () => {
    const result = transition(stateIn('in_progress'), { type: 'reclassify', toKind: 'complaint', reason: 'Người dân không đồng ý với quyết định', privacy: 'handler_only', providedIdentity: named }, { now, actor: officer });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.kind).toBe('complaint');
    expect(result.state.status).toBe('in_progress');
    expect(result.events[0]).toMatchObject({ name: 'cases.case.reclassified', shouldNotifySubmitter: true });
  });

  it('refuses the unsafe changes with their reason, and a blank reason', () => {
    const base = { type: 'reclassify', reason: 'Chọn nhầm', privacy: 'handler_only', providedIdentity: named } as const;
    expect(transition(stateIn('received', 'denunciation'), { ...base, toKind: 'feedback' }, { now, actor: leader })).toEqual({ ok: false, reason: 'reclassify_from_sealed' });
    expect(transition(stateIn('received'), { ...base, toKind: 'denunciation' }, { now, actor: leader })).toEqual({ ok: false, reason: 'reclassify_to_sealed' });
    expect(transition(stateIn('received', 'question'), { ...base, privacy: 'anonymous', providedIdentity: [], toKind: 'complaint' }, { now, actor: leader })).toEqual({ ok: false, reason: 'reclassify_identity_missing' });
    expect(transition(stateIn('received'), { ...base, toKind: 'question', reason: '  ' }, { now, actor: leader })).toEqual({ ok: false, reason: 'invalid_argument' });
  });

  it('only before the answer is drafted, only by the handling unit or a leader', () => {
    const action = { type: 'reclassify', toKind: 'question', reason: 'Chọn nhầm', privacy: 'handler_only', providedIdentity: named } as const;
    for (const status of ['answer_drafted', 'answer_approved', 'answered', 'closed', 'reopened', 'refused', 'transferred'] as const) {
      expect(transition(stateIn(status), action, { now, actor: leader })).toEqual({ ok: false, reason: 'invalid_transition' });
    }
    expect(transition(stateIn('in_progress'), action, { now, actor: otherOfficer })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition(stateIn('in_progress'), action, { now, actor: supervisor })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition(stateIn('in_progress'), action, { now, actor: leader }).ok).toBe(true);
  });

  it('a complaint that becomes feedback drops its complexity determination (LAW-COMPLAINT-07 is the complaint law)', () => {
    const complaint = { ...stateIn('in_progress', 'complaint'), complexity: { isComplex: true, isRemoteArea: false, decidedAt: now, reason: 'x', decisionRef: null } };
    const result = transition(complaint, { type: 'reclassify', toKind: 'feedback', reason: 'Chỉ là kiến nghị', privacy: 'handler_only', providedIdentity: named }, { now, actor: leader });
    expect(result.ok && result.state.complexity).toBeNull();
    const same = transition(complaint, { type: 'reclassify', toKind: 'complaint', reason: 'Đổi lĩnh vực', privacy: 'handler_only', providedIdentity: named }, { now, actor: leader });
    expect(same.ok && same.state.complexity?.isComplex).toBe(true);
  });
});

describe('transferOut: send to an outside competent body (LAW-PAKN-04, LAW-DENUNC-03)', () => {
  const action = { type: 'transferOut', bodyName: ' Phòng Tài nguyên và Môi trường huyện ', letterRef: '15/CV-UBND', transferDueAt: new Date(now.getTime() + DAY) } as const;

  it('ends the case as transferred, with the body, on time or late against the 5-working-day step', () => {
    const result = transition(stateIn('received'), action, { now, actor: officer });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.status).toBe('transferred');
    expect(result.state.closedAt).toEqual(now);
    expect(result.state.transfer).toEqual({ bodyName: 'Phòng Tài nguyên và Môi trường huyện', letterRef: '15/CV-UBND', at: now, isLate: false });
    expect(result.events[0]).toMatchObject({ name: 'cases.case.transferred_out', shouldNotifySubmitter: true });
    const late = transition(stateIn('received'), { ...action, transferDueAt: new Date(now.getTime() - DAY) }, { now, actor: officer });
    expect(late.ok && late.state.transfer?.isLate).toBe(true);
  });

  it('denunciations and anonymous information too (the latter tells no one, LAW-DENUNC-04); never a complaint', () => {
    expect(transition(stateIn('received', 'denunciation'), action, { now, actor: leader }).ok).toBe(true);
    const anonymous = transition(stateIn('received', 'corruption_report', null), action, { now, actor: leader });
    expect(anonymous.ok && anonymous.events[0]?.shouldNotifySubmitter).toBe(false);
    expect(transition(stateIn('received', 'complaint'), action, { now, actor: leader })).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
  });

  it('refuses a blank body, a finished or answered case, and other units', () => {
    expect(transition(stateIn('received'), { ...action, bodyName: '  ' }, { now, actor: officer })).toEqual({ ok: false, reason: 'invalid_argument' });
    // Before the answer is sent it may go (state-machine.test.ts lists every status); not once answered or ended.
    for (const status of ['answered', 'closed', 'reopened', 'refused', 'withdrawn', 'merged', 'transferred'] as const) {
      expect(transition(stateIn(status), action, { now, actor: leader })).toEqual({ ok: false, reason: 'invalid_transition' });
    }
    expect(transition(stateIn('assigned'), action, { now, actor: otherOfficer })).toEqual({ ok: false, reason: 'forbidden' });
    expect(listAvailableActions(stateIn('transferred'), leader, now)).toEqual([]);
  });
});

describe('decideComplexity: a complaint marked complex and/or from a remote area (LAW-COMPLAINT-07/08)', () => {
  const action = { type: 'decideComplexity', isComplex: true, isRemoteArea: true, reason: 'Xác minh tại hai thôn; xã vùng sâu', decisionRef: '7/QĐ-UBND' } as const;

  it('LAW-COMPLAINT-07: selects 30 / 45 / 45 / 60 days', () => {
    const receivedAt = new Date('2026-03-02T03:00:00Z');
    const amount = (isComplex: boolean, isRemote: boolean) => selectRule(defaultDeadlineRules, 'complaint', 'resolution', receivedAt, complaintVariantOf(isComplex, isRemote))?.amount;
    expect([amount(false, false), amount(true, false), amount(false, true), amount(true, true)]).toEqual([30, 45, 45, 60]);
  });

  it('is recorded in writing by a leader, for complaints only, before the decision is signed', () => {
    const result = transition(stateIn('in_progress', 'complaint'), action, { now, actor: leader });
    expect(result.ok && result.state.complexity).toEqual({ isComplex: true, isRemoteArea: true, decidedAt: now, reason: 'Xác minh tại hai thôn; xã vùng sâu', decisionRef: '7/QĐ-UBND' });
    expect(result.ok && result.events[0]?.name).toBe('cases.case.complexity_decided');
    expect(transition(stateIn('in_progress', 'complaint'), action, { now, actor: officer })).toEqual({ ok: false, reason: 'forbidden' });
    expect(transition(stateIn('in_progress', 'denunciation'), action, { now, actor: leader })).toEqual({ ok: false, reason: 'not_allowed_for_kind' });
    expect(transition(stateIn('answer_approved', 'complaint'), action, { now, actor: leader })).toEqual({ ok: false, reason: 'invalid_transition' });
    expect(transition(stateIn('in_progress', 'complaint'), { ...action, reason: ' ' }, { now, actor: leader })).toEqual({ ok: false, reason: 'invalid_argument' });
  });
});

describe('reclassify: the default unit follows the new category only while the case was never assigned', () => {
  const action = { type: 'reclassify', toKind: 'feedback', reason: 'Sai lĩnh vực', privacy: 'handler_only', providedIdentity: named, defaultUnitId: 'unit-water' } as const;
  it('received, accepted, or waiting for information before assignment: the new default unit', () => {
    for (const state of [stateIn('received'), stateIn('accepted'), { ...stateIn('awaiting_information'), resumeStatus: 'received' as const }]) {
      const result = transition(state, action, { now, actor: leader });
      expect(result.ok && result.state.assignedUnitId).toBe('unit-water');
    }
  });
  it('assigned, forwarded or in progress: the unit stays', () => {
    for (const status of ['assigned', 'forwarded', 'in_progress'] as const) {
      const result = transition(stateIn(status), action, { now, actor: leader });
      expect(result.ok && result.state.assignedUnitId).toBe('unit-a');
    }
  });
});
