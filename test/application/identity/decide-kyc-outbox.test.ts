import { describe, expect, it } from 'vitest';
import { DecideKyc } from '../../../src/application/identity/decide-kyc/decide-kyc.js';
import { UserRepository } from '../../../src/application/identity/ports/user-repository.js';
import { RegisterUser } from '../../../src/application/identity/register-user/register-user.js';
import { SubmitKyc } from '../../../src/application/identity/submit-kyc/submit-kyc.js';
import { EventFactoryToken, type EventFactory } from '../../../src/application/shared/events/event-factory.js';
import { FaultPlan } from '../../support/fault-injection.js';
import { expectEventsStoredWithState, underFault } from '../../support/outbox-helpers.js';
import { quietRelayFixture, uploadedDocument, type IdentityFixture } from './identity-fixture.js';

/** A user with a pending KYC, on the app whose relay is quiet. */
async function pendingKyc(): Promise<IdentityFixture & { userId: string }> {
  const f = await quietRelayFixture();
  const { user } = await f.container
    .get(RegisterUser)
    .execute({ email: 'seller@example.com', password: 'a long password', displayName: 'Sam', roles: ['seller'] });
  await f.container.get(SubmitKyc).execute(user.id, [await uploadedDocument(f, user.id)]);
  return { ...f, userId: user.id };
}

const decideWith = (f: IdentityFixture, plan: FaultPlan) =>
  new DecideKyc(
    plan.wrap('users', f.container.get<UserRepository>(UserRepository)),
    f.container.get<EventFactory>(EventFactoryToken),
    f.clock,
  );

describe('DecideKyc stores the notification with the decision (outbox)', () => {
  it('a failed save decides nothing and stores no notice; a crash after it loses none (published once)', async () => {
    await expectEventsStoredWithState({
      world: pendingKyc,
      run: (f, plan) => decideWith(f, plan).execute({ adminId: 'admin-1', userId: f.userId, verdict: 'verified' }),
      state: async (f) => (await f.container.get<UserRepository>(UserRepository).findById(f.userId))?.kyc,
      write: 'users.save',
      topics: ['notification.send', 'admin.action'],
    });
  });

  it('a retry after a crash that followed the save answers 409 and the user is notified (and the action audited) once', async () => {
    const f = await pendingKyc();
    const command = { adminId: 'admin-1', userId: f.userId, verdict: 'verified' as const };
    await underFault(() => decideWith(f, new FaultPlan({ mode: 'crash', at: 2 })).execute(command));
    await expect(f.container.get(DecideKyc).execute(command)).rejects.toMatchObject({ code: 'KYC_INVALID_TRANSITION' });
    await f.settle();
    expect(f.published.map((e) => [e.topic, e.payload])).toEqual([
      ['notification.send', expect.objectContaining({ userId: f.userId, type: 'kyc.approved' })],
      ['admin.action', { actorId: 'admin-1', action: 'kyc.approve', targetType: 'user', targetId: f.userId }],
    ]);
    await f.close();
  });
});
