import { describe, expect, it } from 'vitest';
import { GroupedWrites, type GroupOutcome } from '../../../src/adapters/shared/grouped-writes.js';

/** A commit that records its groups and holds each one until released. */
function recordingCommit() {
  const groups: { key: string; items: number[] }[] = [];
  const pending: (() => void)[] = [];
  const commit = (key: string, items: number[]) => {
    groups.push({ key, items });
    return new Promise<GroupOutcome<number>[]>((resolve) => {
      pending.push(() =>
        resolve(
          items.map((item) =>
            item < 0 ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, result: item * 10 },
          ),
        ),
      );
    });
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { groups, commit, releaseAll };
}

describe('GroupedWrites', () => {
  it('items submitted while a group of the same key is written are committed together next, in order', async () => {
    const { groups, commit, releaseAll } = recordingCommit();
    const writes = new GroupedWrites(commit);
    const answers = [1, 2, 3, 4, 5].map((item) => writes.submit('a', item));
    await releaseAll();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([
      { key: 'a', items: [1] },
      { key: 'a', items: [2, 3, 4, 5] },
    ]);
  });

  it('keys are independent, and a group is at most maxGroupSize', async () => {
    const { groups, commit, releaseAll } = recordingCommit();
    const writes = new GroupedWrites(commit, 2);
    const answers = [
      writes.submit('a', 1),
      writes.submit('b', 7),
      writes.submit('a', 2),
      writes.submit('a', 3),
      writes.submit('a', 4),
    ];
    await releaseAll();
    expect(await Promise.all(answers)).toEqual([10, 70, 20, 30, 40]);
    expect(groups).toEqual([
      { key: 'a', items: [1] },
      { key: 'b', items: [7] },
      { key: 'a', items: [2, 3] },
      { key: 'a', items: [4] },
    ]);
  });

  it('each caller gets its own outcome; a commit that throws fails its group only', async () => {
    let calls = 0;
    const writes = new GroupedWrites<number, number>(async (_key, items) => {
      calls += 1;
      if (calls === 2) throw new Error('server gone');
      return items.map((item) =>
        item < 0 ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, result: item },
      );
    });
    const first = writes.submit('k', -1);
    const second = [writes.submit('k', 2), writes.submit('k', 3)];
    await expect(first).rejects.toThrow('refused -1');
    await expect(Promise.all(second)).rejects.toThrow('server gone');
    await expect(writes.submit('k', 4)).resolves.toBe(4);
  });
});
