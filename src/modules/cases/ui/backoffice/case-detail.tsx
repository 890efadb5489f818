/**
 * One case for staff (`/staff/cases/:id`): every field except the sealed identity, the deadline
 * with its explanation, the timeline, the actions this user may take now (one small form each),
 * the sealed-identity button (access is logged) and supervision notes. After an action the forms
 * are rebuilt for the new status, so the page says what happened in a polite status message and
 * moves focus to it (a screen-reader user hears it; a keyboard user continues from there).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { z } from 'zod';
import { formatDateTime, formatDeadline, markVietnamese, type Translate } from '../../../../core/i18n/translate.js';
import { unitSchema, isSupervisorUnit } from '../../../../core/tenancy/contract.js';
import { formatVietnamesePhone } from '../../../../core/contract/phone.js';
import { ApiError, apiRequest, useApiQuery } from '../../../../core/ui/api-client.js';
import {
  assigneeSchema,
  CASE_ANSWER_MAX,
  CASE_CODE_MAX,
  CASE_DECISION_REF_MAX,
  CASE_EXTENSION_AMOUNT_MAX,
  CASE_NOTE_MAX,
  CASE_REASON_MAX,
  CASE_STEP_DAYS_MAX,
  CASE_TRANSFER_BODY_MAX,
  caseActionResultSchema,
  categorySchema,
  caseDetailSchema,
  sealedIdentitySchema,
  type CaseActionResult,
  type CaseDetail,
  type CaseHandedOver,
  type SealedIdentity,
} from '../../contract.js';
import { CASE_KINDS, getCaseKindPolicy, refusalGroundLabel, refusalGroundsFor, WITHDRAWAL_CHANNELS, type CaseKind, type CaseStatus } from '../../domain/index.js';
import { eventLabel, kindLabel, privacyLabel, statusLabel, whoSeesWhat } from '../components/case-words.js';
import { actionDoneMessage, isStaffAction, type StaffAction } from './action-notice.js';
import { externalLinkOf } from './external-link.js';
import { MapPointLink } from '../components/map-point-link.js';
import { withdrawalScopeChoices } from './withdrawal-scope.js';
import { queueHrefFromCaseSearch } from './queue-filters.js';
import { CasePage, FieldError, LoadState, StaffLink, useCaseI18n, useStaffIdentity } from './kit.js';
import { SupervisionNotes } from './supervision-notes.js';
import { StaffErrorSummary, Tag } from '../../../../core/ui/components/staff.js';
import { MarkedText, VietnameseText } from '../../../../core/ui/components/content.js';

const unitListSchema = z.array(unitSchema);
const assigneeListSchema = z.array(assigneeSchema);
const categoryListSchema = z.array(categorySchema);

/** The case as the last action returned it, with what to say about that action. */
interface Outcome {
  detail: CaseDetail;
  message: string;
  /** Counts actions, so the same message twice still takes focus again. */
  seq: number;
}

