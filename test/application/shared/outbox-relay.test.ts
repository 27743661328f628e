import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { envelopeWithId, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { EventBus } from '../../../src/application/shared/events/event-bus.js';
import { OutboxSignal } from '../../../src/application/shared/outbox/outbox.js';
import { OutboxRelay } from '../../../src/application/shared/outbox/outbox-relay.js';

const clock = new ManualClock(new Date('2026-05-01T10:00:00.000Z'));
const event = (id: string): EventEnvelope =>
  envelopeWithId(id, 'stock.updated', { listingId: 'l1', available: 1, quantityOnHand: 1 }, clock);

/** A broker stand-in: records what it confirmed; `down` makes every publish fail like a lost connection. */
class FlakyBus {
  readonly confirmed: string[] = [];
  down = false;
  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new Error('RabbitMQ is not connected');
    this.confirmed.push(envelope.id);
  }
}

const relayOn = (outbox: MemoryOutbox, bus: FlakyBus, owner: string, signal?: OutboxSignal) =>
  new OutboxRelay(
    [outbox],
    bus as unknown as EventBus,
    clock,
    { owner, leaseMs: 1_000, idleMs: 20, maxBackoffMs: 40 },
    signal,
  );

describe('OutboxRelay', () => {
  const running: OutboxRelay[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.stop()));
  });

  it('publishes each aggregate in order, then removes what it published', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    outbox.append('a', [event('a1'), event('a2')]);
    outbox.append('b', [event('b1')]);
    outbox.append('a', [event('a3')]);
    await relayOn(outbox, bus, 'r1').flush();
    expect(bus.confirmed.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(bus.confirmed).toHaveLength(4);
    expect(outbox.peek()).toEqual([]);
  });

  it('while the broker is down nothing is lost; once it is back the events go out in order, each once', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    const relay = relayOn(outbox, bus, 'r1');
    bus.down = true;
    outbox.append('a', [event('a1'), event('a2')]);
    expect(await relay.pass()).toEqual({ published: 0, failed: true, unfinished: [] });
    expect(outbox.peek().map((e) => e.id)).toEqual(['a1', 'a2']);
    bus.down = false;
    await relay.flush();
    expect(bus.confirmed).toEqual(['a1', 'a2']);
  });

  it('a running relay backs off during an outage and drains by itself when the broker returns', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    const relay = relayOn(outbox, bus, 'r1');
    running.push(relay);
    bus.down = true;
    relay.start();
    for (let i = 0; i < 50; i++) outbox.append(`k${i}`, [event(`e${i}`)]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(bus.confirmed).toEqual([]);
    bus.down = false;
    await vi.waitFor(() => expect(bus.confirmed).toHaveLength(50), { timeout: 1_000, interval: 10 });
    expect(new Set(bus.confirmed).size).toBe(50);
  });

  it('a signal from a store wakes an idle relay at once', async () => {
    const signal = new OutboxSignal();
    const outbox = new MemoryOutbox(signal);
    const bus = new FlakyBus();
    const relay = new OutboxRelay([outbox], bus as unknown as EventBus, clock, { owner: 'r1', idleMs: 60_000 }, signal);
    running.push(relay);
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    outbox.append('a', [event('a1')]);
    await vi.waitFor(() => expect(bus.confirmed).toEqual(['a1']), { timeout: 500, interval: 5 });
  });

  /** A store that holds nothing and counts the relay's claims: another collection's outbox. */
  const quietStore = () => {
    const store = {
      name: 'mongo:elsewhere',
      claims: 0,
      claim: async () => {
        store.claims += 1;
        return [];
      },
      done: async () => undefined,
      stats: async () => ({ depth: 0, oldest: null }),
    };
    return store;
  };

  /** A running relay over a signalled memory outbox and a quiet store. */
  const relayOverTwoStores = (idleMs: number) => {
    const signal = new OutboxSignal();
    const outbox = new MemoryOutbox(signal);
    const other = quietStore();
    const bus = new FlakyBus();
    const relay = new OutboxRelay([outbox, other], bus as unknown as EventBus, clock, { owner: 'r1', idleMs }, signal);
    running.push(relay);
    relay.start();
    return { outbox, other, bus };
  };

  it('a signal makes the relay claim from the signalled store only; the others wait for the periodic pass', async () => {
    const { outbox, other, bus } = relayOverTwoStores(1_000);
    await vi.waitFor(() => expect(other.claims).toBe(1), { timeout: 500, interval: 5 });
    // (Unless this machine stalled for most of the idle period, which would make the periodic pass due.)
    const startedAt = Date.now();
    for (let i = 0; i < 20; i++) {
      outbox.append(`k${i}`, [event(`s${i}`)]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await vi.waitFor(() => expect(bus.confirmed).toHaveLength(20), { timeout: 500, interval: 5 });
    if (Date.now() - startedAt < 800) expect(other.claims).toBe(1);
    await vi.waitFor(() => expect(other.claims).toBe(2), { timeout: 2_000, interval: 5 });
  });

  it('under a stream of signals from one store, every store is still claimed from once per idle period', async () => {
    const { outbox, other } = relayOverTwoStores(50);
    const until = Date.now() + 400;
    for (let i = 0; Date.now() < until; i++) {
      outbox.append(`k${i}`, [event(`t${i}`)]);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(other.claims).toBeGreaterThanOrEqual(4);
    await vi.waitFor(() => expect(outbox.peek()).toEqual([]), { timeout: 500, interval: 5 });
  });

  it('a claim that reached its batch limit is followed by another pass at once, not after the idle wait', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    for (let i = 0; i < 250; i++) outbox.append(`k${i}`, [event(`u${i}`)]);
    const relay = new OutboxRelay([outbox], bus as unknown as EventBus, clock, { owner: 'r1', idleMs: 60_000 });
    running.push(relay);
    relay.start();
    await vi.waitFor(() => expect(bus.confirmed).toHaveLength(250), { timeout: 1_000, interval: 5 });
  });

  it('two relays racing over one outbox publish every event exactly once', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    for (let i = 0; i < 200; i++) outbox.append(`k${i % 20}`, [event(`e${i}`)]);
    const [one, two] = [relayOn(outbox, bus, 'r1'), relayOn(outbox, bus, 'r2')];
    await Promise.all([one.flush(), two.flush(), one.flush(), two.flush()]);
    expect(bus.confirmed).toHaveLength(200);
    expect(new Set(bus.confirmed).size).toBe(200);
  });

  it("a dead relay's claim is taken over once its lease expires", async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    outbox.append('a', [event('a1')]);
    expect(await outbox.claim('dead-relay', clock.now(), 1_000, 10)).toHaveLength(1); // claimed, then the process died
    const survivor = relayOn(outbox, bus, 'r2');
    expect((await survivor.pass()).published).toBe(0);
    clock.advance(1_001);
    await survivor.flush();
    expect(bus.confirmed).toEqual(['a1']);
  });

  it('stop(drainMs) publishes what is pending before it returns', async () => {
    const outbox = new MemoryOutbox();
    const bus = new FlakyBus();
    const relay = new OutboxRelay([outbox], bus as unknown as EventBus, clock, { owner: 'r1', idleMs: 60_000 });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    outbox.append('a', [event('a1'), event('a2')]);
    await relay.stop(1_000);
    expect(bus.confirmed).toEqual(['a1', 'a2']);
    expect(await relay.stats()).toEqual({ depth: 0, oldest: null });
  });

  it('stats sum the stores', async () => {
    const outbox = new MemoryOutbox();
    outbox.append('a', [event('a1'), event('a2')]);
    expect(await relayOn(outbox, new FlakyBus(), 'r1').stats()).toEqual({ depth: 2, oldest: clock.now() });
  });
});
