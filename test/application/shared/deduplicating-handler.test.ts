import { describe, expect, it } from 'vitest';
import { MemoryHandledEventLog } from '../../../src/adapters/memory/shared/memory-handled-event-log.js';
import {
  deduplicatingHandler,
  EventBeingHandledElsewhere,
} from '../../../src/application/shared/events/deduplicating-handler.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';

const event: EventEnvelope<'notification.send'> = {
  id: 'evt-1',
  topic: 'notification.send',
  occurredAt: '2026-03-01T10:00:00.000Z',
  payload: { userId: 'u1', type: 't', title: 'T', body: 'B', data: {} },
};

describe('deduplicatingHandler', () => {
  it('runs a handler once per event id', async () => {
    const log = new MemoryHandledEventLog();
    let calls = 0;
    const handle = deduplicatingHandler(log, 'mailer', async () => {
      calls += 1;
    });
    await handle(event);
    await handle(event);
    expect(calls).toBe(1);
  });

  it('lets a failed event be handled again on retry', async () => {
    const log = new MemoryHandledEventLog();
    let calls = 0;
    const handle = deduplicatingHandler(log, 'mailer', async () => {
      calls += 1;
      if (calls === 1) throw new Error('transient');
    });
    await expect(handle(event)).rejects.toThrow('transient');
    await handle(event);
    expect(calls).toBe(2);
  });

  it('asks for a retry, never drops, a copy that arrives while another delivery holds the claim', async () => {
    const log = new MemoryHandledEventLog();
    await log.claim('mailer', event.id); // another delivery is handling it (and may die)
    let calls = 0;
    const handle = deduplicatingHandler(log, 'mailer', async () => {
      calls += 1;
    });
    await expect(handle(event)).rejects.toBeInstanceOf(EventBeingHandledElsewhere);
    await log.release('mailer', event.id); // the holder failed (or its claim expired)
    await handle(event);
    expect(calls).toBe(1);
  });
});
