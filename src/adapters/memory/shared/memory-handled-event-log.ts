import type { ClaimResult, HandledEventLog } from '../../../application/shared/events/handled-event-log.js';

type State = 'pending' | 'done';

/** HandledEventLog of one process (tests, single-instance runs); forgets everything on restart. */
export class MemoryHandledEventLog implements HandledEventLog {
  private readonly states = new Map<string, State>();

  async claim(consumer: string, eventId: string): Promise<ClaimResult> {
    const key = keyOf(consumer, eventId);
    const state = this.states.get(key);
    if (state) return state === 'done' ? 'handled' : 'busy';
    this.states.set(key, 'pending');
    return 'claimed';
  }

  async complete(consumer: string, eventId: string): Promise<void> {
    this.states.set(keyOf(consumer, eventId), 'done');
  }

  async release(consumer: string, eventId: string): Promise<void> {
    const key = keyOf(consumer, eventId);
    if (this.states.get(key) === 'pending') this.states.delete(key);
  }
}

function keyOf(consumer: string, eventId: string): string {
  return JSON.stringify([consumer, eventId]);
}
