/**
 * Background work of the cases module: the hourly deadline sweep (reminders N working days before,
 * overdue marking), the daily per-officer digest, resident notifications from outbox events, the
 * recompute after a calendar change, closing answered cases after the commune's auto-close period,
 * and the backfill of sealed cases' masked search text. Sweeps enqueue one job per item with a
 * deterministic key.
 */
import { z } from 'zod';
import { toLocalDate, formatShortDate } from '../../../core/calendar/index.js';
import { CALENDAR_OVERRIDES_CHANGED_EVENT } from '../../../core/calendar/module.js';
import { loadWorkingCalendar } from '../../../core/calendar/store.js';
import { findActiveUsersWithRole, findUnitIdsWithRole, findUserContact } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { inTransaction } from '../../../core/db/database.js';
import { createTranslate, isLocale, type Locale } from '../../../core/i18n/translate.js';
import { defineBatchedJob } from '../../../core/jobs/batched.js';
import { enqueueJob } from '../../../core/jobs/queue.js';
import { defineJob, type EventSubscription, type JobDefinition, type ScheduleDefinition } from '../../../core/jobs/types.js';
import { isAlreadyDelivered, sendNotification, sendToUser } from '../../notifications/server/index.js';
import * as repository from '../db/repository.js';
import { CASE_STATUSES, closeDueAt, isSameRecipient, refusalGrounds, reminderDates, submitterNoticeOf, type CaseSettings, type Reachable, type SubmitterNotice } from '../domain/index.js';
import { isStepOverdue, isStepRunning, parseState } from './case-record.js';
import { lifecycleSettingsOf, loadCaseModuleSettings } from './settings.js';
import { autoCloseCase } from './use-cases/case-actions.js';
import { openSealedContactForNotification } from './use-cases/sealed-identity.js';
import { isSealedKind, outboxEventName, recordCaseEvent, SUBMITTER_EVENTS } from './use-cases/shared.js';
import { maskedSealedText } from './use-cases/read-cases.js';
import { findCommuneById } from '../../../core/tenancy/index.js';
import { recomputeOpenCaseDeadlines } from './use-cases/recompute-deadlines.js';
import { INFORMATION_FROM_SUBMITTER } from './use-cases/provide-information.js';
import { backfillMaskedSearchText } from './use-cases/masked-search.js';
import { isCaseOverdue, refreshPublicStatus, rerenderStalePublicStatus } from './use-cases/public-status.js';
import { stopNotificationsUrl } from './use-cases/stop-notifications.js';
import { FOLLOW_CONFIRMATION_REQUESTED_EVENT, findPendingFollow, purgeExpiredFollowRequests, sweepLapsedFollows } from './use-cases/follow-case.js';
import { backfillSealedNameDigests } from './use-cases/sealed-name.js';

const scheduledPayload = z.object({ scheduledAt: z.string() });
/** The public status page; an English reader's link opens it in English (`?lang=en` also sets the language cookie). */
const caseUrl = (ctx: AppContext, code: string, locale: Locale = 'vi') => `${ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(code)}${locale === 'vi' ? '' : `?lang=${locale}`}`;

/** A stored recipient language; anything unknown reads as Vietnamese. */
const recipientLocale = (value: string | null | undefined): Locale => (isLocale(value) ? value : 'vi');

/**
 * The parameters of a status message about `row`, in one language. `status` is the status the
 * reported event left the case in, never the row's status when the job runs: a job that runs after
 * later steps (a slow or retried worker) still describes its own event.
 */
const statusParamsIn = (ctx: AppContext, row: repository.CaseRow, status: string, communeName: string, locale: Locale, unsubscribeUrl: string) => ({
  communeName,
  trackingCode: row.code,
  statusLabel: createTranslate(ctx.catalogs, locale)(`cases.status.${status}`),
  caseUrl: caseUrl(ctx, row.code, locale),
  unsubscribeUrl,
});

/**
 * The status an event reports: the `toStatus` it carries (every lifecycle transition and, since the
 * fix, the receipt), else what its name says (a receipt queued before), else the row's as a last resort.
 */
function reportedStatusOf(payload: { event: string; toStatus?: unknown }, row: repository.CaseRow): string {
  if (typeof payload.toStatus === 'string' && (CASE_STATUSES as readonly string[]).includes(payload.toStatus)) return payload.toStatus;
  if (payload.event === 'cases.case.received') return 'received';
  return row.status;
}
const staffCaseUrl = (ctx: AppContext, id: string) => `${ctx.config.publicUrl}/staff/cases/${id}`;
const communeNames = new WeakMap<AppContext, Map<string, string>>();
/** Every template's signature names the commune. */
async function communeNameOf(ctx: AppContext, communeId: string): Promise<string> {
  const cache = communeNames.get(ctx) ?? new Map<string, string>();
  communeNames.set(ctx, cache);
  if (!cache.has(communeId)) cache.set(communeId, (await findCommuneById(ctx.db, communeId))?.name ?? '');
  return cache.get(communeId)!;
}
const formatDeadline = (iso: string) => formatShortDate(toLocalDate(new Date(iso)));

