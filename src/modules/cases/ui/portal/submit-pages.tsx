/**
 * The resident's submission flow (SSR, works with JavaScript off): one question per page, a
 * check-your-answers page with the photo/PDF upload, then a confirmation with the tracking code.
 */
import type { ReactNode } from 'react';
import { formatDate, formatDeadline, type Translate } from '../../../../core/i18n/translate.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, FileInput, MarkedText, Notice, Panel, PortalLayout, RadioGroup, Select, TextArea, TextField, VietnameseText, type SummaryError } from '../../../../core/ui/index.js';
import type { PortalContext } from '../../../../core/ui/types.js';
import { CASE_ADDRESS_MAX, CASE_DESCRIPTION_MAX, CASE_EMAIL_MAX, CASE_HONEYPOT_FIELD, CASE_NAME_MAX, CASE_PHONE_MAX, CASE_TITLE_MAX, type SimilarCase } from '../../contract.js';
import { CASE_KINDS, getCaseKindPolicy, MAP_POINT_TEXT_MAX, type CaseKind, type PrivacyChoice } from '../../domain/index.js';
import { MapPointLink } from '../components/map-point-link.js';
import { formatMegabytes, kindHint, kindLabel, WhoSeesWhat } from '../components/case-words.js';
import { effectivePrivacy, FLOW_FIELDS, flowMapPoint, isCaseKind, isStepShown, NO_AREA, previousStep, STEP_FIELDS, type FlowState, type SubmitStep } from './submit-flow.js';

/** The text step loads the similar-cases island: open cases like the one being written, to follow instead of filing a duplicate. */
const SIMILAR_CASES_ISLAND = ['similar-cases'] as const;
/** The area step of a kind that is not sealed loads the "use my current location" island. */
const LOCATE_ISLAND = ['locate'] as const;
const NO_ISLANDS = [] as const;

export const SUBMIT_PATH = '/gui-phan-anh';
/** The flow's form: the header's language switch submits it, so the answers typed so far are kept. */
export const SUBMIT_FORM_ID = 'submit-flow';

export interface CategoryChoice {
  id: string;
  name: string;
  description: string | null;
  kinds: readonly CaseKind[];
}

export interface AreaChoice {
  id: string;
  name: string;
}

export interface SubmitStepPageProps {
  portal: PortalContext;
  t: Translate;
  step: SubmitStep;
  state: FlowState;
  /** Translated messages by field name. */
  errors: Record<string, string>;
  categories: readonly CategoryChoice[];
  areas: readonly AreaChoice[];
  maxAttachments: number;
  /** The commune's size limit per file (case settings), as the upload enforces it. */
  attachmentMaxBytes: number;
  /** Extra message at the top (e.g. an attachment that could not be read). */
  notice?: string;
  /** On the check page: open cases of the same area and category like this one, to follow instead (issue 3, point 12; no JavaScript needed). */
  similarCases?: readonly SimilarCase[];
}

function HiddenState({ state, step }: { state: FlowState; step: SubmitStep }) {
  const shown = new Set<string>(STEP_FIELDS[step]);
  return (
    <>
      {FLOW_FIELDS.filter((field) => !shown.has(field) && state[field] !== undefined).map((field) => (
        <input key={field} type="hidden" name={field} value={state[field]} />
      ))}
    </>
  );
}

