/**
 * Tracking: the look-up form (`/tra-cuu`) and a case's public status page (`/tra-cuu/:code`) with
 * the submitter's forms (rate, reopen, withdraw) and the "follow this case" form. No personal data.
 */
import { formatDateTime, formatDeadline, type Translate } from '../../../../core/i18n/translate.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, FileInput, Notice, PortalLayout, RadioGroup, TextArea, TextField, VietnameseText, type SummaryError } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { CASE_ATTACHMENT_MAX_BYTES, CASE_ATTACHMENT_TYPES, CASE_CODE_MAX, CASE_EMAIL_MAX, CASE_HONEYPOT_FIELD, CASE_INFORMATION_MAX, CASE_RATING_COMMENT_MAX, CASE_REASON_MAX, type PublicCaseView } from '../../contract.js';
import { getCaseKindPolicy, hasHandlingEnded, isValidTrackingCode } from '../../domain/index.js';
import { eventLabel, formatMegabytes, kindLabel, statusHint, statusLabel } from '../components/case-words.js';
import { MapPointLink } from '../components/map-point-link.js';

export const TRACK_PATH = '/tra-cuu';
export const casePath = (code: string) => `${TRACK_PATH}/${encodeURIComponent(code)}`;
/** "Hồ sơ của tôi": a signed-in resident's own cases (page in my-cases-page.tsx), the other way to find a code. */
export const MY_CASES_PATH = '/ho-so-cua-toi';

export function TrackFormPage({ portal, t, code, error }: { portal: PortalContext; t: Translate; code?: string; error?: string }) {
  const title = t('cases.portal.track.title');
  const summary: SummaryError[] = error ? [{ fieldId: 'ma', message: error }] : [];
  return (
    <PortalLayout portal={portal} title={title} hasErrors={summary.length > 0}>
      <div className="td-two-thirds">
        <ErrorSummary errors={summary} />
        <form method="get" action={TRACK_PATH} noValidate>
          <TextField id="ma" name="ma" label={title} isPageHeading hint={t('cases.portal.track.hint')} error={error} value={code} maxLength={CASE_CODE_MAX} autoComplete="off" spellCheck={false} />
          <Button>{t('cases.portal.track.submit')}</Button>
        </form>
        <LostCodeHelp portal={portal} t={t} />
      </div>
    </PortalLayout>
  );
}

/**
 * "Lost the code?": call the commune, or see what you sent — straight to "Hồ sơ của tôi" for a
 * signed-in resident, through the sign-in page (coming back there) for everyone else; staff have no such list.
 */
function LostCodeHelp({ portal, t }: { portal: PortalContext; t: Translate }) {
  if (portal.actor?.kind === 'staff') return <p>{t('cases.portal.track.lostCall')}</p>;
  const [before, after = ''] = t('cases.portal.track.lost').split('{link}');
  const href = portal.actor ? MY_CASES_PATH : `/dang-nhap?next=${encodeURIComponent(MY_CASES_PATH)}`;
  return (
    <p>
      {before}
      <a href={href}>{t(portal.actor ? 'cases.portal.track.lostMine' : 'cases.portal.track.lostSignIn')}</a>
      {after}
    </p>
  );
}

/**
 * The code of the other case a merge line names (`cases.case.merged`: the case merged into;
 * `cases.case.merged_in`: the case merged in), or null. The note is the code the system wrote; a
 * sealed kind's view carries none (public-status.ts, LAW-DENUNC-11).
 */
function otherCaseCode(entry: PublicCaseView['timeline'][number]): string | null {
  if (entry.event !== 'cases.case.merged' && entry.event !== 'cases.case.merged_in') return null;
  return entry.note && isValidTrackingCode(entry.note) ? entry.note : null;
}

/** A sentence with `{link}` replaced by a link to the status page of case `code`. */
function WithCaseLink({ text, code }: { text: string; code: string }) {
  const [before, after = ''] = text.split('{link}');
  return (
    <>
      {before}
      <a href={casePath(code)}>{code}</a>
      {after}
    </>
  );
}

/**
 * Where a merged case goes on: the case it was merged into, as a link (its news are that case's from
 * now on). A sealed kind names no other case (LAW-DENUNC-11): a neutral sentence says where to ask.
 */