/** The officer(s) responsible: the assigned officer, else every officer of the assigned unit. */
async function assigneesOf(ctx: AppContext, row: repository.CaseRow): Promise<string[]> {
  if (row.assigned_officer_id) return [row.assigned_officer_id];
  if (!row.assigned_unit_id) return [];
  return (await findActiveUsersWithRole(ctx.db, row.commune_id, 'officer', { unitId: row.assigned_unit_id })).map((officer) => officer.id);
}

/**
 * A case's title for a staff message, which leaves the system (LAW-DENUNC-11/12): a sealed case's title
 * as written only for those who may open its identity (its assigned officer, the leaders); masked for
 * the officers of its unit, as their case page shows it. `leaderIds` is read only for sealed kinds.
 */
async function staffTitleOf(ctx: AppContext, row: repository.CaseRow, userId: string, leaderIds: () => Promise<ReadonlySet<string>>): Promise<string> {
  if (!isSealedKind(row.kind) || userId === row.assigned_officer_id || (await leaderIds()).has(userId)) return row.title;
  return maskedSealedText(ctx, row, row.title, recipientLocale((await findUserContact(ctx.db, userId))?.locale));
}

/** The commune's leaders, read once per message batch and only when asked. */
function leadersOnce(ctx: AppContext, communeId: string): () => Promise<ReadonlySet<string>> {
  let leaders: Promise<ReadonlySet<string>> | undefined;
  return () => (leaders ??= findActiveUsersWithRole(ctx.db, communeId, 'leader').then((users) => new Set(users.map((user) => user.id))));
}

/** Who must act on a resident's request: the handler (else the unit's officers), else the leaders. */
async function handlersOrLeaders(ctx: AppContext, row: repository.CaseRow): Promise<string[]> {
  const handlers = await assigneesOf(ctx, row);
  return handlers.length > 0 ? handlers : (await findActiveUsersWithRole(ctx.db, row.commune_id, 'leader')).map((leader) => leader.id);
}

const isStillOpen = (row: repository.CaseRow | undefined): row is repository.CaseRow =>
  row !== undefined && (repository.OPEN_STATUSES as readonly string[]).includes(row.status) && row.status !== 'awaiting_information';

/**
 * The deadline a job is about: the acceptance deadline of a case still `received` (LAW-DENUNC-02,
 * LAW-PAKN acceptance periods) or the resolution deadline. Jobs queued before the acceptance stage
 * existed carry none and are about the resolution.
 */
const deadlineStage = z.enum(['acceptance', 'resolution', 'step']).default('resolution');
type DeadlineStage = z.infer<typeof deadlineStage>;

/** The due date of `stage` for `row`, or null when that deadline does not run now (acceptance only while `received`). */
function stageDueAt(row: repository.CaseRow, stage: DeadlineStage): string | null {
  if (stage === 'acceptance') return row.status === 'received' ? row.acceptance_due_at : null;
  // The current step of a forwarded case (issue 3 point 4), while the unit it went to holds it.
  if (stage === 'step') return isStepRunning(row.status) ? row.step_due_at : null;
  return row.due_at;
}
/** The key segment of a stage; the resolution keeps the keys it always had. */
const stageKey = (stage: DeadlineStage) => (stage === 'resolution' ? '' : `${stage}:`);

/** Hourly: enqueue today's reminders and the overdue marks (idempotency keys make reruns no-ops). */
const sweepDeadlines = defineJob({
  name: 'cases.sweep-deadlines',
  payload: scheduledPayload,
  async handle(ctx) {
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const today = toLocalDate(now);
    const calendars = new Map<string, Awaited<ReturnType<typeof loadWorkingCalendar>>>();
    const settingsByCommune = new Map<string, Awaited<ReturnType<typeof loadCaseModuleSettings>>>();
    for (const row of await repository.findOpenCases(ctx.db, null)) {
      if (!isStillOpen(row)) continue;
      // A case not yet accepted is watched against its acceptance deadline too (LAW-DENUNC-02).
      for (const stage of ['acceptance', 'resolution', 'step'] as const) {
        const dueAt = stageDueAt(row, stage);
        if (!dueAt) continue;
        // A missed step is shown from the clock in the staff list and page (isStepOverdue); no mark, no escalation.
        if (stage === 'step' && dueAt < nowIso) continue;
        if (dueAt < nowIso) {
          // Enqueued whatever `is_overdue` says: a staff action also sets the flag (an intake back-dated past
          // its deadline, then accepted), and that case must still be marked and its leaders told (issue 3
          // point 6). The key makes it once per stage and due date; the job checks the timeline.
          await enqueueJob(ctx.db, { name: 'cases.mark-overdue', communeId: row.commune_id, payload: { caseId: row.id, communeId: row.commune_id, dueAt, stage }, idempotencyKey: `cases.overdue:${stageKey(stage)}${row.id}:${dueAt}` }, nowIso);
          continue;
        }
        if (!calendars.has(row.commune_id)) {
          calendars.set(row.commune_id, await loadWorkingCalendar(ctx.db, row.commune_id, ctx.clock));
          settingsByCommune.set(row.commune_id, await loadCaseModuleSettings(ctx.db, row.commune_id));
        }
        const reminders = reminderDates(new Date(dueAt), calendars.get(row.commune_id)!, { daysBefore: settingsByCommune.get(row.commune_id)!.reminderDaysBefore });
        for (const reminder of reminders) {
          if (reminder.date !== today || now < reminder.remindAt) continue;
          await enqueueJob(
            ctx.db,
            { name: 'cases.send-deadline-reminder', communeId: row.commune_id, payload: { caseId: row.id, communeId: row.commune_id, dueAt, daysBefore: reminder.daysBefore, stage }, idempotencyKey: `cases.reminder:${stageKey(stage)}${row.id}:${dueAt}:${reminder.daysBefore}` },
            nowIso,
          );
        }
      }
    }
  },
});

