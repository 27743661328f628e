import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { Device, DeviceRepository } from '../../../src/application/identity/ports/device-repository.js';

function device(userId: string, registeredAt = '2026-03-01T10:00:00.000Z'): Device {
  return { token: `fcm-${randomUUID()}`, userId, platform: 'android', registeredAt: new Date(registeredAt) };
}

/** The behaviour every DeviceRepository must have; `makeRepo` gives an empty or unrelated store. */
export function deviceRepositoryContract(makeRepo: () => DeviceRepository | Promise<DeviceRepository>): void {
  let repo: DeviceRepository;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    repo = await makeRepo();
    [alice, bob] = [randomUUID(), randomUUID()];
  });

  it('upsert of a new token answers true and lists the device for its user', async () => {
    const phone = device(alice);
    expect(await repo.upsert(phone)).toBe(true);
    expect(await repo.listByUser(alice)).toEqual([phone]);
  });

  it('upserting the same token for the same user again answers false and keeps one device', async () => {
    const phone = device(alice);
    await repo.upsert(phone);
    const again = { ...phone, registeredAt: new Date('2026-03-02T10:00:00.000Z') };
    expect(await repo.upsert(again)).toBe(false);
    expect(await repo.listByUser(alice)).toEqual([again]);
  });

  it('upserting a token for another user moves it: true, and only the new user lists it', async () => {
    const phone = device(alice);
    await repo.upsert(phone);
    const moved = { ...phone, userId: bob, platform: 'ios' as const };
    expect(await repo.upsert(moved)).toBe(true);
    expect(await repo.listByUser(alice)).toEqual([]);
    expect(await repo.listByUser(bob)).toEqual([moved]);
    expect(await repo.remove(alice, phone.token)).toBe(false);
  });

  it('of 20 concurrent upserts of a new token for one user exactly one answers true (5 tokens at once)', async () => {
    const phones = Array.from({ length: 5 }, () => device(alice));
    const results = await Promise.all(
      phones.map((phone) => Promise.all(Array.from({ length: 20 }, () => repo.upsert({ ...phone })))),
    );
    expect(results.map((perToken) => perToken.filter(Boolean).length)).toEqual([1, 1, 1, 1, 1]);
    expect(await repo.listByUser(alice)).toHaveLength(5);
  });

  it("remove answers true for the user's own token, then false", async () => {
    const phone = device(alice);
    await repo.upsert(phone);
    expect(await repo.remove(alice, phone.token)).toBe(true);
    expect(await repo.remove(alice, phone.token)).toBe(false);
    expect(await repo.listByUser(alice)).toEqual([]);
  });

  it("remove of someone else's token answers false and leaves it with its owner", async () => {
    const phone = device(alice);
    await repo.upsert(phone);
    expect(await repo.remove(bob, phone.token)).toBe(false);
    expect(await repo.remove(bob, `fcm-${randomUUID()}`)).toBe(false);
    expect(await repo.listByUser(alice)).toEqual([phone]);
  });

  it("listByUser lists only that user's devices, oldest registration first", async () => {
    const newer = device(alice, '2026-03-02T10:00:00.000Z');
    const older = { ...device(alice, '2026-03-01T10:00:00.000Z'), platform: 'web' as const };
    await repo.upsert(newer);
    await repo.upsert(older);
    await repo.upsert(device(bob));
    expect(await repo.listByUser(alice)).toEqual([older, newer]);
    expect(await repo.listByUser(randomUUID())).toEqual([]);
  });

  it('keeps its own copies: changing a passed or listed device changes nothing stored', async () => {
    const phone = device(alice);
    await repo.upsert(phone);
    const registeredAt = new Date(phone.registeredAt);
    phone.registeredAt.setFullYear(2000);
    const [listed] = await repo.listByUser(alice);
    listed?.registeredAt.setFullYear(2001);
    expect(await repo.listByUser(alice)).toEqual([{ ...phone, registeredAt }]);
  });
}
