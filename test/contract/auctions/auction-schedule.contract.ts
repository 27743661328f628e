import { beforeEach, expect, it } from 'vitest';
import type { AuctionSchedule } from '../../../src/application/auctions/ports/auction-schedule.js';

/** A schedule on empty data, and a second handle on the same data (another connection on Redis). */
export interface AuctionSchedules {
  schedule: AuctionSchedule;
  other: AuctionSchedule;
}

const start = new Date('2026-03-01T10:00:00.000Z').getTime();
/** `at(s)` is s seconds after a fixed instant (the schedule keeps no TTL, so any time will do). */
const at = (secondsLater: number): Date => new Date(start + secondsLater * 1000);

/** The behaviour every AuctionSchedule must have; `makeSchedules` gives schedules on empty data. */
export function auctionScheduleContract(makeSchedules: () => AuctionSchedules | Promise<AuctionSchedules>): void {
  let schedule: AuctionSchedule;
  let other: AuctionSchedule;
  beforeEach(async () => {
    ({ schedule, other } = await makeSchedules());
  });

  it('due answers only the deadlines at or before now, earliest first, up to the limit', async () => {
    await schedule.set('end', 'late', at(30));
    await schedule.set('end', 'first', at(10));
    await schedule.set('end', 'exactly-now', at(20));
    await schedule.set('end', 'second', at(15));
    expect(await schedule.due('end', at(5), 100)).toEqual([]);
    expect(await schedule.due('end', at(20), 100)).toEqual(['first', 'second', 'exactly-now']);
    expect(await schedule.due('end', at(20), 2)).toEqual(['first', 'second']);
    expect(await schedule.due('end', at(20), 0)).toEqual([]);
    expect(await schedule.due('end', at(60), 100)).toEqual(['first', 'second', 'exactly-now', 'late']);
  });

  it('due removes nothing: an entry stays due until it is removed', async () => {
    await schedule.set('start', 'a1', at(10));
    expect(await schedule.due('start', at(10), 100)).toEqual(['a1']);
    expect(await schedule.due('start', at(11), 100)).toEqual(['a1']);
  });

  it('deadlines at the same instant come back in id order', async () => {
    for (const id of ['b', 'c', 'a']) await schedule.set('end', id, at(10));
    expect(await schedule.due('end', at(10), 100)).toEqual(['a', 'b', 'c']);
    expect(await schedule.due('end', at(10), 2)).toEqual(['a', 'b']);
  });

  it('setting again moves the deadline: later is no longer due, earlier is', async () => {
    await schedule.set('end', 'extended', at(10));
    await schedule.set('end', 'brought-forward', at(60));
    await schedule.set('end', 'extended', at(40));
    await schedule.set('end', 'brought-forward', at(5));
    expect(await schedule.due('end', at(20), 100)).toEqual(['brought-forward']);
    // One entry per id: moving it does not leave the old deadline behind.
    expect(await schedule.due('end', at(60), 100)).toEqual(['brought-forward', 'extended']);
  });

  it('the start and end deadlines are independent', async () => {
    await schedule.set('start', 'a1', at(10));
    await schedule.set('end', 'a1', at(50));
    await schedule.set('end', 'a2', at(20));
    expect(await schedule.due('start', at(30), 100)).toEqual(['a1']);
    expect(await schedule.due('end', at(30), 100)).toEqual(['a2']);
    await schedule.remove('start', 'a1');
    expect(await schedule.due('start', at(60), 100)).toEqual([]);
    expect(await schedule.due('end', at(60), 100)).toEqual(['a2', 'a1']);
  });

  it('remove takes the deadline away; removing an absent one is harmless', async () => {
    await schedule.set('end', 'a1', at(10));
    await schedule.set('end', 'a2', at(10));
    await schedule.remove('end', 'a1');
    expect(await schedule.due('end', at(10), 100)).toEqual(['a2']);
    await schedule.remove('end', 'a1');
    await schedule.remove('end', 'never-set');
    await schedule.remove('start', 'a2');
    expect(await schedule.due('end', at(10), 100)).toEqual(['a2']);
    await schedule.remove('end', 'a2');
    expect(await schedule.due('end', at(10), 100)).toEqual([]);
  });

  it('a second handle on the same data sees, moves and removes the same entries', async () => {
    await schedule.set('start', 'a1', at(10));
    await schedule.set('end', 'a1', at(20));
    expect(await other.due('start', at(10), 100)).toEqual(['a1']);
    expect(await other.due('end', at(20), 100)).toEqual(['a1']);
    await other.set('end', 'a1', at(40));
    await other.remove('start', 'a1');
    expect(await schedule.due('start', at(60), 100)).toEqual([]);
    expect(await schedule.due('end', at(30), 100)).toEqual([]);
    expect(await schedule.due('end', at(40), 100)).toEqual(['a1']);
  });

  it('100 deadlines set at once for the same instant all come back due', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `auction-${String(i).padStart(3, '0')}`);
    await Promise.all(ids.map((id, i) => (i % 2 === 0 ? schedule : other).set('end', id, at(10))));
    expect(await schedule.due('end', at(9), 1000)).toEqual([]);
    expect(await schedule.due('end', at(10), 1000)).toEqual(ids);
    expect(await other.due('end', at(10), 100)).toEqual(ids);
    expect(await schedule.due('end', at(10), 30)).toEqual(ids.slice(0, 30));
  });

  it('keeps the time it was given: changing the passed Date afterwards moves nothing', async () => {
    const deadline = at(10);
    await schedule.set('end', 'a1', deadline);
    deadline.setTime(at(100).getTime());
    expect(await schedule.due('end', at(10), 100)).toEqual(['a1']);
  });

  it('refuses an invalid date and a limit that is not a non-negative integer', async () => {
    await expect(schedule.set('end', 'a1', new Date(Number.NaN))).rejects.toThrow(RangeError);
    await expect(schedule.due('end', new Date(Number.NaN), 10)).rejects.toThrow(RangeError);
    await expect(schedule.due('end', at(10), -1)).rejects.toThrow(RangeError);
    await expect(schedule.due('end', at(10), 1.5)).rejects.toThrow(RangeError);
    expect(await schedule.due('end', at(1000), 100)).toEqual([]);
  });
}
