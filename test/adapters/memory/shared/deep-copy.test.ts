import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../../src/adapters/memory/shared/deep-copy.js';

describe('deepCopy', () => {
  const original = {
    id: 'a1',
    price: { amount: 1_000, currency: 'EUR' },
    bidders: ['u1', 'u2'],
    endsAt: new Date('2026-01-01T00:00:00Z'),
    reserve: undefined,
    leader: null,
    byId: new Map([['u1', { rank: 1 }]]),
    tags: new Set(['hot']),
  };

  it('equals the original, as structuredClone does (Dates stay Dates, undefined members kept)', () => {
    const copy = deepCopy(original);
    expect(copy).toEqual(structuredClone(original));
    expect(copy.endsAt).toBeInstanceOf(Date);
    expect('reserve' in copy).toBe(true);
  });

  it('shares nothing mutable with the original', () => {
    const copy = deepCopy(original);
    copy.price.amount = 1;
    copy.bidders.push('u3');
    copy.endsAt.setTime(0);
    copy.byId.get('u1')!.rank = 9;
    copy.tags.add('cold');
    expect(original.price.amount).toBe(1_000);
    expect(original.bidders).toEqual(['u1', 'u2']);
    expect(original.endsAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(original.byId.get('u1')!.rank).toBe(1);
    expect([...original.tags]).toEqual(['hot']);
  });

  it('leaves other objects to structuredClone, which refuses what it cannot copy', () => {
    const bytes = new Uint8Array([1, 2]);
    const copy = deepCopy({ bytes });
    expect(copy.bytes).toEqual(bytes);
    expect(copy.bytes).not.toBe(bytes);
    expect(() => deepCopy({ run: () => undefined })).toThrow();
  });
});