const reminderPayload = z.object({ caseId: z.string(), communeId: z.string(), dueAt: z.string(), daysBefore: z.number().int(), stage: deadlineStage });
const sendDeadlineReminder = defineJob({
  name: 'cases.send-deadline-reminder',
  payload: reminderPayload,
  async handle(ctx, payload) {
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    // The due date moved (pause, extension, calendar change), the case was accepted or answered: nothing to remind.
    if (!isStillOpen(row) || stageDueAt(row, payload.stage) !== payload.dueAt) return;
    // A case not yet accepted may have no handler: then the leaders decide on its acceptance.
    const recipients = payload.stage === 'acceptance' ? await handlersOrLeaders(ctx, row) : await assigneesOf(ctx, row);
    const leaderIds = leadersOnce(ctx, row.commune_id);
    for (const userId of recipients) {
      await sendToUser(ctx, userId, {
        template: payload.stage === 'step' ? 'cases.step-reminder' : payload.stage === 'acceptance' ? 'cases.acceptance-reminder' : 'cases.deadline-reminder',
        params: { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, caseTitle: await staffTitleOf(ctx, row, userId, leaderIds), deadline: formatDeadline(payload.dueAt), daysLeft: payload.daysBefore, caseUrl: staffCaseUrl(ctx, row.id) },
        dedupeKey: `cases.reminder:${stageKey(payload.stage)}${row.id}:${payload.dueAt}:${payload.daysBefore}:${userId}`,
      });
    }
  },
});

const overduePayload = z.object({ caseId: z.string(), communeId: z.string(), dueAt: z.string(), stage: deadlineStage });
const markOverdue = defineJob({
  name: 'cases.mark-overdue',
  payload: overduePayload,
  async handle(ctx, payload) {
    const nowIso = ctx.clock().toISOString();
    const row = await inTransaction(ctx.db, async (tx) => {
      const current = await repository.findCaseById(tx, payload.communeId, payload.caseId);
      if (!isStillOpen(current)) return null;
      const dueAt = stageDueAt(current, payload.stage);
      if (dueAt !== payload.dueAt || dueAt >= nowIso) return null;
      // Lists, the status page and the filter already show a missed deadline from the clock
      // (isCaseOverdue); the mark records it (an internal timeline entry) and the leaders are told, once
      // each time the stage becomes overdue (issue 3 point 6). Whether it was told is read from the
      // timeline, not from `is_overdue`, which staff actions set too: a mark of this stage recorded at or
      // after the current due date covers it. A due date moved but still before that mark (a pause, a
      // calendar change) is the same lapse, told already; one moved past it (an extension, a reopened
      // round) and missed again is a new one.
      const marks = await repository.findOverdueMarks(tx, current.commune_id, current.id);
      const covering = marks.find((mark) => mark.stage === payload.stage && mark.at >= dueAt);
      if (covering && covering.dueAt !== dueAt) return null;
      if (!covering) {
        if (current.is_overdue === 0) await repository.updateCase(tx, current.commune_id, current.id, { is_overdue: 1, updated_at: nowIso });
        await recordCaseEvent(tx, { communeId: current.commune_id, caseId: current.id, code: current.code, kind: current.kind, event: 'cases.case.overdue', actorUserId: null, isPublic: false, payload: { dueAt, stage: payload.stage }, shouldNotifySubmitter: false, at: nowIso });
        await refreshPublicStatus(ctx, tx, current.commune_id, current.id);
      }
      return current;
    });
    if (!row) return;
    // Tell the assignee and the commune's leaders (dedupe keys make a retry harmless).
    const leaders = (await findActiveUsersWithRole(ctx.db, row.commune_id, 'leader')).map((leader) => leader.id);
    const leaderIds = async () => new Set(leaders);
    for (const userId of new Set([...(await assigneesOf(ctx, row)), ...leaders])) {
      await sendToUser(ctx, userId, {
        // The mail names the stage missed: acceptance (LAW-DENUNC-02, LAW-PAKN-08) or resolution.
        template: payload.stage === 'acceptance' ? 'cases.acceptance-overdue' : 'cases.overdue',
        params: { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, caseTitle: await staffTitleOf(ctx, row, userId, leaderIds), deadline: formatDeadline(payload.dueAt), caseUrl: staffCaseUrl(ctx, row.id) },
        dedupeKey: `cases.overdue:${stageKey(payload.stage)}${row.id}:${payload.dueAt}:${userId}`,
      });
    }
  },
});

