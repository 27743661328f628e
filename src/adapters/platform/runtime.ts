/**
 * What a backend is to the requests, which decides what `/readyz` makes of its outage:
 * - `store`: requests read or write it (MongoDB, Redis, the object store); while one is
 *   unreachable the instance is not ready (503).
 * - `broker`: it only carries events (RabbitMQ); no request waits on it, the events wait in the
 *   outbox meanwhile, so while it is unreachable the instance is `degraded` (still 200).
 */
export type BackendKind = 'store' | 'broker';

/** A backend the process depends on; `/readyz` pings every configured one. */
export interface HealthCheck {
  readonly name: string;
  /** Default `store`. */
  readonly kind?: BackendKind;
  ping(): Promise<void>;
}

/** Something to close at shutdown (a connection, a consumer), in reverse order of opening. */
export interface Closeable {
  readonly name: string;
  close(): Promise<void>;
}

/** What the composition root started: health checks and things to close. */
export class Runtime {
  readonly healthChecks: HealthCheck[] = [];
  readonly closeables: Closeable[] = [];

  onShutdown(name: string, close: () => Promise<void>): void {
    this.closeables.push({ name, close });
  }

  async closeAll(onError: (name: string, error: unknown) => void): Promise<void> {
    for (const closeable of [...this.closeables].reverse()) {
      try {
        await closeable.close();
      } catch (error) {
        onError(closeable.name, error);
      }
    }
    this.closeables.length = 0;
  }
}
export const RuntimeToken = Symbol.for('Runtime');
