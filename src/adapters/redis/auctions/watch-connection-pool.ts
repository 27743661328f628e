import type { Redis } from 'ioredis';

/**
 * A small pool of `redis.duplicate()` connections for optimistic transactions: WATCH belongs to a
 * connection, so each transaction has one to itself. `close()` ends them (never `redis`).
 */
export class WatchConnectionPool {
  private readonly idle: Redis[] = [];
  private readonly all: Redis[] = [];
  private readonly waiting: { resolve: (connection: Redis) => void; reject: (error: Error) => void }[] = [];
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly size: number,
    private readonly owner: string,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('poolSize must be a positive integer');
  }

  /** Runs `work` on a connection of its own, waiting for one when all are busy. */
  async using<T>(work: (connection: Redis) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const connections = this.all.splice(0);
    this.idle.splice(0);
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.closedError());
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private async acquire(): Promise<Redis> {
    if (this.closed) throw this.closedError();
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length < this.size) {
      // A transaction's commands wait on each other and the connection is its own: nothing to batch (and WATCH and
      // MULTI/EXEC are not to be held for the next turn of the event loop).
      const connection = this.redis.duplicate({ enableAutoPipelining: false });
      // Its failures reach the commands that use it; the emitter itself must not end the process.
      connection.on('error', () => undefined);
      this.all.push(connection);
      return connection;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: Redis): void {
    if (!this.all.includes(connection)) return; // closed meanwhile
    const next = this.waiting.shift();
    if (next) next.resolve(connection);
    else this.idle.push(connection);
  }

  private closedError(): Error {
    return new Error(`${this.owner} is closed`);
  }
}