/** Daily: one digest job per officer (the job decides whether there is anything to send). */
const planDailyDigests = defineJob({
  name: 'cases.plan-daily-digests',
  payload: scheduledPayload,
  async handle(ctx, payload) {
    const date = toLocalDate(new Date(payload.scheduledAt));
    const nowIso = ctx.clock().toISOString();
    const communes = new Set((await repository.findOpenCases(ctx.db, null)).map((row) => row.commune_id));
    for (const communeId of communes) {
      for (const officer of await findActiveUsersWithRole(ctx.db, communeId, 'officer')) {
        await enqueueJob(ctx.db, { name: 'cases.send-officer-digest', communeId, payload: { userId: officer.id, communeId, date }, idempotencyKey: `cases.digest:${officer.id}:${date}` }, nowIso);
      }
    }
  },
});

const digestPayload = z.object({ userId: z.string(), communeId: z.string(), date: z.string() });
const sendOfficerDigest = defineJob({
  name: 'cases.send-officer-digest',
  payload: digestPayload,
  async handle(ctx, payload) {
    const units = await findUnitIdsWithRole(ctx.db, payload.communeId, payload.userId, 'officer');
    const now = ctx.clock();
    const nowIso = now.toISOString();
    // "Due soon": due by the end of the furthest reminder's working day (3 working days without reminders), on the commune's calendar, as the reminders count.
    const [calendar, settings] = await Promise.all([loadWorkingCalendar(ctx.db, payload.communeId, ctx.clock), loadCaseModuleSettings(ctx.db, payload.communeId)]);
    const lastSoonDay = calendar.addWorkingDays(toLocalDate(now), Math.max(0, ...settings.reminderDaysBefore) || 3);
    const isDueSoon = (row: repository.CaseRow) => (['acceptance', 'resolution'] as const).some((stage) => {
      const dueAt = stageDueAt(row, stage);
      return dueAt !== null && dueAt >= nowIso && toLocalDate(new Date(dueAt)) <= lastSoonDay;
    });
    const openCases = (await repository.findOpenCases(ctx.db, payload.communeId)).sort((a, b) => b.received_at.localeCompare(a.received_at));
    const queue = openCases.filter((row) => row.assigned_officer_id === payload.userId || (row.assigned_officer_id === null && row.assigned_unit_id !== null && units.includes(row.assigned_unit_id)));
    // A missed step belongs to the unit holding the step (the one it was forwarded to, issue 3 point 4):
    // every officer of that unit hears of it, also when a colleague handles it, and the forwarder does not.
    const missedSteps = openCases.filter((row) => isStepOverdue(row, nowIso) && (row.assigned_officer_id === payload.userId || (row.assigned_unit_id !== null && units.includes(row.assigned_unit_id))));
    // Never send an empty digest.
    if (queue.length === 0 && missedSteps.length === 0) return;
    // In the officer's own language (their account's locale), as the template around it is.
    const t = createTranslate(ctx.catalogs, recipientLocale((await findUserContact(ctx.db, payload.userId))?.locale));
    // LAW-DENUNC-11/12: an e-mail leaves the system; a sealed case's title goes only to the officer
    // it is assigned to (who may open it as written, mayReadSealedIdentity). The others of the unit
    // get its code and kind, and open it in the queue.
    const entryOf = (row: repository.CaseRow) => (isSealedKind(row.kind) && row.assigned_officer_id !== payload.userId ? `${row.code} [${t(`cases.kind.${row.kind}`)}]` : `${row.code} ${row.title}`);
    const byStatus = new Map<string, repository.CaseRow[]>();
    for (const row of queue) byStatus.set(row.status, [...(byStatus.get(row.status) ?? []), row]);
    const groupOf = (label: string, rows: readonly repository.CaseRow[], dueAtOf: (row: repository.CaseRow) => string | null) =>
      `${label} (${rows.length}):\n${rows.map((row) => `- ${entryOf(row)}${dueAtOf(row) ? ` — ${formatDeadline(dueAtOf(row)!)}` : ''}`).join('\n')}`;
    // Missed steps first, each with its step's due date; then the queue by status, each with its resolution due date.
    const summary = [
      ...(missedSteps.length > 0 ? [groupOf(t('cases.digest.missedSteps'), missedSteps, (row) => row.step_due_at)] : []),
      ...[...byStatus].map(([status, rows]) => groupOf(t(`cases.status.${status}`), rows, (row) => row.due_at)),
    ].join('\n\n');
    await sendToUser(ctx, payload.userId, {
      template: 'cases.daily-digest',
      params: {
        communeName: await communeNameOf(ctx, payload.communeId),
        date: formatShortDate(payload.date),
        summary,
        openCount: queue.length,
        dueSoonCount: queue.filter(isDueSoon).length,
        // Overdue as the queue shows it (a missed acceptance deadline too), whether or not the sweep marked it yet.
        overdueCount: queue.filter((row) => isCaseOverdue(row, nowIso)).length,
        stepOverdueCount: missedSteps.length,
        listUrl: `${ctx.config.publicUrl}/staff/cases`,
      },
      dedupeKey: `cases.digest:${payload.userId}:${payload.date}`,
    });
  },
});

