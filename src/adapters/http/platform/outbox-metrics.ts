import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxStats } from '../../../application/shared/outbox/outbox.js';
import type { Clock } from '../../../application/shared/ports/clock.js';

/** What the outbox metrics read: this instance's relay (OutboxRelay fits). */
export interface OutboxMetricsSource {
  stats(): Promise<OutboxStats>;
  /** Events this relay has published since it started. */
  readonly published: number;
}

/**
 * Prometheus gauges of the outboxes, read at each scrape: events waiting (all stores, every
 * instance's), the age of the oldest one, and a counter of the events this instance's relay
 * published (its rate is the published/s).
 */
export function registerOutboxMetrics(registry: Registry, relay: OutboxMetricsSource, clock: Clock): void {
  // One stats() read per scrape, shared by both gauges (prom-client collects them together).
  let reading: Promise<OutboxStats> | undefined;
  const stats = () =>
    (reading ??= relay.stats().finally(() => {
      reading = undefined;
    }));
  new Gauge({
    name: 'outbox_depth',
    help: 'Events waiting in the outboxes to be published',
    registers: [registry],
    async collect() {
      this.set((await stats()).depth);
    },
  });
  new Gauge({
    name: 'outbox_oldest_age_seconds',
    help: 'Age of the oldest event waiting in the outboxes (0 when none waits)',
    registers: [registry],
    async collect() {
      const { oldest } = await stats();
      this.set(oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0);
    },
  });
  let counted = 0;
  new Counter({
    name: 'outbox_events_published_total',
    help: 'Events the outbox relay of this instance published',
    registers: [registry],
    collect() {
      this.inc(relay.published - counted);
      counted = relay.published;
    },
  });
}
