/**
 * Plain words shared by the portal and back office pages: kinds, statuses, who sees what.
 * Browser-safe (contract + domain + core i18n only).
 */
import { formatDeadline, formatNumber, type Locale, type Translate } from '../../../../core/i18n/translate.js';
import { getCaseKindPolicy, type CaseKind, type CaseStatus, type PrivacyChoice } from '../../domain/index.js';

export const kindLabel = (kind: CaseKind, t: Translate) => t(`cases.portal.kind.${kind}`);
export const kindHint = (kind: CaseKind, t: Translate) => t(`cases.portal.kind.${kind}.hint`);
export const statusLabel = (status: CaseStatus, t: Translate) => t(`cases.portal.status.${status}`);
export const statusHint = (status: CaseStatus, t: Translate) => t(`cases.portal.status.${status}.hint`);

/** A timeline event ("cases.case.assigned") in plain words; unknown events get a neutral label. */
export function eventLabel(event: string, t: Translate): string {
  const key = `cases.portal.event.${event.replace(/^cases\.case\./, '')}`;
  const label = t(key);
  return label === key ? t('cases.portal.event.other') : label;
}

/** One sentence per audience for this kind and privacy choice: the public, the handler, the submitter. */
/**
 * Who the privacy sentences speak to: the resident choosing ("tên tôi", "your name") on the portal,
 * or staff reading about the sender ("tên người gửi") in the back office.
 */
export type PrivacyVoice = 'resident' | 'staff';
const privacyKeys: Record<PrivacyVoice, string> = { resident: 'cases.portal.privacy', staff: 'cases.backoffice.privacy' };

export function whoSeesWhat(kind: CaseKind, privacy: PrivacyChoice, t: Translate, voice: PrivacyVoice = 'resident'): string[] {
  const say = (key: string) => t(`${privacyKeys[voice]}.${key}`);
  const policy = getCaseKindPolicy(kind);
  if (policy.isIdentitySealed && privacy !== 'anonymous') {
    return [say('sealed.public'), say('sealed.handler'), say('sealed.log')];
  }
  // What the public status page, the API and Open311 show (public-status.ts): the title of any case
  // that is not sealed, the details and the name only with "name public".
  if (kind === 'corruption_report' || privacy === 'anonymous') {
    const publicLine = policy.isIdentitySealed ? say('anonymous.public') : say('anonymous.publicTitle');
    return [publicLine, say('anonymous.handler'), say('anonymous.secret')];
  }
  // With the name public, the photos sent with the case are public too (submit-case.ts: images only,
  // never PDFs, never a sealed kind), and nothing inside a picture is hidden: say so before sending.
  if (privacy === 'public_name') return [say('public_name.public'), say('public_name.handler'), say('public_name.redaction'), say('public_name.photos')];
  return [say('handler_only.public'), say('handler_only.handler'), say('redaction')];
}

/** The privacy choice's own label, in the voice of its reader. */
export function privacyLabel(privacy: PrivacyChoice, t: Translate, voice: PrivacyVoice = 'resident'): string {
  return t(`${privacyKeys[voice]}.${privacy}`);
}

/** The "who will see what" box shown before sending and again on the confirmation page. */
export function WhoSeesWhat({ kind, privacy, t, headingLevel = 2 }: { kind: CaseKind; privacy: PrivacyChoice; t: Translate; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="td-inset">
      <Heading>{t('cases.portal.privacy.whoSeesTitle')}</Heading>
      <ul>
        {whoSeesWhat(kind, privacy, t).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </div>
  );
}

/** A case's due date in a list, with "overdue" and "paused" in words (never colour alone). */
export function DueDateText({ dueAt, isOverdue, isPaused, t, locale }: { dueAt: string | null; isOverdue: boolean; isPaused: boolean; t: Translate; locale: Locale }) {
  if (!dueAt) return <>{t('cases.portal.mine.noDeadline')}</>;
  return (
    <>
      {formatDeadline(dueAt, locale)}
      {isOverdue ? <strong> {t('cases.portal.status.overdue')}</strong> : null}
      {isPaused ? <> {t('cases.portal.status.paused')}</> : null}
    </>
  );
}

/** An attachment size limit in megabytes, as people read it: "5" for 5 MB, "2,5" (Vietnamese) or "2.5" for 2.5 MB. */
export function formatMegabytes(bytes: number, locale: Locale): string {
  const megabytes = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return formatNumber(megabytes, locale, Number.isInteger(megabytes) ? 0 : 1);
}