const SUBMITTER_OUTBOX_EVENTS = SUBMITTER_EVENTS.map(outboxEventName);

const caseEventPayload = z.object({ caseId: z.string(), communeId: z.string(), code: z.string(), kind: z.string(), event: z.string(), occurredAt: z.string(), shouldNotifySubmitter: z.boolean(), toStatus: z.string().optional(), intoStatus: z.string().optional() }).loose();
/** What an event written since the fix carries for the submitter's message (absent from older events). */
const noticeFacts = z.object({ dueAt: z.string().nullish(), acceptanceDueAt: z.string().nullish(), ground: z.string().nullish() }).loose();

/**
 * The parameters of the submitter's own message about the event (submitterNoticeOf): the new deadline
 * and reason of an extension, the refusal's legal ground, what a request for information asks. The
 * notes are read from the event's timeline line (the outbox carries ids and statuses only).
 */
async function noticeParamsOf(ctx: AppContext, row: repository.CaseRow, notice: SubmitterNotice, payload: z.infer<typeof caseEventPayload>, locale: Locale): Promise<Record<string, string>> {
  const facts = noticeFacts.parse(payload);
  const line = async () => (await repository.findTimeline(ctx.db, row.commune_id, row.id)).find((entry) => entry.event === payload.event && entry.at === payload.occurredAt);
  const t = createTranslate(ctx.catalogs, locale);
  if ('deadline' in notice) {
    // An event queued before the fix carries no deadline: the row's, the best left to tell.
    const dueAt = notice.deadline === 'acceptance' ? (facts.acceptanceDueAt ?? row.acceptance_due_at) : facts.dueAt === undefined ? row.due_at : facts.dueAt;
    const params: Record<string, string> = { deadline: dueAt ? formatDeadline(dueAt) : '—' };
    if (notice.template !== 'cases.complexity-decided') params.reason = (await line())?.public_note ?? '—';
    return params;
  }
  if (notice.template === 'cases.refused') {
    // LAW-DENUNC-02, LAW-COMPLAINT-05: the ground as the submitter reads it, in their language.
    const ground = refusalGrounds.find((candidate) => candidate.code === (facts.ground ?? parseState(row.state).refusalGround));
    return { groundLabel: ground ? (locale === 'en' ? ground.labelEn : ground.labelVi) : t(`cases.status.refused`) };
  }
  // LAW-BASE-10: the note is written to the submitter; only their message carries it.
  if (notice.template === 'cases.information-requested') return { request: (await line())?.public_note ?? '—' };
  return {};
}

const notifySubmitter = defineJob({
  name: 'cases.notify-submitter',
  payload: caseEventPayload,
  async handle(ctx, payload) {
    // LAW-DENUNC-04: anonymous corruption reports never notify anyone.
    if (!payload.shouldNotifySubmitter || payload.kind === 'corruption_report') return;
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    if (!row) return;
    const communeName = await communeNameOf(ctx, row.commune_id);
    // The submitter reads their messages in the language they submitted in (cases_items.locale).
    const submitterLocale = recipientLocale(row.locale);
    // What this event left the case in, not what the case is now (later steps have their own messages).
    const status = reportedStatusOf(payload, row);
    // Each event the submitter is told of says what happened, not only the status (issue 3, workflow review).
    const notice = submitterNoticeOf(payload.event, status);
    const template = notice.template;
    // Each recipient's message carries their own link that stops messages about this case (LAW-PDP-04/05).
    const params: Record<string, string> = Object.assign(statusParamsIn(ctx, row, status, communeName, submitterLocale, stopNotificationsUrl(ctx, row, null)), await noticeParamsOf(ctx, row, notice, payload, submitterLocale));
    const key = `${payload.event}:${row.id}:${payload.occurredAt}`;
    // Off when the submitter said so at filing or later used the link (the check reads the row now, not the event).
    const optedOut = row.wants_notifications === 0;
    // Who was told as the submitter: a follower who is the same person is not told twice (issue 3 point 4).
    let told: Reachable | null = null;
    if (row.submitter_user_id && !optedOut) {
      await sendToUser(ctx, row.submitter_user_id, { template, params, locale: submitterLocale, dedupeKey: `${key}:submitter`, channels: ['email', 'sms'] });
      const contact = await findUserContact(ctx.db, row.submitter_user_id);
      told = { userId: row.submitter_user_id, email: contact?.email ?? row.submitter_email, phone: contact?.phone ?? row.submitter_phone };
    } else if (!optedOut && (row.submitter_email || row.submitter_phone)) {
      await sendNotification(ctx, { communeId: row.commune_id, to: { email: row.submitter_email, phone: row.submitter_phone }, template, params, locale: submitterLocale, channels: ['email', 'sms'], dedupeKey: `${key}:submitter` });
      told = { userId: null, email: row.submitter_email, phone: row.submitter_phone };
    } else if (!optedOut && row.sealed_identity) {
      // LAW-DENUNC-11/12: a denouncer without an account is reachable only through the sealed vault.
      await notifySealedSubmitter(ctx, row, { event: payload.event, template, params, locale: submitterLocale, dedupeKey: `${key}:submitter` });
    }
    if (payload.event === 'cases.case.received') return;
    const isTold = (follower: repository.FollowerRow) => told !== null && isSameRecipient(told, { userId: follower.user_id, email: follower.email, phone: follower.phone });
    // Followers who used their stop link are not read at all.
    for (const follower of await repository.findActiveFollowers(ctx.db, row.commune_id, row.id)) {
      if (isTold(follower)) continue;
      await notifyFollower(ctx, row, status, follower, communeName, `${key}:follower:${follower.id}`);
    }
    // A merged case's followers were copied to the target; point them at the case that continues.
    if (payload.event === 'cases.case.merged' && row.merged_into_case_id) {
      const target = await repository.findCaseById(ctx.db, row.commune_id, row.merged_into_case_id);
      if (target) {
        for (const follower of await repository.findActiveFollowers(ctx.db, target.commune_id, target.id)) {
          // The target's status when the merge happened (carried by the event), else its status now.
          const targetStatus = payload.intoStatus && (CASE_STATUSES as readonly string[]).includes(payload.intoStatus) ? payload.intoStatus : target.status;
          await notifyFollower(ctx, target, targetStatus, follower, communeName, `${key}:merged-into:${follower.id}`);
        }
      }
    }
  },
});

