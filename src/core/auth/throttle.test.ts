import { describe, expect, it } from 'vitest';
import { checkThrottle, IDENTIFIER_THROTTLE, IP_THROTTLE, recordThrottleFailure, type ThrottleState } from './throttle.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 3, 0, seconds));

describe('sign-in throttle', () => {
  it('allows a first attempt and doubles the delay after each failure', () => {
    expect(checkThrottle(undefined, at(0))).toEqual({ isAllowed: true });
    let state: ThrottleState | undefined;
    const delays: number[] = [];
    for (let failure = 1; failure <= 4; failure += 1) {
      const now = at(failure * 60);
      state = recordThrottleFailure(state, now, IDENTIFIER_THROTTLE);
      delays.push((new Date(state.nextAllowedAt!).getTime() - now.getTime()) / 1000);
      expect(checkThrottle(state, now)).toMatchObject({ isAllowed: false, reason: 'delayed' });
    }
    expect(delays).toEqual([1, 2, 4, 8]);
  });

  it('locks the key for 15 minutes at the fifth failure, then forgets it', () => {
    let state: ThrottleState | undefined;
    for (let failure = 1; failure <= 5; failure += 1) state = recordThrottleFailure(state, at(failure * 20), IDENTIFIER_THROTTLE);
    expect(state!.lockedUntil).not.toBeNull();
    expect(checkThrottle(state, at(120))).toEqual({ isAllowed: false, reason: 'locked', retryAfterSeconds: 15 * 60 - 20 });
    const afterLock = new Date(new Date(state!.lockedUntil!).getTime() + 1000);
    expect(checkThrottle(state, afterLock)).toEqual({ isAllowed: true });
    expect(recordThrottleFailure(state, afterLock, IDENTIFIER_THROTTLE).failures).toBe(1);
  });

  it('forgets old failures', () => {
    const first = recordThrottleFailure(undefined, at(0), IDENTIFIER_THROTTLE);
    const later = recordThrottleFailure(first, new Date(at(0).getTime() + 16 * 60_000), IDENTIFIER_THROTTLE);
    expect(later.failures).toBe(1);
  });

  it('never delays by IP, only locks after many failures', () => {
    const state = recordThrottleFailure(undefined, at(0), IP_THROTTLE);
    expect(state.nextAllowedAt).toBeNull();
    expect(checkThrottle(state, at(0))).toEqual({ isAllowed: true });
  });
});