/** The honeypot: hidden from people (and screen readers), left empty by them, filled by bots. */
export function Honeypot({ t }: { t: Translate }) {
  return (
    <div className="td-visually-hidden" aria-hidden="true">
      <label htmlFor={CASE_HONEYPOT_FIELD}>{t('cases.portal.honeypot')}</label>
      <input type="text" id={CASE_HONEYPOT_FIELD} name={CASE_HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

const stepTitleKey: Record<SubmitStep, string> = {
  kind: 'cases.portal.submit.kind.title',
  category: 'cases.portal.submit.category.title',
  area: 'cases.portal.submit.area.title',
  text: 'cases.portal.submit.text.title',
  privacy: 'cases.portal.submit.privacy.title',
  identity: 'cases.portal.submit.identity.title',
  check: 'cases.portal.submit.check.title',
};

/** Field order for the error summary of each step. */
const fieldIds: Record<string, string> = {};

export function SubmitStepPage(props: SubmitStepPageProps) {
  const { portal, t, step, state, errors } = props;
  // A question is not "what happened": its text step asks for the question itself.
  const title = t(step === 'text' && state.kind === 'question' ? 'cases.portal.submit.text.titleQuestion' : stepTitleKey[step]);
  const summary: SummaryError[] = STEP_FIELDS[step].filter((field) => errors[field]).map((field) => ({ fieldId: fieldIds[field] ?? field, message: errors[field]! }));
  if (errors.attachments) summary.push({ fieldId: 'attachments', message: errors.attachments });
  const back = previousStep(step, state);
  const isMultipart = step === 'check';
  return (
    <PortalLayout portal={portal} title={title} hasErrors={summary.length > 0} islands={step === 'text' ? SIMILAR_CASES_ISLAND : step === 'area' && isLocateOffered(state) ? LOCATE_ISLAND : NO_ISLANDS} languageSwitchForm={{ formId: SUBMIT_FORM_ID, action: SUBMIT_PATH, primaryLabel: t(step === 'check' ? 'cases.portal.submit.send' : 'common.continue') }}>
      <div className="td-two-thirds">
        <ErrorSummary errors={summary} />
        {props.notice ? <Notice>{props.notice}</Notice> : null}
        <p className="td-caption">{isCaseKind(state.kind) ? t(`cases.portal.submit.caption.${state.kind}`) : t('cases.portal.submit.caption')}</p>
        <form id={SUBMIT_FORM_ID} method="post" action={isMultipart ? `${SUBMIT_PATH}/gui` : SUBMIT_PATH} noValidate encType={isMultipart ? 'multipart/form-data' : undefined}>
          <CsrfField token={portal.csrfToken} />
          <input type="hidden" name="_step" value={step} />
          <HiddenState state={state} step={step} />
          <StepBody {...props} title={title} />
          <div className="td-button-group">
            {step === 'check' ? (
              <Button name="_action" value="submit" preventDoubleClick>
                {t('cases.portal.submit.send')}
              </Button>
            ) : (
              <Button name="_action" value="next">
                {t('common.continue')}
              </Button>
            )}
            {back ? (
              <button className="td-button td-button--secondary" type="submit" name="_action" value={`edit:${back}`} formAction={SUBMIT_PATH}>
                {t('common.back')}
              </button>
            ) : null}
          </div>
        </form>
      </div>
    </PortalLayout>
  );
}

function StepBody(props: SubmitStepPageProps & { title: string }) {
  const { t, step, state, errors, title } = props;
  const kind = isCaseKind(state.kind) ? state.kind : null;
  switch (step) {
    case 'kind':
      return (
        <>
          <RadioGroup
            id="kind"
            name="kind"
            legend={title}
            isPageHeading
            hint={t('cases.portal.submit.kind.hint')}
            error={errors.kind}
            value={state.kind}
            options={CASE_KINDS.map((value) => ({ value, label: kindLabel(value, t), hint: kindHint(value, t) }))}
          />
          <p>{t('cases.portal.submit.kind.notSure')}</p>
        </>
      );
    case 'category': {
      const options = props.categories.filter((category) => kind && category.kinds.includes(kind));
      return (
        <RadioGroup
          id="categoryId"
          name="categoryId"
          legend={title}
          isPageHeading
          hint={t('cases.portal.submit.category.hint')}
          error={errors.categoryId}
          value={state.categoryId}
          options={options.map((category) => ({ value: category.id, label: category.name, ...(category.description ? { hint: category.description } : {}) }))}
        />
      );
    }
    case 'area':
      return (
        <>
          <h1>{title}</h1>
          <Select
            id="areaId"
            name="areaId"
            label={t('cases.portal.submit.area.label')}
            hint={t('cases.portal.submit.area.hint')}
            error={errors.areaId}
            value={state.areaId}
            placeholder={t('cases.portal.submit.area.placeholder')}
            options={[...props.areas.map((area) => ({ value: area.id, label: area.name })), { value: NO_AREA, label: t('cases.portal.submit.area.none') }]}
          />
          <TextField id="address" name="address" label={t('cases.portal.submit.address.label')} hint={t('cases.portal.submit.address.hint')} optional error={errors.address} value={state.address} maxLength={CASE_ADDRESS_MAX} autoComplete="off" />
          <TextField id="location" name="location" label={t('cases.portal.submit.location.label')} hint={t(kind && getCaseKindPolicy(kind).isIdentitySealed ? 'cases.portal.submit.location.hintSealed' : 'cases.portal.submit.location.hint')} optional error={errors.location} value={state.location} maxLength={MAP_POINT_TEXT_MAX} autoComplete="off" spellCheck={false} />
          {isLocateOffered(state) ? <LocateButton t={t} /> : null}
        </>
      );
    case 'text':
      return (
        <>
          <h1>{title}</h1>
          {/* A denunciation asks identity at a later step (sealed); an anonymous corruption report never does. */}
          {kind && getCaseKindPolicy(kind).isIdentitySealed ? <Notice>{t(getCaseKindPolicy(kind).isIdentityAsked ? 'cases.portal.submit.text.sealedWarning' : 'cases.portal.submit.text.anonymousWarning')}</Notice> : null}
          <TextField id="title" name="title" label={t('cases.portal.submit.title.label')} hint={t('cases.portal.submit.title.hint', { max: CASE_TITLE_MAX })} error={errors.title} value={state.title} maxLength={CASE_TITLE_MAX} />
          <TextArea id="description" name="description" label={t('cases.portal.submit.description.label')} hint={t('cases.portal.submit.description.hint')} error={errors.description} value={state.description} maxLength={CASE_DESCRIPTION_MAX} rows={10} spellCheck />
          {/* Filled by the similar-cases island (src/web/islands/similar-cases.ts, which this step asks the layout to load): open cases like this one, to follow instead; only for the kinds one may follow instead of filing (point 12). */}
          {kind && getCaseKindPolicy(kind).isFollowedInsteadOfFiled ? <div id="similar-cases" data-similar-cases="/api/v1/cases/similar" data-kind={kind} data-title={t('cases.portal.similar.title')} data-intro={t('cases.portal.similar.intro')} data-follow={t('cases.portal.similar.follow')} data-received={t('cases.portal.similar.received')} aria-live="polite" hidden /> : null}
        </>
      );
    case 'privacy': {
      const policy = kind ? getCaseKindPolicy(kind) : null;
      return (
        <RadioGroup
          id="privacy"
          name="privacy"
          legend={title}
          isPageHeading
          hint={t('cases.portal.submit.privacy.hint')}
          error={errors.privacy}
          value={state.privacy ?? policy?.defaultPrivacy}
          options={(policy?.allowedPrivacy ?? []).map((value) => ({ value, label: t(`cases.portal.privacy.${value}`), hint: t(`cases.portal.privacy.${value}.hint`) }))}
        />
      );
    }
    case 'identity': {
      const policy = kind ? getCaseKindPolicy(kind) : null;
      const required = new Set(policy?.requiredIdentityFields ?? []);
      return (
        <>
          <h1>{title}</h1>
          {/* What the law asks of this kind: the intro must not say "required" over fields marked optional. */}
          <p>{policy?.isIdentitySealed ? t('cases.portal.submit.identity.sealedIntro') : policy && policy.requiredIdentityFields.length === 0 ? t('cases.portal.submit.identity.optionalIntro') : t('cases.portal.submit.identity.intro')}</p>
          {required.has('contact') ? <p>{t('cases.portal.submit.identity.contactRule')}</p> : null}
          <TextField id="fullName" name="fullName" label={t('cases.portal.submit.fullName.label')} hint={<MarkedText text={t('cases.portal.submit.fullName.hint')} pageLocale={props.portal.locale} />} optional={!required.has('fullName')} error={errors.fullName} value={state.fullName} autoComplete="name" maxLength={CASE_NAME_MAX} spellCheck={false} />
          <TextField id="phone" name="phone" type="tel" label={t('cases.portal.submit.phone.label')} hint={t('cases.portal.submit.phone.hint')} optional error={errors.phone} value={state.phone} autoComplete="tel" inputMode="tel" maxLength={CASE_PHONE_MAX} width="full" />
          <TextField id="email" name="email" type="email" label={t('cases.portal.submit.email.label')} optional error={errors.email} value={state.email} autoComplete="email" maxLength={CASE_EMAIL_MAX} spellCheck={false} />
          <TextField id="submitterAddress" name="submitterAddress" label={t('cases.portal.submit.submitterAddress.label')} hint={t('cases.portal.submit.submitterAddress.hint')} optional={!required.has('address')} error={errors.submitterAddress} value={state.submitterAddress} autoComplete="street-address" maxLength={CASE_ADDRESS_MAX} />
          <CheckboxGroup id="wantsNotifications" name="wantsNotifications" legend={t('cases.portal.submit.notify.legend')} values={state.wantsNotifications === 'yes' ? ['yes'] : []} options={[{ value: 'yes', label: t('cases.portal.submit.notify.label') }]} />
        </>
      );
    }
    case 'check':
      return <CheckAnswers {...props} title={title} />;
  }
}

/**
 * "Use my current location": shown by the locate island (src/web/islands/locate.ts) when the browser
 * can locate; without JavaScript it stays hidden and the field is typed or pasted. The status line is
 * an aria-live region the island writes the outcome into, in the page's language (texts from here).
 */
function LocateButton({ t }: { t: Translate }) {
  const message = (key: string) => t(`cases.portal.submit.location.${key}`);
  return (
    <div className="td-form-group" data-locate="location" data-locating={message('locating')} data-found={message('found')} data-denied={message('denied')} data-unavailable={message('unavailable')} data-timeout={message('timeout')} hidden>
      <button type="button" className="td-button td-button--secondary">
        {message('useMine')}
      </button>
      <p className="td-hint" role="status" aria-live="polite" />
    </div>
  );
}

/**
 * A position taken where the resident stands is offered only where the point may be public anyway:
 * on a sealed kind it would most often be the denouncer's home (LAW-DENUNC-11), so they type the place.
 */
function isLocateOffered(state: FlowState): boolean {
  return isCaseKind(state.kind) && !getCaseKindPolicy(state.kind).isIdentitySealed;
}

function ChangeButton({ step, label, t }: { step: SubmitStep; label: string; t: Translate }) {
  return (
    <button className="td-button td-button--secondary" type="submit" name="_action" value={`edit:${step}`} formAction={SUBMIT_PATH}>
      {t('cases.portal.submit.change')}
      <span className="td-visually-hidden"> {label}</span>
    </button>
  );
}

function CheckAnswers(props: SubmitStepPageProps & { title: string }) {
  const { t, state, errors, title } = props;
  const kind = isCaseKind(state.kind) ? state.kind : 'feedback';
  const privacy: PrivacyChoice = effectivePrivacy(state) ?? getCaseKindPolicy(kind).defaultPrivacy;
  const category = props.categories.find((candidate) => candidate.id === state.categoryId);
  const point = flowMapPoint(state);
  const area = state.areaId === NO_AREA ? t('cases.portal.submit.area.none') : (props.areas.find((candidate) => candidate.id === state.areaId)?.name ?? '');
  const rows: Array<{ step: SubmitStep; key: string; value: ReactNode }> = [
    { step: 'kind', key: t('cases.portal.answers.kind'), value: kindLabel(kind, t) },
    { step: 'category', key: t('cases.portal.answers.category'), value: category?.name ?? '' },
    // A hamlet's name exists only in Vietnamese (WCAG 3.1.2 on the English page); "no particular hamlet" is a message.
    { step: 'area', key: t('cases.portal.answers.area'), value: state.areaId === NO_AREA ? area : <VietnameseText pageLocale={props.portal.locale}>{area}</VietnameseText> },
    { step: 'area', key: t('cases.portal.answers.address'), value: state.address?.trim() || t('cases.portal.answers.none') },
    { step: 'area', key: t('cases.portal.answers.location'), value: point ? <MapPointLink point={point} t={t} /> : t('cases.portal.answers.none') },
    { step: 'text', key: t('cases.portal.answers.title'), value: state.title ?? '' },
    { step: 'text', key: t('cases.portal.answers.description'), value: state.description ?? '' },
  ];
  if (isStepShown('privacy', state) || privacy) rows.push({ step: 'privacy', key: t('cases.portal.answers.privacy'), value: t(`cases.portal.privacy.${privacy}`) });
  if (isStepShown('identity', state)) {
    rows.push({ step: 'identity', key: t('cases.portal.answers.fullName'), value: state.fullName?.trim() || t('cases.portal.answers.none') });
    rows.push({ step: 'identity', key: t('cases.portal.answers.contact'), value: [state.phone, state.email].filter((value) => value?.trim()).join(' · ') || t('cases.portal.answers.none') });
    rows.push({ step: 'identity', key: t('cases.portal.answers.submitterAddress'), value: state.submitterAddress?.trim() || t('cases.portal.answers.none') });
    rows.push({ step: 'identity', key: t('cases.portal.answers.notify'), value: state.wantsNotifications === 'yes' ? t('cases.portal.answers.yes') : t('cases.portal.answers.no') });
  }
  return (
    <>
      <h1>{title}</h1>
      <dl className="td-summary-list">
        {rows.map((row, index) => (
          <div className="td-summary-list__row" key={index}>
            <dt className="td-summary-list__key">{row.key}</dt>
            <dd className="td-summary-list__value">{row.value}</dd>
            <dd className="td-summary-list__actions">{isStepShown(row.step, state) ? <ChangeButton step={row.step} label={row.key} t={t} /> : null}</dd>
          </div>
        ))}
      </dl>
      <FileInput
        id="attachments"
        name="attachments"
        label={t('cases.portal.submit.attachments.label')}
        hint={t('cases.portal.submit.attachments.hint', { count: props.maxAttachments, megabytes: formatMegabytes(props.attachmentMaxBytes, props.portal.locale) })}
        optional
        error={errors.attachments}
        accept="image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf"
        multiple
      />
      <SimilarCases items={props.similarCases ?? []} t={t} />
      <WhoSeesWhat kind={kind} privacy={privacy} t={t} />
      <h2>{t('cases.portal.submit.check.sendTitle')}</h2>
      <p>{t('cases.portal.submit.check.declaration')}</p>
      <Honeypot t={t} />
    </>
  );
}

/**
 * "Has someone already reported this?" from the server, so it works without JavaScript (the text step's
 * island shows the same while typing): each case with a link to its page's follow form.
 */
function SimilarCases({ items, t }: { items: readonly SimilarCase[]; t: Translate }) {
  if (items.length === 0) return null;
  return (
    <section className="td-inset" aria-labelledby="similar-cases-title">
      <h2 id="similar-cases-title">{t('cases.portal.similar.title')}</h2>
      <p>{t('cases.portal.similar.intro')}</p>
      <ul>
        {items.map((item) => (
          <li key={item.code}>
            <strong>{item.title}</strong>
            <br />
            <span className="td-choice__hint">
              {item.code} · {t('cases.portal.similar.received', { date: formatDate(item.receivedAt) })}
            </span>
            <br />
            <a href={`/tra-cuu/${encodeURIComponent(item.code)}#theo-doi`}>
              {t('cases.portal.similar.follow')}
              <span className="td-visually-hidden">: {item.title}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface ConfirmationPageProps {
  portal: PortalContext;
  t: Translate;
  code: string;
  /** Secret link for anonymous submitters (shown once), absolute URL. */
  secretLink: string | null;
  kind: CaseKind | null;
  privacy: PrivacyChoice | null;
  acceptanceDueAt: string | null;
  dueAt: string | null;
  attachmentCount: number | null;
}

export function ConfirmationPage({ portal, t, code, secretLink, kind, privacy, acceptanceDueAt, dueAt, attachmentCount }: ConfirmationPageProps) {
  const title = t('cases.portal.confirm.title');
  const isResolvedFromAcceptance = kind === 'complaint' || kind === 'denunciation';
  return (
    <PortalLayout portal={portal} title={title}>
      <div className="td-two-thirds">
        <Panel title={title} code={code} codeLabel={t('cases.portal.confirm.codeLabel')} />
        <p>{t('cases.portal.confirm.keepCode')}</p>
        {secretLink ? (
          <Notice title={t('cases.portal.confirm.secretTitle')}>
            <p>{t('cases.portal.confirm.secretBody')}</p>
            <p>
              <a href={secretLink} className="td-secret-link">
                {secretLink}
              </a>
            </p>
          </Notice>
        ) : null}
        {attachmentCount ? <p>{t(attachmentCount === 1 ? 'cases.portal.confirm.attachmentsOne' : 'cases.portal.confirm.attachments', { count: attachmentCount })}</p> : null}
        <h2>{t('cases.portal.confirm.nextTitle')}</h2>
        {kind === 'corruption_report' ? (
          // LAW-DENUNC-04: anonymous information is checked, not handled as a denunciation, and its sender is never asked for contact details nor told anything but on the tracking page.
          <ol>
            <li>{t('cases.portal.confirm.anonymousCheck')}</li>
            {dueAt ? <li>{t('cases.portal.confirm.nextAnswer', { date: formatDeadline(dueAt, portal.locale) })}</li> : null}
            <li>{t('cases.portal.confirm.anonymousNoNotify')}</li>
          </ol>
        ) : (
          <ol>
            {acceptanceDueAt ? <li>{t('cases.portal.confirm.nextAccept', { date: formatDeadline(acceptanceDueAt, portal.locale) })}</li> : <li>{t('cases.portal.confirm.nextAcceptNoDate')}</li>}
            {/* LAW-COMPLAINT-07, LAW-DENUNC-06: resolved within a period counted from acceptance, so only provisional now. */}
            {dueAt ? <li>{t(isResolvedFromAcceptance ? 'cases.portal.confirm.nextResolveProvisional' : 'cases.portal.confirm.nextAnswer', { date: formatDeadline(dueAt, portal.locale) })}</li> : <li>{t('cases.portal.confirm.nextAnswerNoDate')}</li>}
            <li>{t('cases.portal.confirm.nextNotify')}</li>
          </ol>
        )}
        {/* Their periods mix working days (acceptance) and calendar days (resolution): the status page explains each. */}
        <p>{t(isResolvedFromAcceptance ? 'cases.portal.confirm.deadlineNoteFormal' : 'cases.portal.confirm.deadlineNote')}</p>
        {kind && privacy ? <WhoSeesWhat kind={kind} privacy={privacy} t={t} /> : null}
        <p>
          <a href={`/tra-cuu/${encodeURIComponent(code)}`}>{t('cases.portal.confirm.trackLink')}</a>
        </p>
        <p>
          <a href={SUBMIT_PATH}>{t('cases.portal.confirm.another')}</a>
        </p>
      </div>
    </PortalLayout>
  );
}