export function CaseDetailPage({ params, search }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t, locale } = useCaseI18n();
  // Back to the queue as it was when this case was opened (its filters travel in `?list=`).
  const queueHref = queueHrefFromCaseSearch(search);
  const me = useStaffIdentity();
  const loaded = useApiQuery(`/api/v1/cases/${encodeURIComponent(params.id ?? '')}`, caseDetailSchema);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const current = outcome && outcome.detail.id === params.id ? outcome : null;
  const detail = current?.detail ?? loaded.data;
  const units = useApiQuery('/api/v1/admin/units', unitListSchema);
  const unitName = (id: string | null) => (id ? (units.data?.find((unit) => unit.id === id)?.name ?? id) : t('cases.backoffice.detail.unassigned'));
  const isLeader = me?.roles.includes('leader') ?? false;
  const isSupervisor = me?.roles.includes('supervisor') ?? false;
  const [handedOver, setHandedOver] = useState<CaseHandedOver | null>(null);
  // The form sent last: the others drop their errors, so only one error summary is on the page.
  const [submitted, setSubmitted] = useState<SubmittedAction | null>(null);
  const onActionDone = (action: StaffAction, result: CaseActionResult) => {
    if ('handedOver' in result) {
      setHandedOver(result);
      return;
    }
    // Unit names exist only in Vietnamese: marked, so the English notice says them as such (WCAG 3.1.2).
    const markedUnitName = (id: string | null) => (id ? markVietnamese(unitName(id)) : unitName(id));
    setOutcome((previous) => ({ detail: result, message: actionDoneMessage(action, result, markedUnitName, t), seq: (previous?.seq ?? 0) + 1 }));
  };

  // The action took the case out of this officer's units: say where it went, not "not found".
  if (handedOver && handedOver.id === params.id) {
    return (
      <CasePage title={t('cases.backoffice.handedOver.title', { code: handedOver.code })} back={{ to: queueHref, label: t('cases.backoffice.queue.title') }}>
        <div className="bo-notice bo-notice--success" role="status">
          <p>{handedOver.assignedUnitName ? <MarkedText text={t('cases.backoffice.handedOver.to', { code: handedOver.code, unit: markVietnamese(handedOver.assignedUnitName) })} pageLocale={locale} /> : t('cases.backoffice.handedOver.done', { code: handedOver.code })}</p>
        </div>
        <p>{t('cases.backoffice.handedOver.noLongerYours')}</p>
        <p>
          <StaffLink to={queueHref}>{t('cases.backoffice.handedOver.back')}</StaffLink>
        </p>
      </CasePage>
    );
  }

  return (
    <CasePage title={detail ? `${detail.code} — ${detail.title}` : t('cases.backoffice.detail.title')} back={{ to: queueHref, label: t('cases.backoffice.queue.title') }}>
      <LoadState loaded={loaded} t={t} />
      {detail ? (
        <div className="bo-detail">
          {detail.withdrawalRequest ? (
            // LAW-DENUNC-08: the handler decides whether the denunciation still has to be resolved.
            <div className="bo-notice" role="note">
              <p>
                {t(`cases.backoffice.withdrawalRequest.${detail.withdrawalRequest.scope}`, { date: formatDateTime(detail.withdrawalRequest.at) })}
                {detail.withdrawalRequest.description ? <> «{detail.withdrawalRequest.description}»</> : null}
              </p>
              <p>{t('cases.backoffice.withdrawalRequest.decide', { action: t('cases.backoffice.action.recordWithdrawal') })}</p>
            </div>
          ) : null}
          <section aria-labelledby="case-facts">
            <h2 id="case-facts">{t('cases.backoffice.detail.facts')}</h2>
            <dl className="bo-facts">
              <Fact label={t('cases.backoffice.field.status')}>
                {statusLabel(detail.status as CaseStatus, t)}
                {detail.deadline.isOverdue ? <strong className="bo-tag bo-tag--error"> {t('cases.backoffice.overdue')}</strong> : null}
              </Fact>
              <Fact label={t('cases.backoffice.field.kind')}>{kindLabel(detail.kind as CaseKind, t)}</Fact>
              <Fact label={t('cases.backoffice.field.category')}>{detail.categoryName}</Fact>
              <Fact label={t('cases.backoffice.field.channel')}>{t(`cases.backoffice.channel.${detail.channel}`)}</Fact>
              <Fact label={t('cases.backoffice.field.received')}>{formatDateTime(detail.receivedAt)}</Fact>
              <Fact label={t('cases.backoffice.field.unit')}>{detail.assignedUnitId ? <VietnameseText pageLocale={locale}>{unitName(detail.assignedUnitId)}</VietnameseText> : unitName(null)}</Fact>
              <Fact label={t('cases.backoffice.field.officer')}>{detail.assignedOfficerName ?? (detail.assignedOfficerId ? '—' : t('cases.backoffice.detail.noOfficer'))}</Fact>
              <Fact label={t('cases.backoffice.field.address')}>{detail.address ?? '—'}</Fact>
              {detail.latitude !== null && detail.longitude !== null ? (
                <Fact label={t('cases.backoffice.detail.location')}>
                  <MapPointLink point={{ latitude: detail.latitude, longitude: detail.longitude }} t={t} />
                </Fact>
              ) : null}
              <Fact label={t('cases.backoffice.field.privacy')}>
                {privacyLabel(detail.privacy, t, 'staff')}
                <ul>
                  {whoSeesWhat(detail.kind as CaseKind, detail.privacy, t, 'staff').map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </Fact>
              <Fact label={t('cases.backoffice.field.submitter')}>
                {detail.submitter ? [detail.submitter.fullName, detail.submitter.phone ? formatVietnamesePhone(detail.submitter.phone) : null, detail.submitter.email, detail.submitter.address].filter(Boolean).join(' · ') : detail.isIdentitySealed ? t(detail.canReadSealedIdentity ? 'cases.backoffice.detail.sealed' : 'cases.backoffice.detail.sealedNotYours') : t('cases.backoffice.detail.noSubmitter')}
              </Fact>
              {detail.mergedIntoCode ? <Fact label={t('cases.backoffice.detail.mergedInto')}>{detail.mergedIntoId ? <StaffLink to={`/cases/${encodeURIComponent(detail.mergedIntoId)}`}>{detail.mergedIntoCode}</StaffLink> : detail.mergedIntoCode}</Fact> : null}
              {detail.mediaUrl ? (
                <Fact label={t('cases.backoffice.detail.mediaUrl')}>
                  <PartnerMediaLink address={detail.mediaUrl} t={t} />
                </Fact>
              ) : null}
              {detail.rating ? <Fact label={t('cases.backoffice.detail.rating')}>{`${detail.rating.score}/5${detail.rating.comment ? ` — ${detail.rating.comment}` : ''}`}</Fact> : null}
              {detail.earlierRatings.length > 0 ? (
                <Fact label={t('cases.backoffice.detail.earlierRatings')}>
                  {detail.earlierRatings.map((rating) => `${rating.score}/5${rating.comment ? ` — ${rating.comment}` : ''}`).join('; ')}
                </Fact>
              ) : null}
              {detail.reopenedCount > 0 ? <Fact label={t('cases.backoffice.detail.reopened')}>{String(detail.reopenedCount)}</Fact> : null}
            </dl>
            <h3>{t('cases.backoffice.field.description')}</h3>
            <div className="bo-text">{detail.description}</div>
            {detail.attachments.length > 0 ? (
              <>
                <h3>{t('cases.backoffice.detail.attachments')}</h3>
                <ul>
                  {detail.attachments.map((attachment) => (
                    <li key={attachment.id}>
                      <a href={attachment.url}>{attachment.fileName}</a> ({Math.ceil(attachment.byteSize / 1024)} KB{attachment.isPublic ? `, ${t('cases.backoffice.detail.public')}` : ''})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          {detail.canReadSealedIdentity ? <SealedIdentityPanel caseId={detail.id} t={t} /> : null}

          <section aria-labelledby="case-deadline">
            <h2 id="case-deadline">{t('cases.backoffice.detail.deadline')}</h2>
            <p>
              {detail.deadline.acceptanceDueAt ? <>{t('cases.backoffice.detail.acceptanceDue', { date: formatDeadline(detail.deadline.acceptanceDueAt, locale) })}<br /></> : null}
              {detail.deadline.dueAt ? <>{t('cases.backoffice.detail.due', { date: formatDeadline(detail.deadline.dueAt, locale) })}<br /></> : null}
              {detail.deadline.stepDueAt ? <>{t('cases.backoffice.detail.stepDue', { date: formatDeadline(detail.deadline.stepDueAt, locale) })}<br /></> : null}
              {detail.deadline.transferDueAt ? <>{t('cases.backoffice.detail.transferDue', { date: formatDeadline(detail.deadline.transferDueAt, locale) })}<br /></> : null}
              {detail.deadline.isPaused ? <strong>{t('cases.backoffice.detail.paused')}</strong> : null}
              {detail.deadline.isOverdue ? <strong className="bo-tag bo-tag--error">{t('cases.backoffice.overdue')}</strong> : null}
              {detail.deadline.isStepOverdue ? <> <strong className="bo-tag bo-tag--error">{t('cases.backoffice.stepOverdue')}</strong></> : null}
            </p>
            {detail.deadline.ruleLabel ? <p className="bo-hint">{detail.deadline.ruleLabel}</p> : detail.deadline.ruleRef ? <p className="bo-hint">{t('cases.backoffice.detail.rule', { rule: detail.deadline.ruleRef })}</p> : null}
            {detail.deadline.explanation.length > 0 ? (
              <details className="td-details">
                <summary>{t('cases.backoffice.detail.howComputed')}</summary>
                <ol>
                  {detail.deadline.explanation.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ol>
              </details>
            ) : null}
          </section>

          {detail.answerText || detail.answerDraft ? (
            <section aria-labelledby="case-answer">
              <h2 id="case-answer">{t('cases.backoffice.detail.answer')}</h2>
              {detail.answerText ? <div className="bo-text">{detail.answerText}</div> : null}
              {!detail.answerText && detail.answerDraft ? (
                <>
                  <p className="bo-hint">{t('cases.backoffice.detail.draft')}</p>
                  <div className="bo-text">{detail.answerDraft}</div>
                </>
              ) : null}
              {isLeader && detail.answerText && !detail.qa && !detail.isIdentitySealed ? (
                <p>
                  <StaffLink to={`/cases/${detail.id}/qa`}>{t('cases.backoffice.qa.open')}</StaffLink>
                </p>
              ) : null}
              {detail.qa ? <p>{t('cases.backoffice.qa.publishedOn', { date: formatDateTime(detail.qa.publishedAt) })}</p> : null}
            </section>
          ) : null}

          <section aria-labelledby="case-actions">
            <h2 id="case-actions">{t('cases.backoffice.detail.actions')}</h2>
            <ActionNotice message={current?.message ?? null} seq={current?.seq ?? 0} locale={locale} />
            {detail.availableActions.length === 0 ? <p>{t('cases.backoffice.detail.noActions')}</p> : null}
            {detail.availableActions.filter(isStaffAction).map((action) => (
              <ActionForm key={`${action}:${detail.version}`} action={action} detail={detail} units={units.data ?? []} t={t} submitted={submitted} onSubmit={() => setSubmitted((previous) => ({ action, seq: (previous?.seq ?? 0) + 1 }))} onDone={(updated) => onActionDone(action, updated)} />
            ))}
          </section>

          <section aria-labelledby="case-timeline">
            <h2 id="case-timeline">{t('cases.backoffice.detail.timeline')}</h2>
            <ol className="bo-timeline">
              {detail.timeline.map((entry) => (
                <li key={entry.id}>
                  <strong>{formatDateTime(entry.at)}</strong> — {eventLabel(entry.event, t)} {entry.isPublic ? <Tag tone="info">{t('cases.backoffice.detail.publicEntry')}</Tag> : <Tag tone="muted">{t('cases.backoffice.detail.internalEntry')}</Tag>}
                  {entry.writtenWithdrawal ? (
                    <p>
                      {t(`cases.backoffice.detail.writtenWithdrawal.${entry.writtenWithdrawal.scope}`, {
                        // A calendar day, not an instant: dd/mm/yyyy from yyyy-mm-dd, no time zone involved.
                        date: entry.writtenWithdrawal.receivedOn.split('-').reverse().join('/'),
                        channel: t(`cases.backoffice.action.withdrawalChannel.${entry.writtenWithdrawal.channel}`),
                      })}
                    </p>
                  ) : null}
                  {entry.publicNote ? <p>{entry.publicNote}</p> : null}
                  {entry.internalNote ? <p className="bo-hint">{t('cases.backoffice.detail.internalNote')}: {entry.internalNote}</p> : null}
                </li>
              ))}
            </ol>
          </section>

          {isSupervisor || detail.supervisionNotes.length > 0 ? <SupervisionNotes detail={detail} canWrite={isSupervisor} canAnswer={isLeader} t={t} locale={locale} onChanged={() => { setOutcome(null); loaded.reload(); }} /> : null}
        </div>
      ) : null}
    </CasePage>
  );
}

/**
 * The live region for action results: always in the page (so assistive technology watches it
 * before it speaks), filled after an action and focused then, since the form that had focus is gone.
 */
function ActionNotice({ message, seq, locale }: { message: string | null; seq: number; locale: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) region.current?.focus();
  }, [message, seq]);
  return (
    <div ref={region} role="status" tabIndex={-1} className={message ? 'bo-notice bo-notice--success' : undefined}>
      {message ? (
        <p>
          <MarkedText text={message} pageLocale={locale} />
        </p>
      ) : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bo-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The photo link an Open311 partner sent (`media_url`): never loaded by the page or the server (no
 * image, no preview); the officer sees where it leads and chooses to open it in a new tab that gets
 * neither this page (`noopener`) nor its address (`noreferrer`). An address that is not plain
 * http/https is shown as text only (`externalLinkOf`).
 */
function PartnerMediaLink({ address, t }: { address: string; t: Translate }) {
  const link = externalLinkOf(address);
  if (!link) return <span className="bo-break">{t('cases.backoffice.detail.mediaUrlUnsafe', { address })}</span>;
  return (
    <>
      <a href={link.href} target="_blank" rel="noopener noreferrer nofollow">
        {t('cases.backoffice.detail.mediaUrlOpen', { host: link.host })}
      </a>
      <span className="bo-hint bo-break">{t('cases.backoffice.detail.mediaUrlHint', { address: link.href })}</span>
    </>
  );
}

function SealedIdentityPanel({ caseId, t }: { caseId: string; t: Translate }) {
  const [identity, setIdentity] = useState<SealedIdentity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      setIdentity(await apiRequest('GET', `/api/v1/cases/${caseId}/sealed-identity`, { schema: sealedIdentitySchema }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <section aria-labelledby="case-sealed" className="bo-sealed">
      <h2 id="case-sealed">{t('cases.backoffice.sealed.title')}</h2>
      <p>{t('cases.backoffice.sealed.warning')}</p>
      {identity ? (
        <dl className="bo-facts" aria-live="polite">
          <Fact label={t('cases.portal.answers.fullName')}>{identity.fullName ?? '—'}</Fact>
          <Fact label={t('cases.backoffice.field.address')}>{identity.address ?? '—'}</Fact>
          <Fact label={t('cases.backoffice.field.phone')}>{identity.phone ? formatVietnamesePhone(identity.phone) : '—'}</Fact>
          <Fact label={t('cases.backoffice.field.email')}>{identity.email ?? '—'}</Fact>
          <Fact label={t('cases.backoffice.field.idNumber')}>{identity.idNumber ?? '—'}</Fact>
        </dl>
      ) : (
        <button type="button" className="bo-button bo-button--warning" onClick={() => void open()}>
          {t('cases.backoffice.sealed.open')}
        </button>
      )}
      {error ? <p className="bo-error-message" role="alert">{error}</p> : null}
    </section>
  );
}

/** Which action form was sent last (counted, so sending the same form again is a new event). */
interface SubmittedAction {
  action: StaffAction;
  seq: number;
}

interface ActionFormProps {
  action: StaffAction;
  detail: CaseDetail;
  units: ReadonlyArray<{ id: string; name: string; kind: string }>;
  t: Translate;
  submitted: SubmittedAction | null;
  onSubmit: () => void;
  onDone: (result: CaseActionResult) => void;
}

/** One action as a small form; the server re-checks the state machine and the version (409 when stale). */
function ActionForm({ action, detail, units, t, submitted, onSubmit, onDone }: ActionFormProps) {
  const { locale } = useCaseI18n();
  const [values, setValues] = useState<Record<string, string>>((): Record<string, string> =>
    action === 'draftAnswer' ? { text: detail.answerDraft ?? '' } : action === 'extendDeadline' ? { unit: detail.extensionOffer?.unit ?? 'working_days' } : action === 'assign' && detail.assignedUnitId ? { unitId: detail.assignedUnitId } : action === 'reclassify' ? { kind: detail.kind, categoryId: detail.categoryId } : {},
  );
  // The reclassify form offers the commune's categories open to the chosen kind.
  const categories = useApiQuery(action === 'reclassify' ? '/api/v1/cases/categories' : null, categoryListSchema);
  const categoryOptions = (categories.data ?? [])
    .filter((category) => category.isActive && category.kinds.includes((values.kind ?? detail.kind) as CaseKind))
    .map((category) => ({ value: category.id, label: locale === 'en' ? category.nameEn || category.nameVi : category.nameVi }));
  // The assign form offers the officers and leaders of the chosen unit (the server accepts exactly these).
  const assignees = useApiQuery(action === 'assign' && values.unitId ? '/api/v1/cases/assignees' : null, assigneeListSchema, { unitId: values.unitId });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // Counts this form's failures: each one moves the focus to its error summary (WCAG 2.4.3 / 3.3.1).
  const [failureCount, setFailureCount] = useState(0);
  useEffect(() => {
    if (submitted && submitted.action !== action) {
      setErrors({});
      setMessage(null);
    }
  }, [submitted, action]);
  const id = (name: string) => `action-${action}-${name}`;
  // Each field builder records its label, so the error summary names the fields in the form's order.
  const fieldLabels = new Map<string, string>();
  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const text = (name: string) => (values[name] ?? '').trim();
  // "" is "not given" and "2.5" stays 2.5: the server then says "required" or "a whole number", not "at least 1".
  const numberOf = (name: string): number | string | null => {
    const value = text(name);
    if (value === '') return null;
    return Number.isFinite(Number(value)) ? Number(value) : value;
  };
  const optional = (name: string) => (text(name) === '' ? null : text(name));

  const body = (): Record<string, unknown> => {
    switch (action) {
      case 'refuse':
        return { ground: text('ground'), note: optional('note') };
      case 'assign':
        return { unitId: text('unitId'), officerId: optional('officerId') };
      case 'forward':
        return { toUnitId: text('toUnitId'), stepDays: numberOf('stepDays') };
      case 'requestInformation':
      case 'direct':
        return { note: text('note') };
      case 'receiveInformation':
        return { note: optional('note') };
      case 'extendDeadline':
        return { amount: numberOf('amount'), unit: text('unit'), reason: text('reason'), decisionRef: optional('decisionRef'), ...(text('complexity') ? { complexity: text('complexity') } : {}) };
      case 'draftAnswer':
        return { text: text('text') };
      case 'rejectDraft':
        return { reason: text('reason') };
      case 'recallDraft':
        return { reason: optional('reason') };
      case 'merge':
        return { intoCode: text('intoCode').toUpperCase() };
      case 'reclassify':
        // A category left over from another kind is not sent: the server then asks for one.
        return { kind: text('kind'), categoryId: categoryOptions.some((option) => option.value === text('categoryId')) ? text('categoryId') : '', reason: text('reason') };
      case 'transferOut':
        return { bodyName: text('bodyName'), letterRef: optional('letterRef'), note: optional('note') };
      case 'decideComplexity':
        return { isComplex: values.isComplex === 'true', isRemoteArea: values.isRemoteArea === 'true', reason: text('reason'), decisionRef: optional('decisionRef') };
      case 'recordWithdrawal':
        return {
          scope: text('scope'),
          description: optional('description'),
          receivedOn: text('receivedOn'),
          channel: text('channel'),
          reason: optional('reason'),
          isSigned: values.isSigned === 'true',
          // LAW-DENUNC-08: asked for denunciations only; left unanswered the server names the field.
          ...(detail.kind === 'denunciation' ? { continueHandling: values.continueHandling === 'yes' ? true : values.continueHandling === 'no' ? false : null } : {}),
        };
      default:
        return {};
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A merge cannot be undone: the resident and followers of this case follow the other from now on.
    if (action === 'merge' && !window.confirm(t('cases.backoffice.action.mergeConfirm', { code: detail.code, into: text('intoCode').toUpperCase() }))) return;
    onSubmit();
    setIsBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const result = await apiRequest('POST', `/api/v1/cases/${detail.id}/actions`, { body: { type: action, expectedVersion: detail.version, ...body() }, schema: caseActionResultSchema });
      onDone(result);
    } catch (caught) {
      if (caught instanceof ApiError) {
        setErrors(caught.fieldErrors);
        // The server words each refusal: a stale version ("reload and try again") or a legal limit
        // (every extension the rule allows already used); both are 409, so the status alone cannot
        // tell them apart. An amount over the cap, the wrong unit or a missing complexity is a 400 on its field.
        setMessage(caught.message);
      } else setMessage(String(caught));
      setFailureCount((count) => count + 1);
    } finally {
      setIsBusy(false);
    }
  };

  const textarea = (name: string, label: string, max: number, isRequired = true) => {
    fieldLabels.set(name, label);
    return (
      <div className={errors[name] ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={id(name)}>
          {label}
          {isRequired ? null : <span className="bo-optional"> {t('cases.backoffice.optional')}</span>}
        </label>
        <FieldError id={id(name)} message={errors[name]} />
        <textarea id={id(name)} className="bo-textarea" maxLength={max} rows={name === 'text' ? 10 : 3} value={values[name] ?? ''} onChange={set(name)} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${id(name)}-error` : undefined} />
      </div>
    );
  };
  const select = (name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>) => {
    fieldLabels.set(name, label);
    return (
      <div className={errors[name] ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={id(name)}>{label}</label>
        <FieldError id={id(name)} message={errors[name]} />
        <select id={id(name)} className="bo-select" value={values[name] ?? ''} onChange={set(name)} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${id(name)}-error` : undefined}>
          <option value="">{t('cases.backoffice.choose')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
      </div>
    );
  };
  const input = (name: string, label: string, options: { type?: string; max?: number; isRequired?: boolean; hint?: string } = {}) => {
    fieldLabels.set(name, label);
    return (
      <div className={errors[name] ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={id(name)}>
          {label}
          {options.isRequired === false ? <span className="bo-optional"> {t('cases.backoffice.optional')}</span> : null}
        </label>
        {options.hint ? <p className="bo-hint" id={`${id(name)}-hint`}>{options.hint}</p> : null}
        <FieldError id={id(name)} message={errors[name]} />
        <input id={id(name)} className="bo-input" type={options.type ?? 'text'} maxLength={options.max} value={values[name] ?? ''} onChange={set(name)} aria-invalid={errors[name] ? true : undefined} aria-describedby={[options.hint ? `${id(name)}-hint` : '', errors[name] ? `${id(name)}-error` : ''].filter(Boolean).join(' ') || undefined} />
      </div>
    );
  };
  const radios = (name: string, legend: string, options: ReadonlyArray<{ value: string; label: string; isDisabled?: boolean }>, hint?: string) => {
    fieldLabels.set(name, legend);
    return (
      <fieldset className={errors[name] ? 'bo-fieldset bo-field--error' : 'bo-fieldset'} aria-describedby={[hint ? `${id(name)}-hint` : '', errors[name] ? `${id(name)}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend>{legend}</legend>
        {hint ? <p className="bo-hint" id={`${id(name)}-hint`}>{hint}</p> : null}
        <FieldError id={id(name)} message={errors[name]} />
        {options.map((option) => (
          <div key={option.value} className="bo-radio">
            <input type="radio" id={id(`${name}-${option.value}`)} name={id(name)} value={option.value} checked={values[name] === option.value} onChange={set(name)} disabled={option.isDisabled === true ? true : undefined} />
            <label htmlFor={id(`${name}-${option.value}`)}>{option.label}</label>
          </div>
        ))}
      </fieldset>
    );
  };
  const checkbox = (name: string, label: string) => {
    fieldLabels.set(name, label);
    return (
      <div className={errors[name] ? 'bo-checkbox bo-field--error' : 'bo-checkbox'}>
        <input type="checkbox" id={id(name)} checked={values[name] === 'true'} onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.checked ? 'true' : '' }))} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${id(name)}-error` : undefined} />
        <label htmlFor={id(name)}>{label}</label>
        <FieldError id={id(name)} message={errors[name]} />
      </div>
    );
  };
  // A supervising body (Fatherland Front, People's Inspection Board) is never given a case (LAW-BASE-13).
  const unitOptions = units.filter((unit) => !isSupervisorUnit(unit)).map((unit) => ({ value: unit.id, label: unit.name }));

  // "Partial" only where the law allows it today (LAW-COMPLAINT-04, LAW-DENUNC-08), as the server checks it.
  const withdrawalScope = withdrawalScopeChoices(detail, t);

  let fields: ReactNode = null;
  switch (action) {
    case 'refuse':
      fields = (
        <>
          {/* Outside competence: the case is sent on, not only refused (LAW-PAKN-04, LAW-DENUNC-03). */}
          {detail.availableActions.includes('transferOut') ? <p className="bo-hint">{t('cases.backoffice.action.refuseTransferHint', { action: t('cases.backoffice.action.transferOut') })}</p> : null}
          {select('ground', t('cases.backoffice.action.ground'), refusalGroundsFor(detail.kind as CaseKind).map((ground) => ({ value: ground.code, label: `${refusalGroundLabel(ground, locale)} (${ground.legalRef})` })))}
          {textarea('note', t('cases.backoffice.action.note'), CASE_NOTE_MAX, false)}
        </>
      );
      break;
    case 'assign':
      fields = (
        <>
          <div className={errors.unitId ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor={id('unitId')}>{t('cases.backoffice.field.unit')}</label>
            <FieldError id={id('unitId')} message={errors.unitId} />
            <select id={id('unitId')} className="bo-select" value={values.unitId ?? ''} onChange={(event) => setValues((current) => ({ ...current, unitId: event.target.value, officerId: '' }))} aria-invalid={errors.unitId ? true : undefined}>
              <option value="">{t('cases.backoffice.choose')}</option>
              {unitOptions.map((option) => (
                <option key={option.value} value={option.value}>{option.label}</option>
              ))}
            </select>
          </div>
          <div className={errors.officerId ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor={id('officerId')}>
              {t('cases.backoffice.action.officerId')}
              <span className="bo-optional"> {t('cases.backoffice.optional')}</span>
            </label>
            <p className="bo-hint" id={id('officerId-hint')}>{values.unitId ? t('cases.backoffice.action.officerIdHint') : t('cases.backoffice.action.officerChooseUnit')}</p>
            <FieldError id={id('officerId')} message={errors.officerId ?? (assignees.error ? assignees.error.message : undefined)} />
            <select id={id('officerId')} className="bo-select" value={values.officerId ?? ''} onChange={set('officerId')} disabled={!values.unitId || assignees.isLoading} aria-describedby={id('officerId-hint')} aria-invalid={errors.officerId ? true : undefined}>
              <option value="">{t('cases.backoffice.action.officerNone')}</option>
              {(assignees.data ?? []).map((assignee) => (
                <option key={assignee.id} value={assignee.id}>{assignee.displayName}</option>
              ))}
            </select>
            {values.unitId && assignees.data && assignees.data.length === 0 ? <p className="bo-hint">{t('cases.backoffice.action.officerEmpty')}</p> : null}
          </div>
        </>
      );
      break;
    case 'forward':
      fields = (
        <>
          {select('toUnitId', t('cases.backoffice.action.toUnit'), unitOptions)}
          {input('stepDays', t('cases.backoffice.action.stepDays', { max: CASE_STEP_DAYS_MAX }), { type: 'number' })}
        </>
      );
      break;
    case 'requestInformation':
      fields = textarea('note', t('cases.backoffice.action.requestNote'), CASE_NOTE_MAX);
      break;
    case 'direct':
      fields = textarea('note', t('cases.backoffice.action.directNote'), CASE_NOTE_MAX);
      break;
    case 'receiveInformation':
      fields = textarea('note', t('cases.backoffice.action.note'), CASE_NOTE_MAX, false);
      break;
    case 'extendDeadline':
      fields = (
        <>
          {/* The cap of the rule in force (LAW-DENUNC-06: 30 days each; LAW-DENUNC-02: 3 working days), in its unit only. */}
          {input('amount', t('cases.backoffice.action.amount', { max: detail.extensionOffer?.maxAmount ?? CASE_EXTENSION_AMOUNT_MAX }), { type: 'number' })}
          {select('unit', t('cases.backoffice.action.unit'), [
            { value: 'working_days', label: t('cases.backoffice.action.workingDays') },
            { value: 'calendar_days', label: t('cases.backoffice.action.calendarDays') },
          ].filter((option) => !detail.extensionOffer || option.value === detail.extensionOffer.unit))}
          {textarea('reason', t('cases.backoffice.action.reason'), CASE_REASON_MAX)}
          {input('decisionRef', t('cases.backoffice.action.decisionRef'), { max: CASE_DECISION_REF_MAX, isRequired: false })}
          {/* Complaints take the longer period from their own decision (LAW-COMPLAINT-07/08), not from an extension. */}
          {detail.kind === 'complaint'
            ? null
            : select('complexity', t('cases.backoffice.action.complexity'), [
                { value: 'complex', label: t('cases.backoffice.action.complex') },
                { value: 'especially_complex', label: t('cases.backoffice.action.especiallyComplex') },
              ])}
        </>
      );
      break;
    case 'reclassify': {
      // A sealed kind keeps its kind (LAW-DENUNC-11/12, LAW-DENUNC-04); the others move only among themselves.
      const kinds = getCaseKindPolicy(detail.kind as CaseKind).isIdentitySealed ? [detail.kind as CaseKind] : CASE_KINDS.filter((kind) => !getCaseKindPolicy(kind).isIdentitySealed);
      fields = (
        <>
          <p className="bo-hint">{t('cases.backoffice.action.reclassifyHint')}</p>
          {select('kind', t('cases.backoffice.action.reclassifyKind'), kinds.map((kind) => ({ value: kind, label: kindLabel(kind, t) })))}
          {select('categoryId', t('cases.backoffice.action.reclassifyCategory'), categoryOptions)}
          {textarea('reason', t('cases.backoffice.action.reclassifyReason'), CASE_REASON_MAX)}
        </>
      );
      break;
    }
    case 'transferOut':
      fields = (
        <>
          <p className="bo-hint">{t('cases.backoffice.action.transferOutHint')}</p>
          {/* LAW-PAKN-04, LAW-DENUNC-03: what the transfer ends besides the case: the wait for the resident, an unsent answer. */}
          {detail.status === 'awaiting_information' ? <p className="bo-hint">{t('cases.backoffice.action.transferEndsPause')}</p> : null}
          {detail.answerDraft && !detail.answerText ? <p className="bo-hint">{t('cases.backoffice.action.transferDiscardsDraft')}</p> : null}
          {detail.deadline.transferDueAt ? <p className="bo-hint">{t('cases.backoffice.detail.transferDue', { date: formatDeadline(detail.deadline.transferDueAt, locale) })}</p> : null}
          {input('bodyName', t('cases.backoffice.action.transferBody'), { max: CASE_TRANSFER_BODY_MAX, hint: t('cases.backoffice.action.transferBodyHint') })}
          {input('letterRef', t('cases.backoffice.action.transferLetterRef'), { max: CASE_DECISION_REF_MAX, isRequired: false })}
          {textarea('note', t('cases.backoffice.action.transferNote'), CASE_NOTE_MAX, false)}
        </>
      );
      break;
    case 'decideComplexity':
      fields = (
        <>
          <p className="bo-hint">{t('cases.backoffice.action.decideComplexityHint')}</p>
          {checkbox('isComplex', t('cases.backoffice.action.isComplex'))}
          {checkbox('isRemoteArea', t('cases.backoffice.action.isRemoteArea'))}
          {textarea('reason', t('cases.backoffice.action.complexityReason'), CASE_REASON_MAX)}
          {input('decisionRef', t('cases.backoffice.action.decisionRef'), { max: CASE_DECISION_REF_MAX, isRequired: false })}
        </>
      );
      break;
    case 'draftAnswer':
      fields = textarea('text', t('cases.backoffice.action.answerText'), CASE_ANSWER_MAX);
      break;
    case 'rejectDraft':
      fields = textarea('reason', t('cases.backoffice.action.reason'), CASE_REASON_MAX);
      break;
    case 'recallDraft':
      fields = (
        <>
          <p className="bo-hint">{t('cases.backoffice.action.recallDraftHint')}</p>
          {textarea('reason', t('cases.backoffice.action.recallReason'), CASE_REASON_MAX, false)}
        </>
      );
      break;
    case 'recordWithdrawal':
      fields = (
        <>
          <p className="bo-hint">{t('cases.backoffice.action.recordWithdrawalHint')}</p>
          {radios('scope', t('cases.backoffice.action.withdrawalScope'), withdrawalScope.options, withdrawalScope.hint)}
          {textarea('description', t('cases.backoffice.action.withdrawalPart'), CASE_REASON_MAX, values.scope === 'partial')}
          <p className="bo-hint">{t('cases.backoffice.action.withdrawalPartHint')}</p>
          {input('receivedOn', t('cases.backoffice.action.withdrawalReceivedOn'), { type: 'date' })}
          {select('channel', t('cases.backoffice.action.withdrawalChannel'), WITHDRAWAL_CHANNELS.map((channel) => ({ value: channel, label: t(`cases.backoffice.action.withdrawalChannel.${channel}`) })))}
          {textarea('reason', t('cases.backoffice.action.withdrawalReason'), CASE_REASON_MAX, false)}
          {detail.kind === 'denunciation'
            ? radios('continueHandling', t('cases.backoffice.action.withdrawalContinue'), [
                { value: 'yes', label: t('cases.backoffice.action.withdrawalContinueYes') },
                { value: 'no', label: t('cases.backoffice.action.withdrawalContinueNo') },
              ], t('cases.backoffice.action.withdrawalContinueHint'))
            : null}
          {checkbox('isSigned', t('cases.backoffice.action.withdrawalSigned'))}
        </>
      );
      break;
    case 'merge':
      fields = input('intoCode', t('cases.backoffice.action.intoCode'), { max: CASE_CODE_MAX, hint: t('cases.backoffice.action.intoCodeHint') });
      break;
    default:
      fields = null;
  }

  // Fields of this form first, in its order (radios land on their first option), then any the form does not show.
  const summaryEntries = [...fieldLabels.keys(), ...Object.keys(errors).filter((name) => !fieldLabels.has(name))]
    .filter((name) => errors[name])
    .map((name) => ({ key: name, targetId: document.getElementById(id(name)) ? id(name) : `${id(name)}-error`, text: fieldLabels.has(name) ? `${fieldLabels.get(name) ?? ''}: ${errors[name] ?? ''}` : (errors[name] ?? '') }));

  return (
    <form className="bo-action" onSubmit={(event) => void submit(event)} aria-labelledby={id('title')} noValidate>
      <h3 id={id('title')}>{t(`cases.backoffice.action.${action}`)}</h3>
      <StaffErrorSummary title={t('cases.backoffice.errorSummary')} message={message} focusKey={failureCount} entries={summaryEntries} />
      {fields}
      <button type="submit" className={action === 'refuse' ? 'bo-button bo-button--warning' : 'bo-button'} disabled={isBusy}>
        {t(`cases.backoffice.action.${action}`)}
      </button>
    </form>
  );
}