/**
 * A follower is told about the case they follow ("bạn theo dõi", never "của bạn"), with their own stop
 * link, in the language of the page they followed from (cases_followers.locale).
 */
async function notifyFollower(ctx: AppContext, row: repository.CaseRow, status: string, follower: repository.FollowerRow, communeName: string, dedupeKey: string): Promise<void> {
  const template = 'cases.status-changed-followed';
  const locale = recipientLocale(follower.locale);
  const params = statusParamsIn(ctx, row, status, communeName, locale, stopNotificationsUrl(ctx, row, follower));
  if (follower.user_id) await sendToUser(ctx, follower.user_id, { template, params, locale, dedupeKey });
  else await sendNotification(ctx, { communeId: row.commune_id, to: { email: follower.email, phone: follower.phone }, template, params, locale, dedupeKey });
}

/** What the delivery log shows as the recipient of a message to a sealed contact. */
const SEALED_RECIPIENT_LABEL = '[sealed]';

/**
 * A denouncer who filed without an account is reachable only through the sealed vault
 * (LAW-DENUNC-11, LAW-DENUNC-12). The outbox event and the job payload carry ids only; here, at
 * delivery time, the contact is opened through the audited gate (a system read, reason "notify
 * submitter"), used for this one message addressed to the denouncer and dropped. The delivery log
 * records `[sealed]` instead of the address; the body names no one (the template has no name), and
 * nothing decrypted is logged. The caller has already honoured `wants_notifications`.
 */
async function notifySealedSubmitter(ctx: AppContext, row: repository.CaseRow, input: { event: string; template: string; params: Record<string, string | number>; locale: Locale; dedupeKey: string }): Promise<void> {
  const channels = ['email', 'sms'] as const;
  // A retried or re-dispatched job that already reached the denouncer opens nothing again.
  if (await isAlreadyDelivered(ctx, input.dedupeKey, channels)) return;
  const contact = await openSealedContactForNotification(ctx, { communeId: row.commune_id, caseId: row.id, event: input.event });
  if (!contact || (!contact.email && !contact.phone)) return;
  await sendNotification(ctx, {
    communeId: row.commune_id,
    to: { email: contact.email, phone: contact.phone },
    template: input.template,
    params: input.params,
    locale: input.locale,
    channels: [...channels],
    dedupeKey: input.dedupeKey,
    logRecipientAs: SEALED_RECIPIENT_LABEL,
  });
}

const notifyAssignee = defineJob({
  name: 'cases.notify-assignee',
  payload: caseEventPayload,
  async handle(ctx, payload) {
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    if (!row) return;
    const leaderIds = leadersOnce(ctx, row.commune_id);
    for (const userId of await assigneesOf(ctx, row)) {
      await sendToUser(ctx, userId, {
        template: 'cases.assigned',
        params: { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, caseTitle: await staffTitleOf(ctx, row, userId, leaderIds), deadline: row.due_at ? formatDeadline(row.due_at) : '—', caseUrl: staffCaseUrl(ctx, row.id) },
        dedupeKey: `cases.assigned:${row.id}:${payload.occurredAt}:${userId}`,
      });
    }
  },
});

/** A denouncer asked on the portal to withdraw: the handler (else the unit's officers, else the leaders) decides (LAW-DENUNC-08). */
const notifyWithdrawalRequest = defineJob({
  name: 'cases.notify-withdrawal-request',
  payload: caseEventPayload,
  async handle(ctx, payload) {
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    if (!row) return;
    for (const userId of await handlersOrLeaders(ctx, row)) {
      await sendToUser(ctx, userId, {
        template: 'cases.withdrawal-requested',
        params: { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, caseUrl: staffCaseUrl(ctx, row.id) },
        dedupeKey: `cases.withdrawal-requested:${row.id}:${payload.occurredAt}:${userId}`,
      });
    }
  },
});

