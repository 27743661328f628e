import { beforeEach, describe, expect, it } from 'vitest';
import { DecideKyc } from '../../../src/application/identity/decide-kyc/decide-kyc.js';
import { EnsureAdmin } from '../../../src/application/identity/ensure-admin/ensure-admin.js';
import { GetCurrentUser } from '../../../src/application/identity/get-current-user/get-current-user.js';
import { LogIn } from '../../../src/application/identity/log-in/log-in.js';
import { DeviceRepository } from '../../../src/application/identity/ports/device-repository.js';
import { RegisterDevice } from '../../../src/application/identity/register-device/register-device.js';
import { RegisterUser } from '../../../src/application/identity/register-user/register-user.js';
import { RemoveDevice } from '../../../src/application/identity/remove-device/remove-device.js';
import { SubmitKyc } from '../../../src/application/identity/submit-kyc/submit-kyc.js';
import { UpdateProfile } from '../../../src/application/identity/update-profile/update-profile.js';
import { identityFixture, uploadedDocument, type IdentityFixture } from './identity-fixture.js';

const register = (f: IdentityFixture, email = 'seller@example.com') =>
  f.container.get(RegisterUser).execute({ email, password: 'a long password', displayName: 'Sam', roles: ['seller'] });

describe('profile, KYC, devices and the admin bootstrap', () => {
  let f: IdentityFixture;
  beforeEach(async () => {
    f = await identityFixture();
  });

  it('updates the profile and keeps it', async () => {
    const { user } = await register(f);
    f.clock.advance(1000);
    const address = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
    await f.container.get(UpdateProfile).execute(user.id, { displayName: 'Sam S.', phone: '+33612345678', address });
    const stored = await f.container.get(GetCurrentUser).execute(user.id);
    expect(stored).toMatchObject({ displayName: 'Sam S.', phone: '+33612345678', address, roles: ['seller'] });
    expect(stored.updatedAt.getTime()).toBe(user.createdAt.getTime() + 1000);
  });

  it('runs KYC submit -> approve and notifies the user', async () => {
    const { user } = await register(f);
    expect((await f.container.get(SubmitKyc).execute(user.id, [await uploadedDocument(f, user.id)])).kyc.status).toBe(
      'pending',
    );
    const approved = await f.container
      .get(DecideKyc)
      .execute({ adminId: 'admin-1', userId: user.id, verdict: 'verified' });
    expect(approved.kyc).toMatchObject({ status: 'verified', decidedBy: 'admin-1' });
    await f.settle();
    expect(f.published.map((e) => [e.topic, e.payload])).toEqual([
      ['notification.send', expect.objectContaining({ userId: user.id, type: 'kyc.approved' })],
      ['admin.action', { actorId: 'admin-1', action: 'kyc.approve', targetType: 'user', targetId: user.id }],
    ]);
  });

  it('rejects with a reason, then accepts a new submission', async () => {
    const { user } = await register(f);
    await f.container.get(SubmitKyc).execute(user.id, [await uploadedDocument(f, user.id)]);
    const rejected = await f.container
      .get(DecideKyc)
      .execute({ adminId: 'a', userId: user.id, verdict: 'rejected', reason: 'unreadable' });
    expect(rejected.kyc).toMatchObject({ status: 'rejected', reason: 'unreadable' });
    await f.settle();
    expect(f.published[0]?.payload).toMatchObject({ type: 'kyc.rejected', body: 'unreadable' });
    await expect(
      f.container.get(SubmitKyc).execute(user.id, [await uploadedDocument(f, user.id)]),
    ).resolves.toMatchObject({ kyc: { status: 'pending' } });
  });

  it('refuses a decision on a KYC that is not pending, and on an unknown user', async () => {
    const { user } = await register(f);
    await expect(
      f.container.get(DecideKyc).execute({ adminId: 'a', userId: user.id, verdict: 'verified' }),
    ).rejects.toMatchObject({
      code: 'KYC_INVALID_TRANSITION',
    });
    await expect(
      f.container.get(DecideKyc).execute({ adminId: 'a', userId: 'nobody', verdict: 'verified' }),
    ).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
  });

  it('registers a device token idempotently and moves it between users', async () => {
    const { user: sam } = await register(f);
    const { user: kim } = await register(f, 'kim@example.com');
    const devices = f.container.get<DeviceRepository>(DeviceRepository);
    expect(await f.container.get(RegisterDevice).execute(sam.id, 'tok-1', 'android')).toEqual({
      created: true,
      device: { token: 'tok-1', userId: sam.id, platform: 'android', registeredAt: f.clock.now() },
    });
    expect(await f.container.get(RegisterDevice).execute(sam.id, 'tok-1', 'android')).toMatchObject({ created: false });
    expect(await devices.listByUser(sam.id)).toHaveLength(1);
    await f.container.get(RegisterDevice).execute(kim.id, 'tok-1', 'android');
    expect(await devices.listByUser(sam.id)).toHaveLength(0);
    await expect(f.container.get(RemoveDevice).execute(sam.id, 'tok-1')).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
    await f.container.get(RemoveDevice).execute(kim.id, 'tok-1');
    expect(await devices.listByUser(kim.id)).toHaveLength(0);
  });

  it('creates the admin once, and promotes an existing account with that email', async () => {
    const ensure = f.container.get(EnsureAdmin);
    const admin = await ensure.execute('root@example.com', 'admin password 1');
    expect(admin.roles).toEqual(['admin']);
    expect((await ensure.execute('ROOT@example.com', 'admin password 1')).id).toBe(admin.id);
    await expect(
      f.container.get(LogIn).execute({ email: 'root@example.com', password: 'admin password 1' }),
    ).resolves.toBeTruthy();
    const { user } = await register(f, 'boss@example.com');
    expect((await ensure.execute('boss@example.com', 'ignored password')).roles).toEqual(['seller', 'admin']);
    expect((await f.container.get(GetCurrentUser).execute(user.id)).roles).toEqual(['seller', 'admin']);
  });

  it('creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD at start-up', async () => {
    const withAdmin = await identityFixture({ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'ops password 123' });
    const session = await withAdmin.container
      .get(LogIn)
      .execute({ email: 'ops@example.com', password: 'ops password 123' });
    expect(session.user.roles).toContain('admin');
  });
});
