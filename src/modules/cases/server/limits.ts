/**
 * Anti-abuse limits of the module's public writes. Per address: each route's `rateLimit`. Per
 * signed-in account: one budget shared by every public write (API and portal forms), so an account
 * cannot file, rate, reopen or follow without end by changing address or route.
 */
export const ACCOUNT_WRITE_LIMIT = { group: 'cases.public-write', max: 30, timeWindow: '10 minutes' };
