/** The auth use cases, one file each under use-cases/; page routes and the JSON API both call these. */
export { completeTotpSignIn, describeSession, signIn, signOut, SignInThrottledError, type SignInOutcome } from './use-cases/sign-in.js';
export { signUp } from './use-cases/sign-up.js';
export { confirmPasswordReset, PASSWORD_RESET_EVENT, PASSWORD_RESET_PATH, PASSWORD_RESET_TTL_MINUTES, requestPasswordReset } from './use-cases/password-reset.js';
export { disableTotp, enableTotp, setupTotp } from './use-cases/manage-totp.js';
export { createStaffAccount, getUser, listUsers, resetUserTotp, setUserGrants, updateUser } from './use-cases/manage-users.js';
export { describeEmailVerification, EMAIL_CHANGED_EVENT, EMAIL_VERIFICATION_EVENT, EMAIL_VERIFICATION_PATH, EMAIL_VERIFICATION_RESEND_PER_HOUR, EMAIL_VERIFICATION_TTL_HOURS, issueEmailVerificationLink, resendEmailVerification, verifyEmail, type EmailVerificationState } from './use-cases/email-verification.js';
export { describePhoneVerification, issuePhoneVerificationCode, PHONE_VERIFICATION_EVENT, PHONE_VERIFICATION_MAX_ATTEMPTS, PHONE_VERIFICATION_PATH, PHONE_VERIFICATION_RESEND_PER_HOUR, PHONE_VERIFICATION_TTL_MINUTES, resendPhoneVerification, verifyPhone } from './use-cases/phone-verification.js';
export { ACCOUNT_PATH, cancelEmailChange, changeDisplayName, changeLocale, changePassword, changePhone, describeAccount, requestEmailChange } from './use-cases/manage-account.js';
