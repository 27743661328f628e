import { DomainError } from '../../domain/shared/domain-error.js';
import type { User } from '../../domain/identity/user.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import { loadUser } from './load-user.js';
import type { UserRepository } from './ports/user-repository.js';

const ATTEMPTS = 3;
const isConcurrentUpdate = (error: unknown) => error instanceof DomainError && error.code === 'USER_CONCURRENT_UPDATE';

/**
 * A KYC transition: reads the user, applies `change` and saves it with its events only over the
 * KYC status it read. Of racing transitions one wins; a loser is judged again on a fresh read,
 * where the domain refuses it (409 KYC_INVALID_TRANSITION), so a decision is stored, notified and
 * audited once.
 */
export async function changeKyc(
  users: UserRepository,
  userId: string,
  change: (user: User) => { user: User; events: PendingEvents },
): Promise<User> {
  for (let attempt = 1; ; attempt += 1) {
    const user = await loadUser(users, userId);
    const changed = change(user);
    try {
      await users.save(changed.user, changed.events, user.kyc.status);
      return changed.user;
    } catch (error) {
      if (!isConcurrentUpdate(error) || attempt === ATTEMPTS) throw error;
    }
  }
}
