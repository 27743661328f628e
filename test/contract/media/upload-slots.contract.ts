import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { UploadSlots } from '../../../src/application/media/ports/upload-slots.js';

const start = Date.now();
const seconds = (count: number): Date => new Date(start + count * 1000);

/** The behaviour every UploadSlots must have; `makeSlots` gives an empty or unrelated store. */
export function uploadSlotsContract(makeSlots: () => UploadSlots | Promise<UploadSlots>): void {
  let slots: UploadSlots;
  beforeEach(async () => {
    slots = await makeSlots();
  });
  const claim = (owner: string, closesAt: Date, now: Date, max = 2, media = randomUUID()) =>
    slots.claim(owner, media, closesAt, max, now);

  it('holds up to max open slots per owner; when full it answers when the earliest one closes', async () => {
    const owner = randomUUID();
    expect(await claim(owner, seconds(300), seconds(0))).toEqual({ claimed: true });
    expect(await claim(owner, seconds(200), seconds(1))).toEqual({ claimed: true });
    expect(await claim(owner, seconds(400), seconds(2))).toEqual({ claimed: false, freesAt: seconds(200) });
    expect(await claim(randomUUID(), seconds(300), seconds(2))).toEqual({ claimed: true });
  });

  it('a slot closes when its time is reached, or when released', async () => {
    const owner = randomUUID();
    const first = randomUUID();
    await claim(owner, seconds(100), seconds(0), 2, first);
    await claim(owner, seconds(300), seconds(0));
    expect(await claim(owner, seconds(400), seconds(100))).toEqual({ claimed: true });
    expect((await claim(owner, seconds(400), seconds(101))).claimed).toBe(false);
    const released = randomUUID();
    const other = randomUUID();
    await claim(other, seconds(300), seconds(0), 1, released);
    await slots.release(other, released);
    await slots.release(other, randomUUID());
    expect(await claim(other, seconds(300), seconds(1), 1)).toEqual({ claimed: true });
  });

  it('of 30 racing claims of one owner exactly max are held', async () => {
    const owner = randomUUID();
    const results = await Promise.all(Array.from({ length: 30 }, () => claim(owner, seconds(300), seconds(0), 7)));
    expect(results.filter((result) => result.claimed)).toHaveLength(7);
  });
}
