/**
 * Publish a case as public Q&A (`/staff/cases/:id/qa`): the server proposes personal-data spans
 * (ID numbers, phones, e-mails, the submitter's name and address, what looks like a person's name
 * or a house address); the officer sees them highlighted, marks more names, edits the redacted
 * texts, confirms, and publishes. Nothing is published without this confirmation. What the detection
 * still finds in the texts as edited is listed under them; each item is removed, or kept with the
 * leader's confirmation that it is not personal data (the committee's hotline). The server checks the
 * same again and refuses anything left unconfirmed (point 8).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatDateTime, type Translate } from '../../../../core/i18n/translate.js';
import { ApiError, apiRequest } from '../../../../core/ui/api-client.js';
import { CASE_ANSWER_MAX, CASE_DESCRIPTION_MAX, publishQaResultSchema, QA_MARKED_NAMES_MAX, qaPreviewSchema, type QaPreview } from '../../contract.js';
import { detectPersonalData, findMarkedSpans, isKeepable } from '../../domain/index.js';
import { CasePage, FieldError, goTo, useCaseI18n } from './kit.js';

type Spans = QaPreview['question']['spans'];

/** The text with each detected span marked (and its kind said in words, not colour alone). */
function Highlighted({ text, spans, t }: { text: string; spans: Spans; t: Translate }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [index, span] of [...spans].sort((a, b) => a.start - b.start).entries()) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={index} className="bo-pii">
        {text.slice(span.start, span.end)}
        <span className="td-visually-hidden"> ({t(`cases.backoffice.qa.kind.${span.kind}`)})</span>
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <div className="bo-text">{parts}</div>;
}

/** Replace every span by the placeholder (from the end, so offsets stay valid); the server stores it in Vietnamese (storedQaText). */
export function redact(text: string, spans: Spans, placeholder: string): string {
  let result = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) result = `${result.slice(0, span.start)}${placeholder}${result.slice(span.end)}`;
  return result;
}