function MergedIntoHint({ view, t }: { view: PublicCaseView; t: Translate }) {
  const mergeLine = [...view.timeline].reverse().find((entry) => entry.event === 'cases.case.merged');
  const intoCode = mergeLine ? otherCaseCode(mergeLine) : null;
  if (intoCode) {
    return (
      <>
        <br />
        <WithCaseLink text={t('cases.portal.status.merged.follow')} code={intoCode} />
      </>
    );
  }
  return getCaseKindPolicy(view.kind).isIdentitySealed ? (
    <>
      <br />
      {t('cases.portal.status.merged.sealed')}
    </>
  ) : null;
}

/** Which form on the status page failed, with its translated field errors. */
export interface StatusFormErrors {
  form: 'rate' | 'reopen' | 'withdraw' | 'follow' | 'information';
  fields: Record<string, string>;
  values: Record<string, string>;
}

export interface StatusPageProps {
  portal: PortalContext;
  t: Translate;
  view: PublicCaseView;
  /** The secret link token, carried in the submitter's forms (never shown). */
  accessToken: string | null;
  /** A success message after a form ("Cảm ơn bạn đã đánh giá"). */
  flash?: string;
  /** A secret link was given that does not open this case as its sender (cut when copied, mistyped): said so, instead of silently showing the public page. */
  isSecretLinkRefused?: boolean;
  formErrors?: StatusFormErrors;
  /** The visitor has just followed the case (or asked to): the follow form is not offered again. */
  hasJustFollowed?: boolean;
  /** The signed-in resident follows the case with their account: said so, with a button to stop. */
  isFollowing?: boolean;
  /** The commune's limit on files per sending, for the "provide information" form. */
  maxAttachments?: number;
  /** The commune's size limit per file (case settings), as the upload enforces it. */
  attachmentMaxBytes?: number;
}

const fieldIdsByForm: Record<StatusFormErrors['form'], Record<string, string>> = {
  rate: { score: 'score', comment: 'rating-comment' },
  reopen: { reason: 'reopen-reason' },
  withdraw: { scope: 'withdraw-scope', description: 'withdraw-description', confirm: 'withdraw-confirm' },
  follow: { email: 'follow-email' },
  information: { text: 'information-text', attachments: 'information-attachments' },
};

/**
 * The status line's explanation, spoken to whoever reads it: "you can rate it", "the officer needs
 * more information from you" are the submitter's (their secret link, or signed in); a visitor or a
 * follower reads about the sender instead, and a submitter who can no longer rate or reopen is not
 * told they can.
 */
function statusHintFor(view: PublicCaseView, t: Translate): string {
  const isSubmitter = view.isSubmitter === true;
  if (view.status === 'transferred') {
    if (!view.transferredTo) return t('cases.portal.status.transferred.hintNoBody');
    return t(isSubmitter ? 'cases.portal.status.transferred.hint' : 'cases.portal.status.transferred.hintOthers', { body: view.transferredTo });
  }
  if (view.status === 'answered') {
    if (!isSubmitter) return t('cases.portal.status.answered.hintOthers');
    return view.canRate || view.canReopen ? statusHint('answered', t) : t('cases.portal.status.answered.hintDone');
  }
  if (view.status === 'awaiting_information' && !isSubmitter) return t('cases.portal.status.awaiting_information.hintOthers');
  return statusHint(view.status, t);
}

