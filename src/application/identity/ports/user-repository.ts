import type { User } from '../../../domain/identity/user.js';

export interface UserRepository {
  /** Stores a new user; throws `EMAIL_TAKEN` (conflict) when the email key is taken, even by a racing insert. */
  create(user: User): Promise<void>;
  /** Replaces a stored user (matched by id); throws `USER_NOT_FOUND` when absent. */
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  /** Looks up by the normalised email key. */
  findByEmailKey(emailKey: string): Promise<User | null>;
}
export const UserRepository = Symbol.for('UserRepository');
