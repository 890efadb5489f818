/**
 * Sign-in throttling as pure rules over a stored counter: each failure adds a growing delay and,
 * after too many, the key is locked for a while. Keys are a normalised identifier or an IP address.
 */
export interface ThrottleState {
  failures: number;
  lastFailureAt: string;
  nextAllowedAt: string | null;
  lockedUntil: string | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  lockMinutes: number;
  /** Delay after the first failure; doubles with each further failure (0 = no delay). */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures older than this are forgotten. */
  forgetAfterMinutes: number;
}

export const IDENTIFIER_THROTTLE: ThrottlePolicy = { maxFailures: 5, lockMinutes: 15, baseDelaySeconds: 1, maxDelaySeconds: 30, forgetAfterMinutes: 15 };
// The TOTP step already requires the password; a typo should not cost a wait, but guessing still locks.
export const TOTP_THROTTLE: ThrottlePolicy = { maxFailures: 5, lockMinutes: 15, baseDelaySeconds: 0, maxDelaySeconds: 0, forgetAfterMinutes: 15 };
// Many residents share one address (the commune office, a mobile carrier's NAT), so the IP limit is loose.
export const IP_THROTTLE: ThrottlePolicy = { maxFailures: 50, lockMinutes: 15, baseDelaySeconds: 0, maxDelaySeconds: 0, forgetAfterMinutes: 15 };

export type ThrottleVerdict = { isAllowed: true } | { isAllowed: false; reason: 'locked' | 'delayed'; retryAfterSeconds: number };

const secondsUntil = (instant: string, now: Date) => Math.max(1, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000));

/** Whether an attempt may be made now under the stored state. */
export function checkThrottle(state: ThrottleState | undefined, now: Date): ThrottleVerdict {
  if (!state) return { isAllowed: true };
  if (state.lockedUntil && new Date(state.lockedUntil) > now) return { isAllowed: false, reason: 'locked', retryAfterSeconds: secondsUntil(state.lockedUntil, now) };
  if (state.nextAllowedAt && new Date(state.nextAllowedAt) > now) return { isAllowed: false, reason: 'delayed', retryAfterSeconds: secondsUntil(state.nextAllowedAt, now) };
  return { isAllowed: true };
}

/** The state after one more failure: a doubled delay, or a lock once the limit is reached. */
export function recordThrottleFailure(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): ThrottleState {
  const isStale =
    !state ||
    (state.lockedUntil !== null && new Date(state.lockedUntil) <= now) ||
    now.getTime() - new Date(state.lastFailureAt).getTime() > policy.forgetAfterMinutes * 60_000;
  const failures = (isStale ? 0 : state.failures) + 1;
  const at = now.toISOString();
  if (failures >= policy.maxFailures) {
    return { failures, lastFailureAt: at, nextAllowedAt: null, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() };
  }
  const delaySeconds = Math.min(policy.baseDelaySeconds * 2 ** (failures - 1), policy.maxDelaySeconds);
  return { failures, lastFailureAt: at, nextAllowedAt: delaySeconds > 0 ? new Date(now.getTime() + delaySeconds * 1000).toISOString() : null, lockedUntil: null };
}