export function StatusPage({ portal, t, view, accessToken, flash, isSecretLinkRefused = false, formErrors, hasJustFollowed = false, isFollowing = false, maxAttachments = 0, attachmentMaxBytes = CASE_ATTACHMENT_MAX_BYTES }: StatusPageProps) {
  const title = t('cases.portal.status.title', { code: view.code });
  const action = (suffix: string) => `${casePath(view.code)}/${suffix}`;
  const errorsOf = (form: StatusFormErrors['form']) => (formErrors?.form === form ? formErrors.fields : {});
  const valuesOf = (form: StatusFormErrors['form']) => (formErrors?.form === form ? formErrors.values : {});
  const summary: SummaryError[] = formErrors ? Object.entries(formErrors.fields).map(([field, message]) => ({ fieldId: fieldIdsByForm[formErrors.form][field] ?? field, message })) : [];
  const tokenField = accessToken ? <input type="hidden" name="khoa" value={accessToken} /> : null;
  const deadline = view.deadline;
  const isFinished = hasHandlingEnded(view.status);
  // Following is for other people affected by the same thing: never on a sealed case (a denunciation
  // or a corruption report, LAW-DENUNC-11), and not for the submitter on their own case.
  const isFollowOffered = !getCaseKindPolicy(view.kind).isIdentitySealed && view.isSubmitter !== true;
  // A denouncer's withdrawal is a request the handler decides on (LAW-DENUNC-08: the case goes on if the
  // conduct appears unlawful or the withdrawal was coerced); other kinds stop what is withdrawn.
  const isWithdrawalRequest = view.kind === 'denunciation';
  return (
    <PortalLayout portal={portal} title={title} hasErrors={summary.length > 0}>
      <div className="td-two-thirds">
        <ErrorSummary errors={summary} />
        {flash ? <Notice variant="success">{flash}</Notice> : null}
        {isSecretLinkRefused ? <Notice title={t('cases.portal.status.secretLinkRefused.title')}>{t('cases.portal.status.secretLinkRefused.body')}</Notice> : null}
        <span className="td-caption">{kindLabel(view.kind, t)}</span>
        <h1>{title}</h1>
        <dl className="td-summary-list">
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('cases.portal.status.statusLabel')}</dt>
            <dd className="td-summary-list__value">
              <strong>{statusLabel(view.status, t)}</strong>
              <br />
              {/* LAW-PAKN-04, LAW-DENUNC-03: the resident learns which body now handles it. */}
              {statusHintFor(view, t)}
              {view.status === 'merged' ? <MergedIntoHint view={view} t={t} /> : null}
            </dd>
          </div>
          {view.title ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.answers.title')}</dt>
              <dd className="td-summary-list__value">
                <VietnameseText pageLocale={portal.locale}>{view.title}</VietnameseText>
              </dd>
            </div>
          ) : null}
          {/* Only when the submitter chose to be named publicly (personal data in the text already redacted). */}
          {view.description ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.answers.description')}</dt>
              <dd className="td-summary-list__value">
                <VietnameseText pageLocale={portal.locale}>{view.description}</VietnameseText>
              </dd>
            </div>
          ) : null}
          {view.submitterName ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.status.submitter')}</dt>
              <dd className="td-summary-list__value">{view.submitterName}</dd>
            </div>
          ) : null}
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('cases.portal.answers.category')}</dt>
            <dd className="td-summary-list__value">{view.categoryName}</dd>
          </div>
          {view.areaName ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.answers.area')}</dt>
              <dd className="td-summary-list__value">
                <VietnameseText pageLocale={portal.locale}>{view.areaName}</VietnameseText>
              </dd>
            </div>
          ) : null}
          {/* As Open311 publishes lat/long; never on a sealed kind (the view carries none, LAW-DENUNC-11). */}
          {view.location ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.answers.location')}</dt>
              <dd className="td-summary-list__value">
                <MapPointLink point={view.location} t={t} />
              </dd>
            </div>
          ) : null}
          <div className="td-summary-list__row">
            <dt className="td-summary-list__key">{t('cases.portal.status.receivedAt')}</dt>
            <dd className="td-summary-list__value">{formatDateTime(view.receivedAt)}</dd>
          </div>
          {view.assignedUnitName ? (
            <div className="td-summary-list__row">
              <dt className="td-summary-list__key">{t('cases.portal.status.unit')}</dt>
              <dd className="td-summary-list__value">
                <VietnameseText pageLocale={portal.locale}>{view.assignedUnitName}</VietnameseText>
              </dd>
            </div>
          ) : null}
        </dl>

        {/* A finished case has no deadline left to show (closed, withdrawn, merged, refused). */}
        {isFinished ? null : <h2>{t('cases.portal.status.deadlineTitle')}</h2>}
        {isFinished ? null : deadline.dueAt ? (
          <p>
            {t('cases.portal.status.dueAt', { date: formatDeadline(deadline.dueAt, portal.locale) })}
            {deadline.isOverdue ? <strong> {t('cases.portal.status.overdue')}</strong> : null}
            {deadline.isPaused ? <strong> {t('cases.portal.status.paused')}</strong> : null}
          </p>
        ) : (
          <p>{t('cases.portal.status.noDeadline')}</p>
        )}
        {!isFinished && deadline.provisionalResolutionDueAt ? <p>{t('cases.portal.status.provisionalResolution', { date: formatDeadline(deadline.provisionalResolutionDueAt, portal.locale) })}</p> : null}
        {!isFinished && deadline.explanation.length > 0 ? (
          <details className="td-details">
            <summary>{t('cases.portal.status.howComputed')}</summary>
            <ol>
              {deadline.explanation.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ol>
          </details>
        ) : null}

        {view.answer ? (
          <>
            <h2>{t('cases.portal.status.answerTitle')}</h2>
            <p className="td-secondary">{t('cases.portal.status.answeredAt', { date: formatDateTime(view.answer.answeredAt) })}</p>
            <VietnameseText pageLocale={portal.locale} as="div" className="td-inset">
              {view.answer.text.split(/\n+/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </VietnameseText>
          </>
        ) : null}

        {view.attachments.length > 0 ? (
          <>
            <h2>{t('cases.portal.status.attachmentsTitle')}</h2>
            <ul>
              {view.attachments.map((attachment) => (
                <li key={attachment.id}>
                  <a href={attachment.url}>{attachment.fileName}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>{t('cases.portal.status.timelineTitle')}</h2>
        <ol className="td-timeline">
          {view.timeline.map((entry, index) => (
            <li key={index}>
              <strong>{formatDateTime(entry.at)}</strong> — {eventLabel(entry.event, t)}
              {otherCaseCode(entry) ? (
                <>
                  <br />
                  <WithCaseLink text={t(entry.event === 'cases.case.merged' ? 'cases.portal.status.timeline.mergedInto' : 'cases.portal.status.timeline.mergedIn')} code={otherCaseCode(entry)!} />
                </>
              ) : entry.note ? (
                <>
                  <br />
                  <VietnameseText pageLocale={portal.locale}>{entry.note}</VietnameseText>
                </>
              ) : null}
            </li>
          ))}
        </ol>

        {/* The officer's question is the last "information requested" line of the timeline above. */}
        {view.canProvideInformation ? (
          <section aria-labelledby="information-title">
            <h2 id="information-title">{t('cases.portal.information.title')}</h2>
            <p>{t('cases.portal.information.intro')}</p>
            <form method="post" action={action('bo-sung')} encType="multipart/form-data" noValidate>
              <CsrfField token={portal.csrfToken} />
              {tokenField}
              <TextArea id="information-text" name="text" label={t('cases.portal.information.text')} error={errorsOf('information').text} value={valuesOf('information').text} maxLength={CASE_INFORMATION_MAX} rows={6} />
              {maxAttachments > 0 ? (
                <FileInput
                  id="information-attachments"
                  name="attachments"
                  label={t('cases.portal.information.attachments')}
                  hint={t('cases.portal.submit.attachments.hint', { count: maxAttachments, megabytes: formatMegabytes(attachmentMaxBytes, portal.locale) })}
                  optional
                  error={errorsOf('information').attachments}
                  accept={CASE_ATTACHMENT_TYPES.join(',')}
                  multiple
                />
              ) : null}
              <Button>{t('cases.portal.information.submit')}</Button>
            </form>
          </section>
        ) : null}

        {view.canRate ? (
          <section aria-labelledby="rate-title">
            <h2 id="rate-title">{t('cases.portal.rate.title')}</h2>
            <form method="post" action={action('danh-gia')} noValidate>
              <CsrfField token={portal.csrfToken} />
              {tokenField}
              <RadioGroup
                id="score"
                name="score"
                legend={t('cases.portal.rate.legend')}
                error={errorsOf('rate').score}
                value={valuesOf('rate').score}
                options={[5, 4, 3, 2, 1].map((score) => ({ value: String(score), label: t(`cases.portal.rate.score.${score}`) }))}
              />
              <TextArea id="rating-comment" name="comment" label={t('cases.portal.rate.comment')} optional error={errorsOf('rate').comment} value={valuesOf('rate').comment} maxLength={CASE_RATING_COMMENT_MAX} rows={4} />
              <Button>{t('cases.portal.rate.submit')}</Button>
            </form>
          </section>
        ) : null}

        {/* A refused request keeps the resident's text and shows why next to it, even once the form is no longer offered. */}
        {view.canReopen || errorsOf('reopen').reason ? (
          <section aria-labelledby="reopen-title">
            <h2 id="reopen-title">{t('cases.portal.reopen.title')}</h2>
            <p>{t('cases.portal.reopen.intro')}</p>
            <form method="post" action={action('mo-lai')} noValidate>
              <CsrfField token={portal.csrfToken} />
              {tokenField}
              <TextArea id="reopen-reason" name="reason" label={t('cases.portal.reopen.reason')} error={errorsOf('reopen').reason} value={valuesOf('reopen').reason} maxLength={CASE_REASON_MAX} rows={4} />
              <Button variant="secondary">{t('cases.portal.reopen.submit')}</Button>
            </form>
          </section>
        ) : view.reopenUnavailable ? (
          // Past the commune's limit or period (issue 3 point 4): say why instead of offering the form.
          <section aria-labelledby="reopen-title">
            <h2 id="reopen-title">{t('cases.portal.reopen.title')}</h2>
            <p>{t(view.reopenUnavailable === 'reopen_limit_reached' ? 'cases.portal.reopen.limitReached' : 'cases.portal.reopen.windowExpired')}</p>
          </section>
        ) : null}

        {view.canWithdraw ? (
          <section aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{t(`cases.portal.withdraw.title.${view.kind}`)}</h2>
            <p>{t(isWithdrawalRequest ? 'cases.portal.withdraw.introDenunciation' : view.canWithdrawPartially ? 'cases.portal.withdraw.intro' : 'cases.portal.withdraw.introWhole')}</p>
            <form method="post" action={action('rut')} noValidate>
              <CsrfField token={portal.csrfToken} />
              {tokenField}
              {/* "Part of it" only where the domain allows it for this case (LAW-DENUNC-08, LAW-COMPLAINT-04). */}
              {view.canWithdrawPartially ? (
                <RadioGroup
                  id="withdraw-scope"
                  name="scope"
                  legend={t('cases.portal.withdraw.scope')}
                  error={errorsOf('withdraw').scope}
                  value={valuesOf('withdraw').scope}
                  options={[
                    { value: 'whole', label: t('cases.portal.withdraw.whole') },
                    { value: 'partial', label: t('cases.portal.withdraw.partial'), hint: t('cases.portal.withdraw.partialHint') },
                  ]}
                />
              ) : errorsOf('withdraw').scope ? (
                <RadioGroup
                  id="withdraw-scope"
                  name="scope"
                  legend={t('cases.portal.withdraw.scope')}
                  error={errorsOf('withdraw').scope}
                  value=""
                  options={[{ value: 'whole', label: t('cases.portal.withdraw.whole') }]}
                />
              ) : (
                <input type="hidden" name="scope" value="whole" />
              )}
              <TextArea id="withdraw-description" name="description" label={t('cases.portal.withdraw.description')} optional error={errorsOf('withdraw').description} value={valuesOf('withdraw').description} maxLength={CASE_REASON_MAX} rows={3} />
              {/* Withdrawing cannot be undone from here: one more deliberate tick, which works without JavaScript. */}
              <CheckboxGroup id="withdraw-confirm" name="confirm" legend={t('cases.portal.withdraw.confirmLegend')} error={errorsOf('withdraw').confirm} values={valuesOf('withdraw').confirm === 'yes' ? ['yes'] : []} options={[{ value: 'yes', label: t(isWithdrawalRequest ? 'cases.portal.withdraw.confirmLabelDenunciation' : 'cases.portal.withdraw.confirmLabel') }]} />
              <Button variant="warning">{t(isWithdrawalRequest ? 'cases.portal.withdraw.submitRequest' : 'cases.portal.withdraw.submit')}</Button>
            </form>
          </section>
        ) : null}

        {/* Nothing to follow on a finished case, a sealed one or one's own; once followed, the notice above says so instead of the form. */}
        {isFinished ? null : isFollowing ? (
          <section aria-labelledby="theo-doi">
            <h2 id="theo-doi" tabIndex={-1}>
              {t('cases.portal.follow.title')}
            </h2>
            <p>{t('cases.portal.follow.following')}</p>
            <form method="post" action={action('ngung-theo-doi')} noValidate>
              <CsrfField token={portal.csrfToken} />
              {tokenField}
              <Button variant="secondary">{t('cases.portal.follow.stop')}</Button>
            </form>
          </section>
        ) : hasJustFollowed || !isFollowOffered ? null : (
          <section aria-labelledby="theo-doi">
            <h2 id="theo-doi" tabIndex={-1}>
              {t('cases.portal.follow.title')}
            </h2>
            <p>{t('cases.portal.follow.intro')}</p>
            <form method="post" action={action('theo-doi')} noValidate>
              <CsrfField token={portal.csrfToken} />
              {/* The submitter following from their secret link stays on it (their rate / reopen / withdraw forms). */}
              {tokenField}
              {portal.actor ? (
                <p>{t('cases.portal.follow.signedIn')}</p>
              ) : (
                <TextField id="follow-email" name="email" type="email" label={t('cases.portal.follow.email')} hint={t('cases.portal.follow.emailHint')} error={errorsOf('follow').email} value={valuesOf('follow').email} autoComplete="email" maxLength={CASE_EMAIL_MAX} spellCheck={false} />
              )}
              <div className="td-visually-hidden" aria-hidden="true">
                <label htmlFor="follow-website">{t('cases.portal.honeypot')}</label>
                <input type="text" id="follow-website" name={CASE_HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
              </div>
              <Button variant="secondary">{t('cases.portal.follow.submit')}</Button>
            </form>
          </section>
        )}
      </div>
    </PortalLayout>
  );
}
