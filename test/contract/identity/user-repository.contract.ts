import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserRepository } from '../../../src/application/identity/ports/user-repository.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import { decideKyc, submitKyc } from '../../../src/domain/identity/kyc.js';
import type { Role } from '../../../src/domain/identity/role.js';
import { createUser, updateProfile, type User } from '../../../src/domain/identity/user.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';

const at = new Date('2026-03-01T10:00:00.000Z');

function newUser(email = `${randomUUID()}@example.com`): User {
  return createUser({
    id: randomUUID(),
    email,
    passwordHash: 'scrypt$hash',
    displayName: 'Ada',
    roles: ['buyer'],
    at: new Date(at),
  });
}

/** A repository (empty or holding unrelated users) and the outbox its saves store events in. */
export interface UserStoreUnderTest {
  repo: UserRepository;
  outbox: OutboxStore;
}

export interface UserRepositoryContractOptions {
  /** FerretDB does not apply a conditional update atomically: racing saves over one KYC status may all pass. */
  onFerretDb?: boolean;
}

/** The behaviour every UserRepository must have; `makeStore` gives an empty or unrelated store. */
export function userRepositoryContract(
  makeStore: () => Promise<UserStoreUnderTest>,
  options: UserRepositoryContractOptions = {},
): void {
  let repo: UserRepository;
  let outbox: OutboxStore;
  beforeEach(async () => {
    ({ repo, outbox } = await makeStore());
  });
  /** The pending events of this user (their ids start with the user's id). */
  const pendingOf = async (user: User) =>
    (await pendingEvents(outbox)).filter((event) => event.id.startsWith(user.id)).map((event) => event.id);

  it('stores the events of each save in its outbox, in order, and never in the user', async () => {
    const user = newUser();
    await repo.create(user);
    const decided = {
      ...user,
      kyc: decideKyc(submitKyc(user.kyc, ['media-1'], at), 'verified', { by: 'admin-1', at }),
    };
    await repo.save(decided, [sampleEvent(`${user.id}-e1`), sampleEvent(`${user.id}-e2`)]);
    await repo.save(updateProfile(decided, { displayName: 'Ada L.' }, at), []);
    await repo.save(decided, [sampleEvent(`${user.id}-e3`)]);
    expect(await pendingOf(user)).toEqual([`${user.id}-e1`, `${user.id}-e2`, `${user.id}-e3`]);
    expect(await repo.findById(user.id)).toEqual(decided);
  });

  it('a refused save (unknown user, taken email key) stores none of its events', async () => {
    const [first, second] = [newUser(), newUser()];
    await repo.create(first);
    await repo.create(second);
    await expect(
      repo.save({ ...second, email: first.email, emailKey: first.emailKey }, [sampleEvent(`${second.id}-lost`)]),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    const unknown = newUser();
    await expect(repo.save(unknown, [sampleEvent(`${unknown.id}-lost`)])).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
    expect([...(await pendingOf(second)), ...(await pendingOf(unknown))]).toEqual([]);
  });

  it('a save over an expected KYC status happens only while the stored one is still it; else USER_CONCURRENT_UPDATE and no event', async () => {
    const user = newUser();
    await repo.create(user);
    const pending = { ...user, kyc: submitKyc(user.kyc, ['media-1'], at) };
    await repo.save(pending, [], 'none');
    const verified = { ...pending, kyc: decideKyc(pending.kyc, 'verified', { by: 'admin-1', at }) };
    await expect(repo.save(verified, [sampleEvent(`${user.id}-lost`)], 'none')).rejects.toMatchObject({
      code: 'USER_CONCURRENT_UPDATE',
      kind: 'conflict',
    });
    expect(await repo.findById(user.id)).toEqual(pending);
    await repo.save(verified, [sampleEvent(`${user.id}-kept`)], 'pending');
    expect(await repo.findById(user.id)).toEqual(verified);
    expect(await pendingOf(user)).toEqual([`${user.id}-kept`]);
    await expect(repo.save(newUser(), [], 'none')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });

  it.skipIf(options.onFerretDb)(
    'of 10 racing saves over one KYC status exactly one succeeds (skipped on FerretDB: its conditional updates are not atomic)',
    async () => {
      const user = newUser();
      await repo.create({ ...user, kyc: submitKyc(user.kyc, ['media-1'], at) });
      const pending = (await repo.findById(user.id))!;
      const decisions = Array.from({ length: 10 }, (_, i) => ({
        ...pending,
        kyc: decideKyc(pending.kyc, i % 2 ? 'verified' : 'rejected', { by: `admin-${i}`, at }),
      }));
      const results = await Promise.allSettled(
        decisions.map((decided, i) => repo.save(decided, [sampleEvent(`${user.id}-${i}`)], 'pending')),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await pendingOf(user)).toHaveLength(1);
    },
  );

  it('save drops the optional fields the user no longer has', async () => {
    const address = { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' };
    const user: User = { ...newUser(), phone: '+33611111111', address };
    await repo.create(user);
    const { phone: _phone, address: _address, ...without } = user;
    await repo.save(without, []);
    expect(await repo.findById(user.id)).toEqual(without);
  });

  it('finds a created user by id and by email key', async () => {
    const user = newUser(`  Ada.${randomUUID()}@Example.com `);
    await repo.create(user);
    expect(await repo.findById(user.id)).toEqual(user);
    expect(await repo.findByEmailKey(user.emailKey)).toEqual(user);
  });

  it('answers null for an unknown id or email key', async () => {
    expect(await repo.findById(randomUUID())).toBeNull();
    expect(await repo.findByEmailKey(`${randomUUID()}@example.com`)).toBeNull();
  });

  it('refuses a second user with a taken email key: EMAIL_TAKEN', async () => {
    const first = newUser();
    await repo.create(first);
    await expect(repo.create(newUser(first.email.toUpperCase()))).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
      kind: 'conflict',
    });
    expect(await repo.findByEmailKey(first.emailKey)).toEqual(first);
  });

  it('of 20 concurrent creates with one email key exactly one succeeds, the others get EMAIL_TAKEN', async () => {
    const email = `${randomUUID()}@example.com`;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => repo.create(newUser(email))));
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(results.length - rejected.length).toBe(1);
    for (const result of rejected) expect(result.reason).toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('save replaces the stored user', async () => {
    const user = newUser();
    await repo.create(user);
    const changed = updateProfile(
      user,
      { displayName: 'Ada L.', phone: '+33600000000' },
      new Date('2026-03-02T00:00:00.000Z'),
    );
    await repo.save(changed, []);
    expect(await repo.findById(user.id)).toEqual(changed);
  });

  it('save may change the email key: the new key finds the user, the old one nobody', async () => {
    const user = newUser();
    await repo.create(user);
    const email = `${randomUUID()}@example.com`;
    const moved = { ...user, email, emailKey: email };
    await repo.save(moved, []);
    expect(await repo.findByEmailKey(moved.emailKey)).toEqual(moved);
    expect(await repo.findByEmailKey(user.emailKey)).toBeNull();
    await repo.create(newUser(user.email));
  });

  it('save of an unknown user: USER_NOT_FOUND, and nothing is stored', async () => {
    const user = newUser();
    await expect(repo.save(user, [])).rejects.toMatchObject({ code: 'USER_NOT_FOUND', kind: 'not_found' });
    expect(await repo.findById(user.id)).toBeNull();
  });

  it("save taking another user's email key: EMAIL_TAKEN, and nothing changes", async () => {
    const [first, second] = [newUser(), newUser()];
    await repo.create(first);
    await repo.create(second);
    await expect(repo.save({ ...second, email: first.email, emailKey: first.emailKey }, [])).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
    expect(await repo.findById(second.id)).toEqual(second);
  });

  it('round-trips the optional fields: phone, address, roles and a decided KYC with its dates', async () => {
    const kyc = decideKyc(
      submitKyc(newUser().kyc, ['media-1', 'media-2'], new Date('2026-03-01T11:00:00.000Z')),
      'rejected',
      {
        by: 'admin-1',
        at: new Date('2026-03-01T12:00:00.000Z'),
        reason: 'blurry',
      },
    );
    const address = { line1: '1 rue de la Paix', line2: 'bât. B', city: 'Paris', postalCode: '75002', country: 'FR' };
    const user: User = { ...newUser(), roles: ['buyer', 'seller'], phone: '+33611111111', address, kyc };
    await repo.create(user);
    const found = await repo.findById(user.id);
    expect(found).toEqual(user);
    expect(found?.kyc.decidedAt).toBeInstanceOf(Date);
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('leaves absent optional fields absent, not null, even when set to undefined', async () => {
    const kyc = decideKyc(submitKyc(newUser().kyc, ['media-1'], at), 'verified', { by: 'admin-1', at });
    const address = { line1: '2 Main St', line2: undefined, city: 'Dublin', postalCode: 'D02', country: 'IE' };
    const user: User = { ...newUser(), kyc, address, phone: undefined };
    await repo.create(user);
    const found = await repo.findById(user.id);
    expect(found).not.toHaveProperty('phone');
    expect(found?.address).not.toHaveProperty('line2');
    expect(found?.kyc).not.toHaveProperty('reason');
    expect(found?.kyc).toEqual({
      status: 'verified',
      documentMediaIds: ['media-1'],
      submittedAt: at,
      decidedAt: at,
      decidedBy: 'admin-1',
    });
  });

  it('keeps its own copies: changing a passed or returned user changes nothing stored', async () => {
    const user = newUser();
    await repo.create(user);
    user.roles.push('admin');
    user.createdAt.setFullYear(2000);
    const found = await repo.findById(user.id);
    found?.kyc.documentMediaIds.push('media-x');
    expect(await repo.findById(user.id)).toMatchObject({
      roles: ['buyer'],
      createdAt: at,
      kyc: { documentMediaIds: [] },
    });
  });

  describe('list (the admin search)', () => {
    /** Five users named after a marker only this test uses, one second apart (oldest first). */
    async function seeded() {
      const marker = `Mk${randomUUID().slice(0, 8)}`;
      const specs: [Role[], string][] = [
        [['buyer'], 'none'],
        [['seller'], 'pending'],
        [['seller', 'courier'], 'verified'],
        [['courier'], 'none'],
        [['buyer'], 'rejected'],
      ];
      const users: User[] = [];
      for (const [i, [roles, kycStatus]] of specs.entries()) {
        const created = new Date(at.getTime() + i * 1000);
        const base = createUser({
          id: randomUUID(),
          email: `${marker.toLowerCase()}.${i}@example.com`,
          passwordHash: 'h',
          displayName: `Person ${i}`,
          roles,
          at: created,
        });
        const pending = submitKyc(base.kyc, ['media-1'], created);
        const kyc =
          kycStatus === 'none'
            ? base.kyc
            : kycStatus === 'pending'
              ? pending
              : decideKyc(pending, kycStatus as 'verified' | 'rejected', { by: 'a', at: created });
        users.push({ ...base, kyc });
        await repo.create(users[i]!);
      }
      return { marker, users };
    }
    const ids = (page: { items: User[] }) => page.items.map((user) => user.id);

    it('matches part of the email or of the display name, case ignored, newest first', async () => {
      const { marker, users } = await seeded();
      expect(ids(await repo.list({ q: marker.toUpperCase() }, { limit: 20 }))).toEqual(
        users.map((u) => u.id).reverse(),
      );
      const renamed = { ...users[0]!, displayName: `Zoë ${marker} Renamed` };
      await repo.save(renamed, []);
      expect(ids(await repo.list({ q: `${marker} rEnAmEd` }, { limit: 20 }))).toEqual([renamed.id]);
      expect(ids(await repo.list({ q: `${marker}.(` }, { limit: 20 }))).toEqual([]);
    });

    it('filters by role and by KYC status, every given filter applying', async () => {
      const { marker, users } = await seeded();
      expect(ids(await repo.list({ q: marker, role: 'courier' }, { limit: 20 }))).toEqual([users[3]!.id, users[2]!.id]);
      expect(ids(await repo.list({ q: marker, kycStatus: 'verified' }, { limit: 20 }))).toEqual([users[2]!.id]);
      expect(ids(await repo.list({ q: marker, role: 'seller', kycStatus: 'pending' }, { limit: 20 }))).toEqual([
        users[1]!.id,
      ]);
      expect(ids(await repo.list({ q: marker, role: 'buyer', kycStatus: 'verified' }, { limit: 20 }))).toEqual([]);
    });

    it('pages through every match once, ties of creation time broken by id', async () => {
      const { marker, users } = await seeded();
      const twins = [0, 1, 2].map((i) =>
        createUser({
          id: `${marker}-twin-${i}`,
          email: `${marker}.twin${i}@example.com`,
          passwordHash: 'h',
          displayName: 'Twin',
          roles: ['buyer'],
          at,
        }),
      );
      for (const twin of twins) await repo.create(twin);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.list({ q: marker }, { limit: 2, cursor });
        seen.push(...ids(page));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const tied = [users[0]!.id, ...twins.map((t) => t.id)].sort().reverse();
      expect(seen).toEqual([
        ...users
          .slice(1)
          .map((u) => u.id)
          .reverse(),
        ...tied,
      ]);
    });

    it('refuses a cursor it did not give: INVALID_CURSOR', async () => {
      await expect(repo.list({}, { limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
      });
    });
  });
}
