import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFcmMessaging, readServiceAccount } from '../../../src/adapters/fcm/fcm-messaging.js';
import {
  FcmPushSender,
  type FcmMessaging,
  type FcmMulticastMessage,
  type FcmSendResponse,
} from '../../../src/adapters/fcm/fcm-push-sender.js';
import { LogPushSender } from '../../../src/adapters/memory/notifications/log-push-sender.js';

const message = { title: 'Order paid', body: 'Ship it.', data: { orderId: 'o1' } };

/** A messaging client that records each multicast and answers each token by `answer` (or throws). */
class RecordingMessaging implements FcmMessaging {
  readonly calls: FcmMulticastMessage[] = [];

  constructor(
    private readonly answer: (token: string, call: number) => FcmSendResponse | Error = () => ({ success: true }),
  ) {}

  async sendEachForMulticast(multicast: FcmMulticastMessage): Promise<{ responses: FcmSendResponse[] }> {
    this.calls.push(multicast);
    const call = this.calls.length;
    const responses = multicast.tokens.map((token) => this.answer(token, call));
    const thrown = responses.find((response) => response instanceof Error);
    if (thrown) throw thrown;
    return { responses: responses as FcmSendResponse[] };
  }
}

const failure = (code: string): FcmSendResponse => ({ success: false, error: { code, message: code } });
const tokens = (count: number) => Array.from({ length: count }, (_, i) => `tok-${i}`);

describe('FcmPushSender', () => {
  it('sends the title, body and data to the tokens and answers delivered per token', async () => {
    const messaging = new RecordingMessaging();
    const sender = new FcmPushSender(messaging);
    expect(sender.configured).toBe(true);
    expect(await sender.send(['a', 'b'], message)).toEqual([
      { token: 'a', delivered: true },
      { token: 'b', delivered: true },
    ]);
    expect(messaging.calls).toEqual([
      { tokens: ['a', 'b'], notification: { title: 'Order paid', body: 'Ship it.' }, data: { orderId: 'o1' } },
    ]);
  });

  it('batches at most 500 tokens per call: 1201 tokens are 3 calls of 500, 500 and 201, one result per token in order', async () => {
    const messaging = new RecordingMessaging();
    const all = tokens(1201);
    const results = await new FcmPushSender(messaging).send(all, message);
    expect(messaging.calls.map((call) => call.tokens.length)).toEqual([500, 500, 201]);
    expect(messaging.calls.flatMap((call) => call.tokens)).toEqual(all);
    expect(results.map((result) => result.token)).toEqual(all);
    expect(results.every((result) => result.delivered)).toBe(true);
  });

  it('calls nothing for no token', async () => {
    const messaging = new RecordingMessaging();
    expect(await new FcmPushSender(messaging).send([], message)).toEqual([]);
    expect(messaging.calls).toEqual([]);
  });

  it('flags not-registered and invalid tokens as unregistered, other errors as plain failures', async () => {
    const answers: Record<string, FcmSendResponse> = {
      gone: failure('messaging/registration-token-not-registered'),
      bad: failure('messaging/invalid-registration-token'),
      busy: failure('messaging/server-unavailable'),
    };
    const sender = new FcmPushSender(new RecordingMessaging((token) => answers[token] ?? { success: true }));
    expect(await sender.send(['ok', 'gone', 'bad', 'busy'], message)).toEqual([
      { token: 'ok', delivered: true },
      { token: 'gone', delivered: false, reason: 'messaging/registration-token-not-registered', unregistered: true },
      { token: 'bad', delivered: false, reason: 'messaging/invalid-registration-token', unregistered: true },
      { token: 'busy', delivered: false, reason: 'messaging/server-unavailable', unregistered: false },
    ]);
  });

  it('a call that throws answers its tokens as failed (not unregistered), logs, and the other batches still count', async () => {
    const warnings: object[] = [];
    const messaging = new RecordingMessaging((_token, call) =>
      call === 2 ? new Error('socket hang up') : { success: true },
    );
    const sender = new FcmPushSender(messaging, { warn: (context) => warnings.push(context) });
    const results = await sender.send(tokens(501), message);
    expect(results.slice(0, 500).every((result) => result.delivered)).toBe(true);
    expect(results[500]).toEqual({ token: 'tok-500', delivered: false, reason: 'socket hang up', unregistered: false });
    expect(warnings).toEqual([expect.objectContaining({ tokens: 1 })]);
  });

  it('a client that throws on every call answers every token as failed rather than rejecting', async () => {
    const sender = new FcmPushSender(new RecordingMessaging(() => new Error('invalid credentials')));
    const results = await sender.send(['a', 'b'], message);
    expect(results).toEqual([
      { token: 'a', delivered: false, reason: 'invalid credentials', unregistered: false },
      { token: 'b', delivered: false, reason: 'invalid credentials', unregistered: false },
    ]);
  });
});

describe('LogPushSender', () => {
  it('is not configured, logs what it would send and delivers nothing', async () => {
    const logged: object[] = [];
    const sender = new LogPushSender({ info: (context) => logged.push(context) });
    expect(sender.configured).toBe(false);
    expect(await sender.send(['a'], message)).toEqual([
      { token: 'a', delivered: false, reason: 'push not configured', unregistered: false },
    ]);
    expect(logged).toEqual([expect.objectContaining({ tokens: 1, title: 'Order paid' })]);
  });
});

describe('createFcmMessaging', () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: 'uty-test',
    client_email: 'push@uty-test.iam.gserviceaccount.com',
    private_key: privateKey,
  });

  it('builds a client from the JSON itself or from a file holding it, without network', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'uty-fcm-'));
    try {
      const path = join(directory, 'service-account.json');
      writeFileSync(path, serviceAccount);
      for (const credentials of [serviceAccount, `  ${serviceAccount}`, path]) {
        const client = createFcmMessaging(credentials);
        expect(typeof client.sendEachForMulticast).toBe('function');
        await client.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses what is neither a JSON object nor a readable file, without quoting it', () => {
    for (const credentials of ['{"private_key": "secret', '/nonexistent/secret.json', '[1]']) {
      expect(() => readServiceAccount(credentials)).toThrow(
        /^FCM_CREDENTIALS: expected a Firebase service-account JSON/,
      );
      try {
        readServiceAccount(credentials);
      } catch (error) {
        expect((error as Error).message).not.toContain('secret');
      }
    }
  });
});
