/**
 * The cases use cases — the only entry points routes, portal pages (engineer B) and Open311
 * (engineer C) call. Each is a plain function taking the AppContext first.
 */
export { submitCase, enterCaseForResident, getIntakeLimits, type SubmitOptions } from './use-cases/submit-case.js';
export { applyCaseAction, rateCase, reopenCase, withdrawCase } from './use-cases/case-actions.js';
export { provideInformation } from './use-cases/provide-information.js';
export { followCase, describeFollowConfirmation, confirmFollow, CONFIRM_FOLLOW_PATH, type FollowConfirmationView } from './use-cases/follow-case.js';
export { isFollowingCase, unfollowCase } from './use-cases/account-follow.js';
export { getPublicCaseView, getPublicCaseJson, getPublicCase, getCaseDetail, getCaseAfterAction, listCases, listCategories, findSimilarCases, getCaseAttachment, toCategory } from './use-cases/read-cases.js';
export { describeStopNotifications, stopNotifications, stopNotificationsUrl, STOP_NOTIFICATIONS_PATH, STOP_NOTIFICATIONS_TOKEN_MAX, type StopNotificationsView } from './use-cases/stop-notifications.js';
export { listMyCases } from './use-cases/my-cases.js';
export { listFollowedCases } from './use-cases/followed-cases.js';
export { readSealedIdentity, resealSealedIdentities, type ResealResult } from './use-cases/sealed-identity.js';
export { backfillSealedNameDigests } from './use-cases/sealed-name.js';
export { previewQa, publishQa, listPublishedQa } from './use-cases/qa.js';
export { addSupervisionNote, answerSupervisionFlag, reviewSupervisionFlag, listSupervisionFlags } from './use-cases/supervision.js';
export { computeCaseIndicators, type CaseIndicatorsInput } from './use-cases/indicators.js';
export { exportCaseIndicatorsCsv, viewCaseIndicators, type IndicatorsCsv } from './use-cases/indicators-report.js';
export { recomputeOpenCaseDeadlines } from './use-cases/recompute-deadlines.js';
export { verifyOpen311ApiKey, listOpen311Clients, createOpen311Client, deactivateOpen311Client } from './use-cases/open311-clients.js';
export {
  listOpen311Requests,
  listOpen311Updates,
  type Open311PublicRequest,
  type Open311PublicUpdate,
  type Open311RequestQuery,
  type Open311ServiceKey,
  type Open311UpdateQuery,
} from './use-cases/open311-read.js';
export { listAdminCategories, createCategory, updateCategory, setCategoryActive } from './use-cases/configure-categories.js';
export { getCaseSettings, updateCaseSettings } from './use-cases/configure-settings.js';
export { listAssignees } from './use-cases/assignees.js';
export { loadCaseModuleSettings } from './settings.js';
export type { UploadedFile } from './attachments.js';
