/** Pure timing rules of the queue and the scheduler (no I/O, the caller passes `now`). */

export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60 * 1000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Delay before the next try after failed attempt `attempt` (1-based): 30 s × 2^(attempt−1), capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  // Cap the exponent first so large attempt counts never overflow to Infinity.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 30));
}

/** The instant of the next try after failed attempt `attempt`. */
export function nextRunAt(now: Date, attempt: number): string {
  return new Date(now.getTime() + retryDelayMs(attempt)).toISOString();
}

/** Start of the schedule slot containing `now`: floor(now / everyMinutes), as an ISO instant. */
export function scheduleSlotStart(now: Date, everyMinutes: number): string {
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) throw new Error(`everyMinutes must be a positive integer, got ${everyMinutes}`);
  const slotMs = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / slotMs) * slotMs).toISOString();
}

/** The deterministic idempotency key of one schedule run, so several processes never enqueue it twice. */
export function scheduleRunKey(scheduleName: string, now: Date, everyMinutes: number): string {
  return `${scheduleName}:${scheduleSlotStart(now, everyMinutes)}`;
}

export const LAST_ERROR_MAX_LENGTH = 500;

/**
 * Reduce a thrown value to something safe to store and log: the error class and a truncated
 * message. Zod errors keep only paths and issue codes, never the offending values.
 */
export function describeJobError(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown }).issues)) {
    const issues = (error as { issues: Array<{ path?: PropertyKey[]; code?: string }> }).issues;
    const text = `InvalidPayload: ${issues.map((issue) => `${(issue.path ?? []).map(String).join('.') || '(root)'} ${issue.code ?? 'invalid'}`).join('; ')}`;
    return text.slice(0, LAST_ERROR_MAX_LENGTH);
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`.slice(0, LAST_ERROR_MAX_LENGTH);
}
