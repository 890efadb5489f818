import { describe, expect, it } from 'vitest';
import { createCaseState, defaultCaseSettings, type CaseActor, type CaseState, type CaseStatus } from './case-state.js';
import type { CaseKind } from './case-types.js';
import { defaultDeadlineRules, selectRule, type DeadlineVariant } from './deadlines.js';
import { extensionOffer } from './extension-offer.js';
import { listAvailableActions, reopenUnavailableReason, transition } from './state-machine.js';

/**
 * What the UI offers must be what the state machine then accepts: a reopening only within the
 * commune's limit and period (issue 3 point 4), an extension only while the rule allows one more,
 * with that rule's cap (LAW-DENUNC-02, LAW-DENUNC-06).
 */
const DAY = 86_400_000;
const now = new Date('2026-11-27T03:00:00Z');
const submitter: CaseActor = { role: 'resident', userId: 'citizen-1' };
const otherResident: CaseActor = { role: 'resident', userId: 'citizen-2' };

function stateIn(status: CaseStatus, kind: CaseKind = 'feedback', answeredDaysAgo = 5): CaseState {
  const state = createCaseState({ id: 'case-1', kind, submitterUserId: 'citizen-1', receivedAt: new Date(now.getTime() - 60 * DAY), assignedUnitId: 'unit-a' });
  state.status = status;
  state.answeredAt = ['answered', 'closed'].includes(status) ? new Date(now.getTime() - answeredDaysAgo * DAY) : null;
  return state;
}

describe('reopening is offered only within the limit and the period (issue 3 point 4)', () => {
  const settings = defaultCaseSettings; // 2 reopenings, 30 days after the answer

  it('offers it, with no reason to give, within both', () => {
    expect(listAvailableActions(stateIn('closed'), submitter, now, settings)).toContain('reopen');
    expect(reopenUnavailableReason(stateIn('closed'), submitter, now, settings)).toBeNull();
  });

  it('not after maxReopenCount reopenings: the reason is the limit, and the transition agrees', () => {
    const state = stateIn('answered');
    state.reopenedCount = settings.maxReopenCount;
    expect(listAvailableActions(state, submitter, now, settings)).not.toContain('reopen');
    expect(listAvailableActions(state, submitter, now, settings)).toContain('rate');
    expect(reopenUnavailableReason(state, submitter, now, settings)).toBe('reopen_limit_reached');
    expect(transition(state, { type: 'reopen', reason: 'x' }, { now, actor: submitter, settings })).toEqual({ ok: false, reason: 'reopen_limit_reached' });
  });

  it('not after reopenWindowDays since the answer: the reason is the period', () => {
    const state = stateIn('closed', 'feedback', settings.reopenWindowDays + 1);
    expect(listAvailableActions(state, submitter, now, settings)).not.toContain('reopen');
    expect(reopenUnavailableReason(state, submitter, now, settings)).toBe('reopen_window_expired');
    expect(transition(state, { type: 'reopen', reason: 'x' }, { now, actor: submitter, settings })).toEqual({ ok: false, reason: 'reopen_window_expired' });
    // The configured period, not a fixed one.
    expect(reopenUnavailableReason(state, submitter, now, { ...settings, reopenWindowDays: 60 })).toBeNull();
  });

  it('gives no reason where reopening does not apply at all (another reader, an open case, a kind never reopened)', () => {
    const late = stateIn('closed', 'feedback', 90);
    expect(reopenUnavailableReason(late, otherResident, now, settings)).toBeNull();
    expect(reopenUnavailableReason(stateIn('in_progress'), submitter, now, settings)).toBeNull();
    expect(reopenUnavailableReason(stateIn('closed', 'complaint', 90), submitter, now, settings)).toBeNull();
  });
});

describe('an extension is offered only while the rule allows one more, with its cap (LAW-DENUNC-02, LAW-DENUNC-06)', () => {
  const rule = (kind: 'feedback' | 'question' | 'complaint' | 'denunciation', stage: 'acceptance' | 'resolution', variant: DeadlineVariant = 'standard') => selectRule(defaultDeadlineRules, kind, stage, now, variant);
  const denunciationCandidates = [rule('denunciation', 'resolution'), rule('denunciation', 'resolution', 'complex'), rule('denunciation', 'resolution', 'especially_complex')];
  const extension = { amount: 30, unit: 'calendar_days' as const, approvedAt: now, reason: 'Phức tạp', decisionRef: null };

  it('none for feedback, questions and complaints: their rules allow no extension', () => {
    expect(extensionOffer(stateIn('in_progress', 'feedback'), [rule('feedback', 'resolution')])).toBeNull();
    expect(extensionOffer(stateIn('in_progress', 'question'), [rule('question', 'resolution')])).toBeNull();
    // LAW-COMPLAINT-07: a complaint's longer period comes from the complexity decision, not an extension.
    expect(extensionOffer(stateIn('in_progress', 'complaint'), [rule('complaint', 'resolution'), rule('complaint', 'resolution', 'complex')])).toBeNull();
  });

  it('a denunciation: up to 30 calendar days per extension, twice at most (especially complex), then none', () => {
    const state = stateIn('in_progress', 'denunciation');
    expect(extensionOffer(state, denunciationCandidates)).toEqual({ stage: 'resolution', maxAmount: 30, unit: 'calendar_days', remainingAfter: 0 });
    state.extensions = [extension];
    expect(extensionOffer(state, denunciationCandidates)).toMatchObject({ maxAmount: 30, unit: 'calendar_days' });
    state.extensions = [extension, extension];
    expect(extensionOffer(state, denunciationCandidates)).toBeNull();
  });

  it('a received denunciation: its acceptance period once, by up to 3 working days (7 → 10)', () => {
    const state = stateIn('received', 'denunciation');
    expect(extensionOffer(state, [rule('denunciation', 'acceptance')])).toEqual({ stage: 'acceptance', maxAmount: 3, unit: 'working_days', remainingAfter: 0 });
    state.acceptanceExtensions = [{ amount: 3, unit: 'working_days', approvedAt: now, reason: 'Xác minh nhiều nơi', decisionRef: null }];
    expect(extensionOffer(state, [rule('denunciation', 'acceptance')])).toBeNull();
  });
});
