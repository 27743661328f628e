import { idempotencyErrors } from '../shared/idempotency-errors.js';
import type { IdempotencyStore } from './ports/idempotency-store.js';

const KEY_TTL_SECONDS = 24 * 3600;
const POLL_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request sent with an Idempotency-Key: the caller's scope, the key, and what identifies its body. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  fingerprint: string;
}

/** What the work answers, and the string to answer it again from (an order id). */
export interface IdempotentAnswer<T> {
  value: T;
  response: string;
}

/** A body's identity: the same fields in any key order are the same body. */
export function fingerprintOf(body: object): string {
  return JSON.stringify(body, (_key, value: unknown) => (isPlainObject(value) ? sortedKeys(value) : value));
}

const isPlainObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const sortedKeys = (value: object) => Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Runs requests sent with an Idempotency-Key once (api.md 1.1): the same key and body answer the
 * first answer again (`replay`); another body is 409 IDEMPOTENCY_KEY_REUSED. A twin that arrives
 * while the first is running waits for its answer; a claim whose holder died is taken over once
 * its lease (`leaseMs`) has run out, so a retry is never stuck for longer than that: the work then
 * runs again, knowing it is a recovery (`recovered`), and must finish or redo what the dead one
 * left (the commands are written so that it can). A failed work releases the key; a work done
 * whose answer could not be remembered leaves its claim to run out.
 */
export class IdempotentRequests {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly leaseMs: number,
  ) {}

  async run<T>(
    request: IdempotentRequest,
    work: (recovered: boolean) => Promise<IdempotentAnswer<T>>,
    replay: (response: string) => Promise<T>,
  ): Promise<T> {
    const { scope, key, fingerprint } = request;
    // Twice the lease: long enough for a dead holder's lease to run out while this one waits.
    const deadline = Date.now() + 2 * this.leaseMs;
    for (;;) {
      const claim = await this.store.claim(scope, key, fingerprint, {
        ttlSeconds: KEY_TTL_SECONDS,
        leaseMs: this.leaseMs,
      });
      if (claim.state === 'mismatch') throw idempotencyErrors.keyReused();
      if (claim.state === 'done') return replay(claim.response);
      if (claim.state === 'claimed') {
        const answer = await this.attempt(request, claim.token, () => work(claim.recovered));
        // Should this fail, the work is done but not remembered: the claim runs out, and a retry
        // (recovering) finds the work done.
        await this.store.complete(scope, key, answer.response, KEY_TTL_SECONDS);
        return answer.value;
      }
      if (Date.now() > deadline) throw idempotencyErrors.inProgress();
      await sleep(POLL_MS);
    }
  }

  /** Runs the work; when it fails, the key is released so that the client may retry at once. */
  private async attempt<T>({ scope, key }: IdempotentRequest, token: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // Should the release fail too, the lease runs out: the key is free again a little later.
      await this.store.release(scope, key, token).catch(() => undefined);
      throw error;
    }
  }
}
