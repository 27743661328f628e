import { updateProfile, type ProfileChanges, type User } from '../../../domain/identity/user.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadUser } from '../load-user.js';
import type { UserRepository } from '../ports/user-repository.js';

export class UpdateProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, changes: ProfileChanges): Promise<User> {
    const updated = updateProfile(await loadUser(this.users, userId), changes, this.clock.now());
    await this.users.save(updated, []);
    return updated;
  }
}
