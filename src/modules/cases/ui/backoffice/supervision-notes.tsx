/**
 * Supervision notes and flags on a case (LAW-DEMO-56, LAW-BASE-13): a supervisor adds a note or a
 * flag (a recommendation the commune committee must answer by its deadline, LAW-DEMO-54); a leader
 * answers a flag for the committee; the supervisor closes it (satisfied) or keeps it open, saying
 * why. The server decides who may do what; the forms are only offered to the roles that can.
 */
import { useState, type FormEvent } from 'react';
import { formatDateTime, formatDeadline, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { ApiError, apiRequest } from '../../../../core/ui/api-client.js';
import { Tag } from '../../../../core/ui/components/staff.js';
import { CASE_SUPERVISION_NOTE_MAX, supervisionNoteSchema, type CaseDetail, type SupervisionNote } from '../../contract.js';
import { FieldError } from './kit.js';

const errorText = (caught: unknown, field: string) => (caught instanceof ApiError ? (caught.fieldErrors[field] ?? caught.message) : String(caught));

/** Status, deadline and overdue mark of a flag, in words and colour (never colour alone). */
export function FlagStatus({ note, t, locale }: { note: SupervisionNote; t: Translate; locale: Locale }) {
  if (note.kind !== 'flag' || !note.status) return null;
  return (
    <>
      <Tag tone={note.status === 'closed' ? 'muted' : note.status === 'answered' ? 'success' : 'info'}>{t(`cases.backoffice.supervision.status.${note.status}`)}</Tag>
      {note.isOverdue ? <Tag tone="error">{t('cases.backoffice.supervision.overdue')}</Tag> : null}
      {note.status === 'awaiting_answer' && note.answerDueAt ? <span> {t('cases.backoffice.supervision.dueAt', { date: formatDeadline(note.answerDueAt, locale) })}</span> : null}
    </>
  );
}

/** The committee's answer (or the one the supervisor did not accept) and the supervisor's comment. */
export function FlagAnswer({ note, t }: { note: SupervisionNote; t: Translate }) {
  return (
    <>
      {note.answerBody && note.answeredAt ? (
        <div className="bo-text">
          <p>
            <strong>
              {note.status === 'awaiting_answer'
                ? t('cases.backoffice.supervision.previousAnswer', { at: formatDateTime(note.answeredAt) })
                : t('cases.backoffice.supervision.answerBy', { name: note.answeredByName ?? '—', at: formatDateTime(note.answeredAt) })}
            </strong>
          </p>
          <p>{note.answerBody}</p>
        </div>
      ) : null}
      {note.reviewComment ? (
        <p>
          <strong>{t('cases.backoffice.supervision.reviewComment')}</strong> {note.reviewComment}
        </p>
      ) : null}
    </>
  );
}

interface SupervisionNotesProps {
  detail: CaseDetail;
  /** A supervisor: adds notes and flags, closes or keeps open flags. */
  canWrite: boolean;
  /** A leader: answers flags for the committee. */
  canAnswer: boolean;
  t: Translate;
  locale: Locale;
  onChanged: () => void;
}

export function SupervisionNotes({ detail, canWrite, canAnswer, t, locale, onChanged }: SupervisionNotesProps) {
  const [kind, setKind] = useState<'note' | 'flag'>('note');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest('POST', `/api/v1/cases/${detail.id}/supervision-notes`, { body: { kind, body }, schema: supervisionNoteSchema });
      setBody('');
      onChanged();
    } catch (caught) {
      setError(errorText(caught, 'body'));
    }
  };
  const done = (message: string) => {
    setNotice(message);
    onChanged();
  };
  return (
    <section aria-labelledby="case-supervision">
      <h2 id="case-supervision">{t('cases.backoffice.supervision.title')}</h2>
      {notice ? (
        <p className="bo-notice bo-notice--success" role="status">
          {notice}
        </p>
      ) : null}
      {detail.supervisionNotes.length === 0 ? <p>{t('cases.backoffice.supervision.none')}</p> : null}
      <ul className="bo-supervision-notes">
        {detail.supervisionNotes.map((note) => (
          <li key={note.id} id={`supervision-note-${note.id}`}>
            <strong>{note.kind === 'flag' ? t('cases.backoffice.supervision.flag') : t('cases.backoffice.supervision.note')}</strong> · {formatDateTime(note.createdAt)} <FlagStatus note={note} t={t} locale={locale} />
            <p>{note.body}</p>
            <FlagAnswer note={note} t={t} />
            {note.kind === 'flag' && note.status !== 'closed' && canAnswer ? <AnswerForm caseId={detail.id} note={note} t={t} onDone={() => done(t('cases.backoffice.supervision.answerSent'))} /> : null}
            {note.kind === 'flag' && note.status !== 'closed' && canWrite ? <ReviewForm caseId={detail.id} note={note} t={t} onDone={(message) => done(message)} /> : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <fieldset className="bo-fieldset">
            <legend>{t('cases.backoffice.supervision.kind')}</legend>
            <p className="bo-hint">{t('cases.backoffice.supervision.flagHint')}</p>
            {(['note', 'flag'] as const).map((value) => (
              <div key={value} className="bo-radio">
                <input type="radio" id={`supervision-${value}`} name="supervision-kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
                <label htmlFor={`supervision-${value}`}>{t(`cases.backoffice.supervision.${value}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className={error ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor="supervision-body">{t('cases.backoffice.supervision.body')}</label>
            <FieldError id="supervision-body" message={error ?? undefined} />
            <textarea id="supervision-body" className="bo-textarea" maxLength={CASE_SUPERVISION_NOTE_MAX} rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
          </div>
          <button type="submit" className="bo-button">{t('cases.backoffice.supervision.add')}</button>
        </form>
      ) : null}
    </section>
  );
}

/** A leader's answer for the committee; the text stays in the box when the server refuses it. */
function AnswerForm({ caseId, note, t, onDone }: { caseId: string; note: SupervisionNote; t: Translate; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const id = `supervision-answer-${note.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setIsBusy(true);
    try {
      await apiRequest('POST', `/api/v1/cases/${caseId}/supervision-notes/${note.id}/answer`, { body: { body }, schema: supervisionNoteSchema });
      setBody('');
      onDone();
    } catch (caught) {
      setError(errorText(caught, 'body'));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className={error ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={id}>{t('cases.backoffice.supervision.answerLabel')}</label>
        <FieldError id={id} message={error ?? undefined} />
        <textarea id={id} className="bo-textarea" maxLength={CASE_SUPERVISION_NOTE_MAX} rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
      </div>
      <button type="submit" className="bo-button" disabled={isBusy}>{t('cases.backoffice.supervision.answerSubmit')}</button>
    </form>
  );
}

/** The supervisor's verdict: close (satisfied) or, once answered, keep open with a reason. */
function ReviewForm({ caseId, note, t, onDone }: { caseId: string; note: SupervisionNote; t: Translate; onDone: (message: string) => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const id = `supervision-review-${note.id}`;
  const review = async (outcome: 'close' | 'keep_open') => {
    setError(null);
    setIsBusy(true);
    try {
      await apiRequest('POST', `/api/v1/cases/${caseId}/supervision-notes/${note.id}/review`, { body: { outcome, comment: comment.trim() === '' ? null : comment }, schema: supervisionNoteSchema });
      setComment('');
      onDone(t(outcome === 'close' ? 'cases.backoffice.supervision.closedNotice' : 'cases.backoffice.supervision.keptOpenNotice'));
    } catch (caught) {
      setError(errorText(caught, 'comment'));
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate>
      <div className={error ? 'bo-field bo-field--error' : 'bo-field'}>
        <label className="bo-label" htmlFor={id}>{t('cases.backoffice.supervision.reviewLabel')}</label>
        <FieldError id={id} message={error ?? undefined} />
        <textarea id={id} className="bo-textarea" maxLength={CASE_SUPERVISION_NOTE_MAX} rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <div className="bo-form-actions">
        <button type="button" className="bo-button" disabled={isBusy} onClick={() => void review('close')}>{t('cases.backoffice.supervision.close')}</button>
        {note.status === 'answered' ? (
          <button type="button" className="bo-button bo-button--secondary" disabled={isBusy} onClick={() => void review('keep_open')}>{t('cases.backoffice.supervision.keepOpen')}</button>
        ) : null}
      </div>
    </form>
  );
}
