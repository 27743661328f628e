import { setTimeout as sleep } from 'node:timers/promises';
import type { Container } from 'inversify';
import { expect } from 'vitest';
import type { EventPayloadInput, Topic } from '../../src/application/shared/events/catalogue.js';
import { createEnvelope, envelopeWithId, type EventEnvelope } from '../../src/application/shared/events/envelope.js';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import { EventFactory } from '../../src/application/shared/events/event-factory.js';
import type { OutboxStore } from '../../src/application/shared/outbox/outbox.js';
import { OutboxRelay } from '../../src/application/shared/outbox/outbox-relay.js';
import { InProcessEventBus } from '../../src/adapters/memory/shared/in-process-event-bus.js';
import type { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { MemoryOutbox } from '../../src/adapters/memory/shared/memory-outbox.js';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import { OutboxRelayToken } from '../../src/composition/outbox.js';
import { describeFault, everyFault, FaultPlan, InjectedFault, ProcessCrashed, type Fault } from './fault-injection.js';

/** An EventBus that only records what is published (payloads checked against the catalogue). */
export class RecordingBus implements EventBus {
  readonly published: EventEnvelope[] = [];
  private readonly ids = new SequentialIdGenerator('event');

  constructor(private readonly clock: ManualClock) {}

  async publish<T extends Topic>(topic: T, payload: EventPayloadInput<T>): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(topic, payload, this.ids, this.clock);
    this.published.push(envelope);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    this.published.push(envelope);
  }

  subscribe(): void {}
  async start(): Promise<void> {}
  async close(): Promise<void> {}

  payloads(topic: Topic): Record<string, unknown>[] {
    return this.published.filter((e) => e.topic === topic).map((e) => e.payload as Record<string, unknown>);
  }
}

/**
 * A memory outbox, the EventFactory to build events with, and a relay that publishes to a RecordingBus (flushed by
 * hand).
 */
export function memoryOutboxRig(clock: ManualClock) {
  const outbox = new MemoryOutbox();
  const bus = new RecordingBus(clock);
  const relay = new OutboxRelay([outbox], bus, clock, { owner: 'test-relay' });
  const events = new EventFactory(new SequentialIdGenerator('event'), clock);
  /** Publishes what the outbox holds, then answers every payload of `topic` published so far. */
  const published = async (topic: Topic): Promise<Record<string, unknown>[]> => {
    await relay.flush();
    return bus.payloads(topic);
  };
  return { outbox, bus, relay, events, published };
}

/** What `store` holds, in claim order, left pending (the claim is released at once). */
export async function pendingEvents(store: OutboxStore, now = new Date()): Promise<EventEnvelope[]> {
  const claims = await store.claim('test-reader', now, 60_000, 1_000);
  await Promise.all(claims.map((claim) => store.done('test-reader', claim, 0)));
  return claims.flatMap((claim) => claim.events);
}

/** A valid envelope under a chosen id (repository contracts store these). */
export function sampleEvent(
  id: string,
  clock: { now(): Date } = { now: () => new Date('2026-03-01T10:00:00.000Z') },
): EventEnvelope {
  return envelopeWithId(id, 'notification.send', { userId: 'user-1', type: 'test', title: 'Test', body: id }, clock);
}

/**
 * Waits until the app's relay has published everything its outboxes hold and the in-process bus
 * has delivered it (consumers may store more events: it waits for those too).
 */
export async function settleOutbox(container: Container, timeoutMs = 5_000): Promise<void> {
  const relay = container.get<OutboxRelay>(OutboxRelayToken);
  const bus = container.get<EventBus>(EventBus);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await relay.flush();
    if ((await relay.stats()).depth === 0) {
      // Published means handed to the bus: its deliveries are in flight until drained.
      if (bus instanceof InProcessEventBus) await bus.drain();
      if ((await relay.stats()).depth === 0) return;
    } else {
      await sleep(5);
    }
  }
  throw new Error(`the outbox still holds ${(await relay.stats()).depth} events after ${timeoutMs} ms`);
}

/** A fault of a command, and whether the command's state write (with its events) happened under it. */
export interface FaultAroundWrite {
  fault: Fault;
  written: boolean;
}

/** Every fault of a command whose steps are `steps`, where `write` is the step that stores the state and its events. */
export function faultsAroundWrite(steps: readonly string[], write: string): FaultAroundWrite[] {
  const at = steps.indexOf(write) + 1;
  if (at === 0) throw new Error(`${write} is not among the steps ${steps.join(', ')}`);
  return everyFault(steps.length).map((fault) => ({
    fault,
    written: fault.mode === 'crash' ? fault.at >= at : fault.at > at,
  }));
}

/** Runs a command meant to meet an injected fault; any other error is a real failure and is thrown. */
export async function underFault(command: () => Promise<unknown>): Promise<void> {
  try {
    await command();
  } catch (error) {
    if (!(error instanceof InjectedFault) && !(error instanceof ProcessCrashed)) throw error;
  }
}

/** An app (or a part of one) on memory whose relay publishes only when told (settle). */
export interface OutboxWorld {
  /** Every event the relay published, in order. */
  published: EventEnvelope[];
  outbox: MemoryOutbox;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A command that stores a state change and its events in one write. */
export interface WriteScenario<W extends OutboxWorld> {
  /** A fresh world where the command can run. */
  world(): Promise<W>;
  /** Runs the command once, its ports wrapped by `plan`. */
  run(w: W, plan: FaultPlan): Promise<unknown>;
  /** What the command changes (compared before and after). */
  state(w: W): Promise<unknown>;
  /** The step that stores the state and its events. */
  write: string;
  /** The topics of the events it stores, in order. */
  topics: readonly Topic[];
}

/**
 * Fails every step of the command in turn (a throw at it, a crash after it) and checks the outbox
 * rule: the command itself publishes nothing; when its write did not happen, the state is unchanged
 * and no event is stored; when it did (even if the process died right after), its events are pending
 * and the relay publishes each exactly once.
 */
export async function expectEventsStoredWithState<W extends OutboxWorld>(scenario: WriteScenario<W>): Promise<void> {
  const clean = await scenario.world();
  const recorder = new FaultPlan();
  await scenario.run(clean, recorder);
  await clean.close();
  for (const { fault, written } of faultsAroundWrite(recorder.steps, scenario.write)) {
    const w = await scenario.world();
    try {
      await w.settle();
      const before = await scenario.state(w);
      const publishedBefore = w.published.length;
      const plan = new FaultPlan(fault);
      await underFault(() => scenario.run(w, plan));
      const label = describeFault(fault, recorder.steps);
      expect(w.published.length, `${label}: the command itself publishes nothing`).toBe(publishedBefore);
      const pending = w.outbox.peek();
      expect(
        pending.map((event) => event.topic),
        `${label}: stored events`,
      ).toEqual(written ? scenario.topics : []);
      if (written) expect(await scenario.state(w), `${label}: state`).not.toEqual(before);
      else expect(await scenario.state(w), `${label}: state`).toEqual(before);
      await w.settle();
      // Consumers of these events may store and publish more of their own: only the command's are counted.
      const stored = new Set(pending.map((event) => event.id));
      const published = w.published.slice(publishedBefore).filter((event) => stored.has(event.id));
      expect(
        published.map((event) => event.id),
        `${label}: published once each, in order`,
      ).toEqual(pending.map((event) => event.id));
      expect(w.outbox.peek(), label).toEqual([]);
    } finally {
      await w.close();
    }
  }
}
