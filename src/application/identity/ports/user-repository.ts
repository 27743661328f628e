import type { User } from '../../../domain/identity/user.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';

export interface UserRepository {
  /** Stores a new user; throws `EMAIL_TAKEN` (conflict) when the email key is taken, even by a racing insert. */
  create(user: User): Promise<void>;
  /**
   * Replaces a stored user (matched by id) and stores `events` with it in one atomic step (the
   * outbox; the relay publishes them). Throws `USER_NOT_FOUND` when absent, `EMAIL_TAKEN` when the
   * new email key is another user's; a refused save stores no event.
   */
  save(user: User, events: PendingEvents): Promise<void>;
  findById(id: string): Promise<User | null>;
  /** Looks up by the normalised email key. */
  findByEmailKey(emailKey: string): Promise<User | null>;
}
export const UserRepository = Symbol.for('UserRepository');