/**
 * The resident answered a request for information on the portal: the handler (else the unit's
 * officers, else the leaders) is told the clock runs again. No content in the mail: it stays on the
 * case page (a denouncer's words, LAW-DENUNC-12). Staff recording it themselves need no mail.
 */
const notifyInformationProvided = defineJob({
  name: 'cases.notify-information-provided',
  payload: caseEventPayload.extend({ providedBy: z.string().optional() }),
  async handle(ctx, payload) {
    if (payload.providedBy !== INFORMATION_FROM_SUBMITTER) return;
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    if (!row) return;
    for (const userId of await handlersOrLeaders(ctx, row)) {
      await sendToUser(ctx, userId, {
        template: 'cases.information-provided',
        params: { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, deadline: row.due_at ? formatDeadline(row.due_at) : '—', caseUrl: staffCaseUrl(ctx, row.id) },
        dedupeKey: `cases.information-provided:${row.id}:${payload.occurredAt}:${userId}`,
      });
    }
  },
});

/** Supervision recommendations (LAW-DEMO-54): the leaders are told of one to answer, the body that raised it of the answer. */
const notifySupervisionFlag = defineJob({
  name: 'cases.notify-supervision-flag',
  payload: caseEventPayload.extend({ noteId: z.string() }),
  async handle(ctx, payload) {
    const row = await repository.findCaseById(ctx.db, payload.communeId, payload.caseId);
    const flag = row ? await repository.findSupervisionNoteById(ctx.db, row.commune_id, row.id, payload.noteId) : undefined;
    if (!row || !flag) return;
    const isAnswered = payload.event === 'cases.case.supervision_flag_answered';
    const recipients = isAnswered ? [flag.author_user_id] : (await findActiveUsersWithRole(ctx.db, row.commune_id, 'leader')).map((leader) => leader.id);
    const template = isAnswered ? 'cases.supervision-flag-answered' : 'cases.supervision-flag-to-answer';
    const params = { communeName: await communeNameOf(ctx, row.commune_id), trackingCode: row.code, deadline: flag.answer_due_at ? formatDeadline(flag.answer_due_at) : '—', caseUrl: staffCaseUrl(ctx, row.id) };
    for (const userId of recipients) {
      await sendToUser(ctx, userId, { template, params, dedupeKey: `${template}:${flag.id}:${payload.occurredAt}:${userId}` });
    }
  },
});

/**
 * The one confirmation mail of a follow by e-mail (double opt-in, LAW-PDP-05). Skipped when the
 * follow was confirmed or lapsed meanwhile; a retry of the same request never mails twice.
 */
const sendFollowConfirmation = defineJob({
  name: 'cases.send-follow-confirmation',
  payload: z.object({ communeId: z.string(), caseId: z.string(), followerId: z.string(), locale: z.enum(['vi', 'en']).catch('vi'), expiresAt: z.string() }).loose(),
  async handle(ctx, payload) {
    const pending = await findPendingFollow(ctx, payload.communeId, payload.caseId, payload.followerId);
    if (!pending) return;
    await sendNotification(ctx, {
      communeId: payload.communeId,
      to: { email: pending.follower.email },
      template: 'cases.follow-confirmation',
      params: {
        communeName: await communeNameOf(ctx, payload.communeId),
        trackingCode: pending.row.code,
        confirmUrl: pending.confirmUrl,
        expiresOn: formatDeadline(pending.follower.confirm_expires_at!),
        caseUrl: caseUrl(ctx, pending.row.code, payload.locale),
      },
      locale: payload.locale,
      channels: ['email'],
      dedupeKey: `cases.follow-confirmation:${payload.followerId}:${payload.expiresAt}`,
    });
  },
});

/** Follows never confirmed within their period are deleted (the address gave no consent). */
const sweepLapsedFollowsJob = defineJob({
  name: 'cases.sweep-lapsed-follows',
  payload: scheduledPayload,
  async handle(ctx) {
    await sweepLapsedFollows(ctx);
  },
});

/**
 * Hourly: one auto-close job per answered case whose commune's "close automatically after N days"
 * period has passed without a rating (the key names the answer, so a rerun enqueues nothing new).
 */
const sweepAutoClose = defineJob({
  name: 'cases.sweep-auto-close',
  payload: scheduledPayload,
  async handle(ctx) {
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const settingsByCommune = new Map<string, CaseSettings>();
    // Candidates are the cases answered by now; each commune's own period decides which are due.
    for (const row of await repository.findAnsweredCasesBefore(ctx.db, nowIso)) {
      if (!row.answered_at) continue;
      if (!settingsByCommune.has(row.commune_id)) settingsByCommune.set(row.commune_id, lifecycleSettingsOf(await loadCaseModuleSettings(ctx.db, row.commune_id)));
      if (closeDueAt(new Date(row.answered_at), settingsByCommune.get(row.commune_id)!) > now) continue;
      await enqueueJob(ctx.db, { name: 'cases.auto-close', communeId: row.commune_id, payload: { caseId: row.id, communeId: row.commune_id, answeredAt: row.answered_at }, idempotencyKey: `cases.auto-close:${row.id}:${row.answered_at}` }, nowIso);
    }
  },
});

