import type { User } from '../../../domain/identity/user.js';
import type { KycStatus } from '../../../domain/identity/kyc.js';
import type { Role } from '../../../domain/identity/role.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** What an admin looks users up by; every given field must match. */
export interface UserFilter {
  kycStatus?: KycStatus;
  role?: Role;
  /** Part of the email or of the display name, case ignored. */
  q?: string;
}

export interface UserRepository {
  /** Stores a new user; throws `EMAIL_TAKEN` (conflict) when the email key is taken, even by a racing insert. */
  create(user: User): Promise<void>;
  /**
   * Replaces a stored user (matched by id) and stores `events` with it in one atomic step (the
   * outbox; the relay publishes them). Throws `USER_NOT_FOUND` when absent, `EMAIL_TAKEN` when the
   * new email key is another user's; a refused save stores no event. With `expectedKycStatus`,
   * it saves only while the stored KYC status is still that one (`USER_CONCURRENT_UPDATE`
   * otherwise), so of racing KYC transitions one wins.
   */
  save(user: User, events: PendingEvents, expectedKycStatus?: KycStatus): Promise<void>;
  findById(id: string): Promise<User | null>;
  /** Looks up by the normalised email key. */
  findByEmailKey(emailKey: string): Promise<User | null>;
  /** The users matching `filter`, newest first (createdAt, then id, descending). */
  list(filter: UserFilter, page: PageRequest): Promise<Page<User>>;
}
export const UserRepository = Symbol.for('UserRepository');
