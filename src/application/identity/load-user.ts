import type { User } from '../../domain/identity/user.js';
import { identityErrors } from '../../domain/identity/errors.js';
import type { UserRepository } from './ports/user-repository.js';

/** Reads a user who must exist (the caller of an authenticated request, the target of an admin action). */
export async function loadUser(users: UserRepository, userId: string): Promise<User> {
  const user = await users.findById(userId);
  if (!user) throw identityErrors.userNotFound();
  return user;
}
