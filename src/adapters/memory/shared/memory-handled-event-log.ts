import type { ClaimResult, HandledEventLog } from '../../../application/shared/events/handled-event-log.js';
import type { Clock } from '../../../application/shared/ports/clock.js';

export interface MemoryHandledEventLogOptions {
  /** Time source of the retention (default: the system clock). */
  clock?: Clock;
  /** How long a handled event id is remembered, like RedisHandledEventLog's handledTtlSeconds (default 7 days). */
  handledTtlSeconds?: number;
  /** Most handled event ids remembered per consumer; the oldest are forgotten first (default 100,000). */
  maxHandledPerConsumer?: number;
}

const systemClock: Clock = { now: () => new Date() };

/** One consumer's claims in flight and handled ids (expiry in epoch ms, in completion order). */
interface ConsumerState {
  pending: Set<string>;
  done: Map<string, number>;
}

/**
 * HandledEventLog of one process (tests, single-instance runs); forgets everything on restart.
 * Bounded like the Redis one: a handled id is forgotten after handledTtlSeconds, or sooner when a
 * consumer has handled more than maxHandledPerConsumer since (redeliveries come within minutes).
 * Claims in flight are never forgotten: they end with complete() or release().
 */
export class MemoryHandledEventLog implements HandledEventLog {
  private readonly consumers = new Map<string, ConsumerState>();
  private readonly clock: Clock;
  private readonly handledTtlMs: number;
  private readonly maxHandled: number;

  constructor(options: MemoryHandledEventLogOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.handledTtlMs = (options.handledTtlSeconds ?? 7 * 24 * 60 * 60) * 1000;
    this.maxHandled = options.maxHandledPerConsumer ?? 100_000;
    if (!(this.handledTtlMs > 0)) throw new RangeError('handledTtlSeconds must be positive');
    if (!Number.isInteger(this.maxHandled) || this.maxHandled < 1)
      throw new RangeError('maxHandledPerConsumer must be a positive integer');
  }

  async claim(consumer: string, eventId: string): Promise<ClaimResult> {
    const state = this.stateOf(consumer);
    if (state.pending.has(eventId)) return 'busy';
    const now = this.clock.now().getTime();
    this.prune(state, now);
    const expiresAt = state.done.get(eventId);
    if (expiresAt !== undefined) {
      if (expiresAt > now) return 'handled';
      state.done.delete(eventId);
    }
    state.pending.add(eventId);
    return 'claimed';
  }

  async complete(consumer: string, eventId: string): Promise<void> {
    const state = this.stateOf(consumer);
    const now = this.clock.now().getTime();
    state.pending.delete(eventId);
    state.done.delete(eventId); // re-inserted last: the map stays in completion order
    state.done.set(eventId, now + this.handledTtlMs);
    this.prune(state, now);
  }

  async release(consumer: string, eventId: string): Promise<void> {
    this.consumers.get(consumer)?.pending.delete(eventId);
  }

  /** Handled ids remembered, over every consumer (for tests and diagnostics). */
  size(): number {
    let total = 0;
    for (const state of this.consumers.values()) total += state.done.size;
    return total;
  }

  private stateOf(consumer: string): ConsumerState {
    let state = this.consumers.get(consumer);
    if (!state) {
      state = { pending: new Set(), done: new Map() };
      this.consumers.set(consumer, state);
    }
    return state;
  }

  /** Drops the oldest handled ids while they are expired or over the cap. */
  private prune(state: ConsumerState, now: number): void {
    for (const [eventId, expiresAt] of state.done) {
      if (expiresAt > now && state.done.size <= this.maxHandled) return;
      state.done.delete(eventId);
    }
  }
}
