import type { User } from '../../../domain/identity/user.js';
import { loadUser } from '../load-user.js';
import type { UserRepository } from '../ports/user-repository.js';

export class GetCurrentUser {
  constructor(private readonly users: UserRepository) {}

  execute(userId: string): Promise<User> {
    return loadUser(this.users, userId);
  }
}
