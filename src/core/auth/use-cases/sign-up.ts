import type { AppContext } from '../../context.js';
import { DomainError } from '../../contract/errors.js';
import { inTransaction } from '../../db/database.js';
import type { Locale } from '../../i18n/translate.js';
import { findAreaById, findCommuneById, findCommunes } from '../../tenancy/repository.js';
import type { SignUp, User } from '../contract.js';
import { createResidentUser } from '../create-user.js';
import { findUserById, isUniqueViolation, toUser } from '../repository.js';
import { issueSession, type IssuedSession } from '../session.js';
import { queueEmailVerification } from './email-verification.js';
import { queuePhoneVerification } from './phone-verification.js';

const communeError = (messageKey: string) => new DomainError('validation', 'errors.validation', {}, [{ field: 'communeId', messageKey }]);

async function resolveCommuneId(ctx: AppContext, requested: string | undefined): Promise<string> {
  if (requested) {
    if (!(await findCommuneById(ctx.db, requested))) throw communeError('auth.errors.communeUnknown');
    return requested;
  }
  const communes = await findCommunes(ctx.db);
  if (communes.length !== 1) throw communeError('auth.errors.communeRequired');
  return communes[0]!.id;
}

/**
 * A resident opens an account with a phone or an e-mail and a password, gets the `resident` role
 * in the commune they chose (the only one, when there is one) and is signed in. An e-mail gets a
 * verification link (email-verification.ts), a phone an SMS code (phone-verification.ts); until then
 * the address or number is not proved theirs.
 */
export async function signUp(ctx: AppContext, input: SignUp, meta: { locale: Locale }): Promise<{ user: User; session: IssuedSession }> {
  const communeId = await resolveCommuneId(ctx, input.communeId);
  if (input.areaId && !(await findAreaById(ctx.db, communeId, input.areaId))) {
    throw new DomainError('validation', 'errors.validation', {}, [{ field: 'areaId', messageKey: 'auth.errors.areaUnknown' }]);
  }
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const userId = await createResidentUser(tx, ctx, { communeId, displayName: input.displayName, homeAreaId: input.areaId ?? null, email: input.email ?? null, phone: input.phone ?? null, password: input.password, locale: input.locale ?? meta.locale });
      const user = (await findUserById(tx, userId))!;
      await queueEmailVerification(tx, { id: user.id, communeId: user.commune_id, email: user.email }, user.locale as Locale, ctx.clock().toISOString());
      await queuePhoneVerification(tx, { id: user.id, communeId: user.commune_id, phone: user.phone }, user.locale as Locale, ctx.clock().toISOString());
      return { user: toUser(user), session: await issueSession(tx, user, 'active', ctx.clock()) };
    });
  } catch (error) {
    // Two sign-ups racing for the same phone: the unique index decides.
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'auth.errors.accountExists');
    throw error;
  }
}