/** Closes one answered case as the system (re-checked in its transaction; the resident is told as for any close). */
const autoClose = defineJob({
  name: 'cases.auto-close',
  payload: z.object({ caseId: z.string(), communeId: z.string(), answeredAt: z.string() }),
  async handle(ctx, payload) {
    await autoCloseCase(ctx, payload.communeId, payload.caseId, payload.answeredAt);
  },
});

const recomputeDeadlines = defineJob({
  name: 'cases.recompute-deadlines',
  payload: z.object({ communeId: z.string() }).loose(),
  async handle(ctx, payload) {
    await recomputeOpenCaseDeadlines(ctx, payload.communeId);
  },
});

/**
 * LAW-DENUNC-12: fill the masked search text of sealed cases filed before intake wrote it (see
 * use-cases/masked-search.ts). Scheduled hourly, so its first run is enqueued at the first worker tick
 * after an upgrade; each run is bounded and enqueues the next one (same slot, next round) while rows
 * remain, so a large database is filled in a chain of short runs without waiting for the next slot.
 */
const backfillMaskedSearch = defineBatchedJob('cases.backfill-masked-search-text', backfillMaskedSearchText);

/** LAW-DENUNC-12: sealed cases filed before intake kept a digest of the declared name get one (use-cases/sealed-name.ts). Hourly and bounded like the backfill above. */
const backfillSealedNameDigest = defineBatchedJob('cases.backfill-sealed-name-digest', backfillSealedNameDigests);

/**
 * Issue 3 points 3 and 7: re-render the stored public views migration 20261127T2230 marked stale
 * (stored before titles and notes were redacted; their lookups get the live view meanwhile).
 * Scheduled hourly like the masked-search backfill, so its first run is enqueued at the first worker
 * tick after an upgrade; each run is bounded and enqueues the next one while rows remain.
 */
const rerenderStalePublicStatusJob = defineBatchedJob('cases.rerender-stale-public-status', rerenderStalePublicStatus);

/**
 * Hourly, bounded like the jobs above: accounts' follow requests lapsed more than EXPIRED_TOKEN_GRACE_DAYS
 * ago are deleted (LAW-PDP-06), chaining the next round of the slot while some may remain.
 */
const purgeExpiredFollowRequestsJob = defineBatchedJob('cases.purge-expired-follow-requests', purgeExpiredFollowRequests);

export const casesJobs: readonly JobDefinition[] = [sweepDeadlines, sendDeadlineReminder, markOverdue, planDailyDigests, sendOfficerDigest, notifySubmitter, notifyAssignee, notifyWithdrawalRequest, notifyInformationProvided, notifySupervisionFlag, recomputeDeadlines, sendFollowConfirmation, sweepLapsedFollowsJob, sweepAutoClose, autoClose, backfillMaskedSearch, backfillSealedNameDigest, rerenderStalePublicStatusJob, purgeExpiredFollowRequestsJob];

export const casesSchedules: readonly ScheduleDefinition[] = [
  { name: 'cases.sweep-deadlines', everyMinutes: 60, job: 'cases.sweep-deadlines' },
  // Slots start at 00:00 UTC = 07:00 in Vietnam, the start of the working day.
  { name: 'cases.daily-digest', everyMinutes: 1440, job: 'cases.plan-daily-digests' },
  { name: 'cases.sweep-lapsed-follows', everyMinutes: 60, job: 'cases.sweep-lapsed-follows' },
  { name: 'cases.sweep-auto-close', everyMinutes: 60, job: 'cases.sweep-auto-close' },
  { name: 'cases.backfill-masked-search-text', everyMinutes: 60, job: 'cases.backfill-masked-search-text' },
  { name: 'cases.backfill-sealed-name-digest', everyMinutes: 60, job: 'cases.backfill-sealed-name-digest' },
  { name: 'cases.rerender-stale-public-status', everyMinutes: 60, job: 'cases.rerender-stale-public-status' },
  { name: 'cases.purge-expired-follow-requests', everyMinutes: 60, job: 'cases.purge-expired-follow-requests' },
];

export const casesSubscriptions: readonly EventSubscription[] = [
  ...SUBMITTER_OUTBOX_EVENTS.map((event) => ({ event, job: 'cases.notify-submitter' })),
  { event: 'cases.case.assigned', job: 'cases.notify-assignee' },
  { event: 'cases.case.withdrawal-requested', job: 'cases.notify-withdrawal-request' },
  { event: 'cases.case.information-received', job: 'cases.notify-information-provided' },
  ...['raised', 'answered', 'kept-open'].map((step) => ({ event: `cases.case.supervision-flag-${step}`, job: 'cases.notify-supervision-flag' })),
  { event: FOLLOW_CONFIRMATION_REQUESTED_EVENT, job: 'cases.send-follow-confirmation' },
  { event: CALENDAR_OVERRIDES_CHANGED_EVENT, job: 'cases.recompute-deadlines' },
];

