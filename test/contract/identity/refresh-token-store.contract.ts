import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type {
  RefreshTokenStore,
  StoredRefreshToken,
} from '../../../src/application/identity/ports/refresh-token-store.js';

/*
 * Times are taken near the real time: a Redis store also sets TTLs from `expiresAt`, and a
 * token that expired on the real clock is gone from it whatever `now` says.
 */
const start = Date.now();
const minutes = (count: number): Date => new Date(start + count * 60_000);

function login(userId: string = randomUUID()): StoredRefreshToken {
  return { tokenHash: randomUUID(), familyId: randomUUID(), userId, expiresAt: minutes(60) };
}

function fresh(expiresAt = minutes(90)): { tokenHash: string; expiresAt: Date } {
  return { tokenHash: randomUUID(), expiresAt };
}

/** The behaviour every RefreshTokenStore must have; `makeStore` gives an empty or unrelated store. */
export function refreshTokenStoreContract(makeStore: () => RefreshTokenStore | Promise<RefreshTokenStore>): void {
  let store: RefreshTokenStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  it('rotate spends the token, answers it, and stores the next one in the same family', async () => {
    const first = login();
    await store.add(first);
    const second = fresh();
    expect(await store.rotate(first.tokenHash, second, minutes(1))).toEqual({ outcome: 'rotated', previous: first });
    const result = await store.rotate(second.tokenHash, fresh(), minutes(2));
    expect(result).toEqual({
      outcome: 'rotated',
      previous: { ...second, familyId: first.familyId, userId: first.userId },
    });
    expect(result.outcome === 'rotated' && result.previous.expiresAt).toBeInstanceOf(Date);
  });

  it('a spent token presented again is reused: its family is revoked, so the newer token is invalid too', async () => {
    const first = login();
    await store.add(first);
    const second = fresh();
    await store.rotate(first.tokenHash, second, minutes(1));
    expect(await store.rotate(first.tokenHash, fresh(), minutes(2))).toEqual({
      outcome: 'reused',
      familyId: first.familyId,
    });
    expect(await store.rotate(second.tokenHash, fresh(), minutes(3))).toEqual({ outcome: 'invalid' });
    expect(await store.rotate(first.tokenHash, fresh(), minutes(4))).toEqual({ outcome: 'invalid' });
  });

  it('reuse revokes only its own family: other logins of the same user keep working', async () => {
    const reusedLogin = login();
    const otherLogin = login(reusedLogin.userId);
    await store.add(reusedLogin);
    await store.add(otherLogin);
    await store.rotate(reusedLogin.tokenHash, fresh(), minutes(1));
    await store.rotate(reusedLogin.tokenHash, fresh(), minutes(2));
    expect(await store.rotate(otherLogin.tokenHash, fresh(), minutes(3))).toEqual({
      outcome: 'rotated',
      previous: otherLogin,
    });
  });

  it('an expired token is invalid, from its expiry instant on, and is not spent by trying', async () => {
    const token = login();
    await store.add(token);
    expect(await store.rotate(token.tokenHash, fresh(), token.expiresAt)).toEqual({ outcome: 'invalid' });
    expect(await store.rotate(token.tokenHash, fresh(), minutes(61))).toEqual({ outcome: 'invalid' });
    expect(await store.rotate(token.tokenHash, fresh(), minutes(59))).toEqual({ outcome: 'rotated', previous: token });
  });

  it('an unknown token is invalid', async () => {
    expect(await store.rotate(randomUUID(), fresh(), minutes(1))).toEqual({ outcome: 'invalid' });
  });

  it('of 50 concurrent rotations of one token exactly one is rotated; the next is reuse, which revokes the family', async () => {
    const token = login();
    await store.add(token);
    const nextTokens = Array.from({ length: 50 }, () => fresh());
    const results = await Promise.all(nextTokens.map((next) => store.rotate(token.tokenHash, next, minutes(1))));
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    expect({ rotated: count('rotated'), reused: count('reused'), invalid: count('invalid') }).toEqual({
      rotated: 1,
      reused: 1,
      invalid: 48,
    });
    const winner = nextTokens[results.findIndex((result) => result.outcome === 'rotated')];
    expect(await store.rotate(winner?.tokenHash ?? '', fresh(), minutes(2))).toEqual({ outcome: 'invalid' });
  });

  it('revokeFamilyOf revokes every token of the family, spent or live, and no other family', async () => {
    const revoked = login();
    const other = login(revoked.userId);
    await store.add(revoked);
    await store.add(other);
    const live = fresh();
    await store.rotate(revoked.tokenHash, live, minutes(1));
    expect(await store.revokeFamilyOf(live.tokenHash)).toBe('revoked');
    expect(await store.rotate(live.tokenHash, fresh(), minutes(2))).toEqual({ outcome: 'invalid' });
    expect(await store.rotate(revoked.tokenHash, fresh(), minutes(2))).toEqual({ outcome: 'invalid' });
    expect(await store.rotate(other.tokenHash, fresh(), minutes(2))).toEqual({ outcome: 'rotated', previous: other });
  });

  it('revokeFamilyOf an unknown token answers unknown', async () => {
    expect(await store.revokeFamilyOf(randomUUID())).toBe('unknown');
    expect(await store.revokeFamilyOf(randomUUID(), randomUUID())).toBe('unknown');
  });

  it("revokeFamilyOf with an owner revokes only that owner's token: another user's is not_owner and stays usable", async () => {
    const token = login();
    await store.add(token);
    expect(await store.revokeFamilyOf(token.tokenHash, randomUUID())).toBe('not_owner');
    expect(await store.rotate(token.tokenHash, fresh(), minutes(1))).toEqual({ outcome: 'rotated', previous: token });
    const own = login();
    await store.add(own);
    expect(await store.revokeFamilyOf(own.tokenHash, own.userId)).toBe('revoked');
    expect(await store.rotate(own.tokenHash, fresh(), minutes(1))).toEqual({ outcome: 'invalid' });
  });

  it('keeps its own copies: changing a passed token changes nothing stored', async () => {
    const token = login();
    await store.add(token);
    const expiresAt = new Date(token.expiresAt);
    token.expiresAt.setTime(minutes(1).getTime());
    expect(await store.rotate(token.tokenHash, fresh(), minutes(30))).toMatchObject({
      outcome: 'rotated',
      previous: { expiresAt },
    });
  });
}
