import type { User } from '../../../domain/identity/user.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { UserFilter, UserRepository } from '../ports/user-repository.js';

/** An admin looks users up (by KYC status, role, part of the email or name), newest first. */
export class ListUsers {
  constructor(private readonly users: UserRepository) {}

  execute(filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return this.users.list(filter, page);
  }
}
