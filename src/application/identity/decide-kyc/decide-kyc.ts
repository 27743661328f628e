import { decideKyc } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import type { EventFactory } from '../../shared/events/event-factory.js';
import type { Clock } from '../../shared/ports/clock.js';
import { changeKyc } from '../change-kyc.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface DecideKycCommand {
  adminId: string;
  userId: string;
  verdict: 'verified' | 'rejected';
  reason?: string;
}

/**
 * An admin approves or rejects a pending KYC; the user's notification and the audit event are
 * stored with the decision. Of racing decisions one wins; the others answer 409.
 */
export class DecideKyc {
  constructor(
    private readonly users: UserRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  execute(command: DecideKycCommand): Promise<User> {
    return changeKyc(this.users, command.userId, (user) => {
      const now = this.clock.now();
      const kyc = decideKyc(user.kyc, command.verdict, { by: command.adminId, at: now, reason: command.reason });
      return {
        user: { ...user, kyc, updatedAt: now },
        events: [this.notice(user, command, kyc.status), this.audited(user, command)],
      };
    });
  }

  private notice(user: User, command: DecideKycCommand, kycStatus: string) {
    const verified = command.verdict === 'verified';
    return this.events.create('notification.send', {
      userId: user.id,
      type: verified ? 'kyc.approved' : 'kyc.rejected',
      title: verified ? 'Identity verified' : 'Identity verification rejected',
      body: verified ? 'You can now sell on Uty.' : (command.reason ?? 'Please submit your documents again.'),
      data: { kycStatus },
    });
  }

  private audited(user: User, command: DecideKycCommand) {
    const action = command.verdict === 'verified' ? 'kyc.approve' : 'kyc.reject';
    return this.events.create('admin.action', {
      actorId: command.adminId,
      action,
      targetType: 'user',
      targetId: user.id,
      ...(command.reason ? { reason: command.reason } : {}),
    });
  }
}
