import type { EventBus } from '../events/event-bus.js';
import type { Clock } from '../ports/clock.js';
import type { ClaimedEvents, OutboxSignal, OutboxStats, OutboxStore } from './outbox.js';

export interface OutboxRelayOptions {
  /** This relay's name in leases (unique per process). */
  owner: string;
  /** How long a claim holds before another relay may take it over. Default 10 s. */
  leaseMs?: number;
  /** Aggregates claimed per store and pass. Default 100. */
  batch?: number;
  /** Wait between passes when nothing was pending (a signal cuts it short). Default 500 ms. */
  idleMs?: number;
  /** Longest wait after a failed publish (the wait doubles from idleMs/5 up to this). Default 2 s. */
  maxBackoffMs?: number;
}

/** What one pass published, whether a publish failed, and the stores (by name) that may hold more. */
export interface PassOutcome {
  published: number;
  failed: boolean;
  /** Stores whose claim reached its limit: what was left is claimed by the next pass, at once. */
  unfinished: string[];
}

/** What the relay logs through (pino fits). */
export interface RelayLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

const quiet: RelayLogger = { warn: () => undefined, error: () => undefined };

/**
 * Publishes what the stores' outboxes hold, on every instance: claims pending events with a
 * lease, publishes them with publisher confirms (EventBus.publishEnvelope resolves once the broker
 * has them), then removes them. The events of one aggregate go out in the order they were written;
 * a failed publish leaves the rest of that aggregate for a later pass (backing off while the broker
 * is down). Delivery stays at least once: consumers drop duplicate ids.
 */
export class OutboxRelay {
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** Stores written since their last claim (signals), or left unfinished by the last pass: claimed next. */
  private readonly due = new Set<string>();
  private failures = 0;
  /** Passes made so far: where the next one starts among the stores. */
  private passes = 0;
  private unlisten: (() => void) | undefined;
  /** Events published since start, for metrics. */
  published = 0;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly options: OutboxRelayOptions,
    private readonly signal?: OutboxSignal,
    private readonly logger: RelayLogger = quiet,
  ) {
    this.leaseMs = options.leaseMs ?? 10_000;
    this.batch = options.batch ?? 100;
    this.idleMs = options.idleMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 2_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unlisten = this.signal?.listen((store) => this.wake(store));
    this.loop = this.run();
  }

  /** `store` was written: claim from it now rather than after the idle wait. */
  wake(store: string): void {
    this.due.add(store);
    this.wakeUp?.();
  }

  /**
   * Stops the loop after its current pass; then, for graceful shutdown, publishes what it can
   * until the outbox is empty, a publish fails, or `drainMs` has passed.
   */
  async stop(drainMs = 0): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.wakeUp?.();
    await this.loop;
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline) {
      const outcome = await this.passSafely();
      if (outcome.published === 0 || outcome.failed) break;
    }
  }

  /**
   * One pass over the stores (or over those named in `only`); what it published, whether a publish
   * failed, and which stores may hold more. After a failed publish (the broker is likely down) the
   * pass stops, and while publishes keep failing a pass only probes with one aggregate: the stores
   * are not claimed and released in bulk for nothing, and the first pass after the broker's return
   * is short. Each pass starts at the next store, so that a store whose publishes keep failing does
   * not hold the others back.
   */
  async pass(only?: ReadonlySet<string>): Promise<PassOutcome> {
    const outcome: PassOutcome = { published: 0, failed: false, unfinished: [] };
    const limit = this.failures > 0 ? 1 : this.batch;
    const first = this.passes++;
    for (let i = 0; i < this.stores.length && !outcome.failed; i++) {
      const store = this.stores[(first + i) % this.stores.length]!;
      if (only && !only.has(store.name)) continue;
      const claims = await store.claim(this.options.owner, this.clock.now(), this.leaseMs, limit);
      const outcomes = await Promise.all(claims.map((claim) => this.publish(store, claim)));
      const published = outcomes.reduce((sum, o) => sum + o.published, 0);
      // A claim at its limit may have left events behind: that store is passed again at once.
      if (claims.length >= limit || claims.some((claim) => claim.events.length >= limit))
        outcome.unfinished.push(store.name);
      outcome.published += published;
      outcome.failed = outcomes.some((o) => o.failed);
    }
    this.published += outcome.published;
    return outcome;
  }

  /** Publishes passes until nothing is pending (tests and recovery steps); throws when a publish fails. */
  async flush(maxPasses = 1_000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      const { published, failed } = await this.pass();
      if (failed) throw new Error('OutboxRelay.flush: a publish failed');
      if (published === 0) return;
    }
  }

  async stats(): Promise<OutboxStats> {
    const all = await Promise.all(this.stores.map((store) => store.stats()));
    const oldest =
      all
        .map((s) => s.oldest)
        .filter((d): d is Date => d !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    return { depth: all.reduce((sum, s) => sum + s.depth, 0), oldest };
  }

  /**
   * Passes over every store at start, after a failure and at least once per `idleMs` (events
   * another instance wrote, or a dead relay's lease that expired); in between, over the stores
   * signalled or left unfinished only: a write to one store does not make the relay claim from
   * all of them (on MongoDB, a query per collection).
   */
  private async run(): Promise<void> {
    let lastFullPass = -Infinity;
    while (this.running) {
      const everyStore = Date.now() - lastFullPass >= this.idleMs;
      if (everyStore) lastFullPass = Date.now();
      const only = everyStore ? undefined : new Set(this.due);
      this.due.clear();
      const outcome = await this.passSafely(only);
      if (!this.running) return;
      if (outcome.failed) {
        this.failures += 1;
        await this.sleep(Math.min(this.maxBackoffMs, (this.idleMs / 5) * 2 ** (this.failures - 1)), false);
        lastFullPass = -Infinity;
        continue;
      }
      this.failures = 0;
      for (const store of outcome.unfinished) this.due.add(store);
      if (this.due.size === 0) await this.sleep(this.idleMs - (Date.now() - lastFullPass), true);
    }
  }

  private async passSafely(only?: ReadonlySet<string>): Promise<PassOutcome> {
    try {
      return await this.pass(only);
    } catch (error) {
      this.logger.error({ err: error }, 'outbox relay pass failed (a store is unreachable?)');
      return { published: 0, failed: true, unfinished: [] };
    }
  }

  private async publish(store: OutboxStore, claim: ClaimedEvents): Promise<{ published: number; failed: boolean }> {
    let sent = 0;
    let failed = false;
    for (const envelope of claim.events) {
      try {
        await this.bus.publishEnvelope(envelope);
        sent += 1;
      } catch (error) {
        if (this.failures === 0)
          this.logger.warn(
            { err: error, store: store.name, eventId: envelope.id },
            'outbox relay could not publish; will retry',
          );
        failed = true;
        break;
      }
    }
    await store.done(this.options.owner, claim, sent);
    return { published: sent, failed };
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        if (wakeable || !this.running) done();
      };
    });
  }
}
export const OutboxRelayToken = Symbol.for('OutboxRelay');
