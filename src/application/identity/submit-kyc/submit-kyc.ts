import { submitKyc } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadUser } from '../load-user.js';
import type { UserRepository } from '../ports/user-repository.js';

/** The user sends identity documents (media ids) for review: KYC becomes `pending`. */
export class SubmitKyc {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, documentMediaIds: string[]): Promise<User> {
    const user = await loadUser(this.users, userId);
    const now = this.clock.now();
    const updated: User = { ...user, kyc: submitKyc(user.kyc, documentMediaIds, now), updatedAt: now };
    await this.users.save(updated, []);
    return updated;
  }
}
