/** How one item of a group fared. */
export type GroupOutcome<R> = { ok: true; result: R } | { ok: false; error: unknown };

/** Writes one group of items of a key; answers one outcome per item, in order. */
export type CommitGroup<T, R> = (key: string, items: T[]) => Promise<GroupOutcome<R>[]>;

interface Queued<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit per key: while a group of a key is being written, the items submitted for that key
 * queue up and are written together as the next group (at most `maxGroupSize`). One writer per key
 * at a time, in submission order; under load a hot key costs one write per group, not per item.
 * Each caller learns its own outcome once its group is written; a commit that throws fails its
 * whole group.
 */
export class GroupedWrites<T, R> {
  private readonly queues = new Map<string, Queued<T, R>[]>();

  constructor(
    private readonly commit: CommitGroup<T, R>,
    private readonly maxGroupSize = 256,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queued = { item, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(queued);
        return;
      }
      this.queues.set(key, [queued]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      const group = this.queues.get(key)?.splice(0, this.maxGroupSize) ?? [];
      if (group.length === 0) {
        this.queues.delete(key);
        return;
      }
      try {
        const outcomes = await this.commit(
          key,
          group.map((queued) => queued.item),
        );
        group.forEach((queued, index) => settle(queued, outcomes[index]));
      } catch (error) {
        for (const queued of group) queued.reject(error);
      }
    }
  }
}

function settle<T, R>(queued: Queued<T, R>, outcome: GroupOutcome<R> | undefined): void {
  if (!outcome) queued.reject(new Error('GroupedWrites: the commit answered fewer outcomes than items'));
  else if (outcome.ok) queued.resolve(outcome.result);
  else queued.reject(outcome.error);
}
