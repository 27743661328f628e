import { decideKyc } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import type { EventFactory } from '../../shared/events/event-factory.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadUser } from '../load-user.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface DecideKycCommand {
  adminId: string;
  userId: string;
  verdict: 'verified' | 'rejected';
  reason?: string;
}

/** An admin approves or rejects a pending KYC; the user's notification and the audit event are stored with the decision. */
export class DecideKyc {
  constructor(
    private readonly users: UserRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(command: DecideKycCommand): Promise<User> {
    const user = await loadUser(this.users, command.userId);
    const now = this.clock.now();
    const kyc = decideKyc(user.kyc, command.verdict, { by: command.adminId, at: now, reason: command.reason });
    const updated: User = { ...user, kyc, updatedAt: now };
    const notice = this.events.create('notification.send', {
      userId: user.id,
      type: command.verdict === 'verified' ? 'kyc.approved' : 'kyc.rejected',
      title: command.verdict === 'verified' ? 'Identity verified' : 'Identity verification rejected',
      body: command.verdict === 'verified' ? 'You can now sell on Uty.' : (command.reason ?? 'Please submit your documents again.'),
      data: { kycStatus: kyc.status },
    });
    const action = command.verdict === 'verified' ? 'kyc.approve' : 'kyc.reject';
    const audited = this.events.create('admin.action', { actorId: command.adminId, action, targetType: 'user', targetId: user.id, ...(command.reason ? { reason: command.reason } : {}) });
    await this.users.save(updated, [notice, audited]);
    return updated;
  }
}