export function QaPublishPage({ params }: { params: Readonly<Record<string, string>>; search: string }) {
  const { t } = useCaseI18n();
  const caseId = params.id ?? '';
  const [preview, setPreview] = useState<QaPreview | null>(null);
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [isConfirmed, setIsConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPublishing, setIsPublishing] = useState(false);
  const publishingRef = useRef(false);
  const [namesText, setNamesText] = useState('');
  const [markedNames, setMarkedNames] = useState<string[]>([]);
  const [isSearching, setIsSearching] = useState(false);
  const [searchNotice, setSearchNotice] = useState<string | null>(null);
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());

  /** What the detection still finds in the texts to publish: the submitter's name and address as the preview found them, the marked names, and every pattern. */
  const remaining = useMemo(() => {
    if (!preview) return [];
    const previewSpans = [...preview.question.spans, ...preview.answer.spans];
    const marked = { markedNames: [...new Set([...previewSpans.filter((span) => span.kind === 'name').map((span) => span.text), ...markedNames])], markedAddresses: [...new Set(previewSpans.filter((span) => span.kind === 'address').map((span) => span.text))] };
    const byText = new Map<string, Spans[number]>();
    for (const span of [...detectPersonalData(question, marked), ...detectPersonalData(answer, marked)]) byText.set(span.text.trim(), span);
    return [...byText.entries()].map(([text, span]) => ({ text, kind: span.kind }));
  }, [preview, markedNames, question, answer]);

  useEffect(() => {
    let isCurrent = true;
    apiRequest('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/qa/preview`, { schema: qaPreviewSchema }).then(
      (loaded) => {
        if (!isCurrent) return;
        setPreview(loaded);
        const placeholder = t('cases.backoffice.qa.placeholder');
        // Published already: start from what is public now, so earlier edits are not lost.
        setQuestion(loaded.published?.question ?? redact(loaded.question.text, loaded.question.spans, placeholder));
        setAnswer(loaded.published?.answer ?? redact(loaded.answer.text, loaded.answer.spans, placeholder));
      },
      (error: unknown) => isCurrent && setMessage(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [caseId]);

  /** Search the originals again with the names the officer typed, and remove them from the texts as edited so far. */
  const searchNames = async () => {
    const names = [...new Set(namesText.split('\n').map((name) => name.trim()).filter((name) => name !== ''))];
    setErrors({});
    setSearchNotice(null);
    setIsSearching(true);
    try {
      const loaded = await apiRequest('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/qa/preview`, { body: { markedNames: names }, schema: qaPreviewSchema });
      const placeholder = t('cases.backoffice.qa.placeholder');
      setPreview(loaded);
      setMarkedNames(names);
      setQuestion((current) => redact(current, findMarkedSpans(current, names, 'name'), placeholder));
      setAnswer((current) => redact(current, findMarkedSpans(current, names, 'name'), placeholder));
      setSearchNotice(t('cases.backoffice.qa.markNames.applied', { count: loaded.question.spans.length + loaded.answer.spans.length }));
    } catch (caught) {
      if (caught instanceof ApiError) {
        // "markedNames.3" (one name too long) and "markedNames" (too many) are both this field's.
        const fieldMessage = Object.entries(caught.fieldErrors).find(([field]) => field.startsWith('markedNames'))?.[1];
        setErrors(fieldMessage ? { markedNames: fieldMessage } : caught.fieldErrors);
        if (!fieldMessage) setMessage(caught.message);
      } else setMessage(String(caught));
    } finally {
      setIsSearching(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // One publication per click: a double click wrote it (and its audit row) twice.
    if (publishingRef.current) return;
    setErrors({});
    setMessage(null);
    if (remaining.some((item) => !kept.has(item.text))) {
      setErrors({ keep: t('cases.backoffice.qa.remaining.required') });
      document.getElementById('qa-remaining')?.focus();
      return;
    }
    if (!isConfirmed) {
      setErrors({ confirm: t('cases.backoffice.qa.confirmRequired') });
      return;
    }
    publishingRef.current = true;
    setIsPublishing(true);
    try {
      await apiRequest('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/qa/publish`, { body: { question: question.trim(), answer: answer.trim(), ...(markedNames.length > 0 ? { markedNames } : {}), ...(remaining.length > 0 ? { keep: remaining.map((item) => item.text) } : {}) }, schema: publishQaResultSchema });
      goTo(`/cases/${caseId}`);
    } catch (caught) {
      if (caught instanceof ApiError) {
        setErrors(caught.fieldErrors);
        setMessage(caught.message);
      } else setMessage(String(caught));
    } finally {
      publishingRef.current = false;
      setIsPublishing(false);
    }
  };

  const spanCount = preview ? preview.question.spans.length + preview.answer.spans.length : 0;
  return (
    <CasePage title={t('cases.backoffice.qa.title')} back={{ to: `/cases/${caseId}`, label: t('cases.backoffice.detail.title') }}>
      {message ? <div className="bo-notice bo-notice--error" role="alert">{message}</div> : null}
      {preview ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {preview.published ? <div className="bo-notice" role="status">{t('cases.backoffice.qa.alreadyPublished', { date: formatDateTime(preview.published.publishedAt) })}</div> : null}
          <p>{spanCount > 0 ? t('cases.backoffice.qa.found', { count: spanCount }) : t('cases.backoffice.qa.noneFound')}</p>
          <h2>{t('cases.backoffice.qa.originalQuestion')}</h2>
          <Highlighted text={preview.question.text} spans={preview.question.spans} t={t} />
          <h2>{t('cases.backoffice.qa.originalAnswer')}</h2>
          <Highlighted text={preview.answer.text} spans={preview.answer.spans} t={t} />
          <div className={errors.markedNames ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor="qa-marked-names">{t('cases.backoffice.qa.markNames.label')}</label>
            <p className="bo-hint" id="qa-marked-names-hint">{t('cases.backoffice.qa.markNames.hint', { max: QA_MARKED_NAMES_MAX })}</p>
            <FieldError id="qa-marked-names" message={errors.markedNames} />
            <textarea id="qa-marked-names" className="bo-textarea" rows={3} aria-describedby="qa-marked-names-hint" value={namesText} onChange={(event) => setNamesText(event.target.value)} />
            <button type="button" className="bo-button bo-button--secondary" disabled={isSearching || namesText.trim() === ''} aria-busy={isSearching || undefined} onClick={() => void searchNames()}>
              {t('cases.backoffice.qa.markNames.apply')}
            </button>
            {searchNotice ? <p role="status">{searchNotice}</p> : null}
          </div>
          <h2>{t('cases.backoffice.qa.toPublish')}</h2>
          <p className="bo-hint">{t('cases.backoffice.qa.editHint')}</p>
          <div className={errors.question ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor="qa-question">{t('cases.portal.qa.question')}</label>
            <FieldError id="qa-question" message={errors.question} />
            <textarea id="qa-question" className="bo-textarea" rows={6} maxLength={CASE_DESCRIPTION_MAX} value={question} onChange={(event) => setQuestion(event.target.value)} />
          </div>
          <div className={errors.answer ? 'bo-field bo-field--error' : 'bo-field'}>
            <label className="bo-label" htmlFor="qa-answer">{t('cases.portal.qa.answer')}</label>
            <FieldError id="qa-answer" message={errors.answer} />
            <textarea id="qa-answer" className="bo-textarea" rows={8} maxLength={CASE_ANSWER_MAX} value={answer} onChange={(event) => setAnswer(event.target.value)} />
          </div>
          {remaining.length > 0 ? (
            <fieldset id="qa-remaining" tabIndex={-1} className={errors.keep ? 'bo-field bo-field--error' : 'bo-field'} aria-describedby="qa-remaining-hint">
              <legend className="bo-label">{t('cases.backoffice.qa.remaining.legend', { count: remaining.length })}</legend>
              <p className="bo-hint" id="qa-remaining-hint">{t('cases.backoffice.qa.remaining.hint')}</p>
              <FieldError id="qa-remaining-error" message={errors.keep} />
              {remaining.map((item, index) =>
                isKeepable(item.kind) ? (
                  <div className="bo-checkbox" key={item.text}>
                    <input id={`qa-keep-${index}`} type="checkbox" checked={kept.has(item.text)} onChange={(event) => setKept((current) => { const next = new Set(current); if (event.target.checked) next.add(item.text); else next.delete(item.text); return next; })} />
                    <label htmlFor={`qa-keep-${index}`}>{t('cases.backoffice.qa.remaining.keep', { text: item.text, kind: t(`cases.backoffice.qa.kind.${item.kind}`) })}</label>
                  </div>
                ) : (
                  <p key={item.text}>{t('cases.backoffice.qa.remaining.mustRemove', { text: item.text, kind: t(`cases.backoffice.qa.kind.${item.kind}`) })}</p>
                ),
              )}
            </fieldset>
          ) : null}
          <div className={errors.confirm ? 'bo-field bo-field--error bo-checkbox' : 'bo-field bo-checkbox'}>
            <FieldError id="qa-confirm" message={errors.confirm} />
            <input id="qa-confirm" type="checkbox" checked={isConfirmed} onChange={(event) => setIsConfirmed(event.target.checked)} />
            <label htmlFor="qa-confirm">{t('cases.backoffice.qa.confirm')}</label>
          </div>
          <button type="submit" className="bo-button" disabled={isPublishing} aria-busy={isPublishing || undefined}>{t('cases.backoffice.qa.publish')}</button>
        </form>
      ) : message ? null : (
        <p className="bo-loading" role="status">{t('cases.backoffice.loading')}</p>
      )}
    </CasePage>
  );
}
