import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FcmPushSender,
  type FcmMessaging,
  type FcmMulticastMessage,
  type FcmSendResponse,
} from '../../src/adapters/fcm/fcm-push-sender.js';
import { DeviceRepository } from '../../src/application/identity/ports/device-repository.js';
import { PushSender } from '../../src/application/notifications/ports/push-sender.js';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import { registerUser, signInAdmin, submitKycDocument, TEST_ADMIN, type SignedIn } from '../support/http-helpers.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT = { timeout: 5000, interval: 20 };
/** How long a socket is watched for an emit that must not come. */
const QUIET_MS = 300;

/** A connected socket of `who` and every `notification` it receives. */
async function listen(t: RealtimeTestApp, who: SignedIn): Promise<Record<string, unknown>[]> {
  const socket = t.client(who.accessToken);
  const received: Record<string, unknown>[] = [];
  socket.on('notification', (payload: Record<string, unknown>) => received.push(payload));
  await connected(socket);
  return received;
}

const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

function publish(t: RealtimeTestApp, userId: string, title = 'Hello') {
  return t.container
    .get<EventBus>(EventBus)
    .publish('notification.send', { userId, type: 'test.message', title, body: 'body', data: { ref: 'r1' } });
}

describe('notification on Socket.IO, push not configured', () => {
  let t: RealtimeTestApp;
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t.close());

  it("a notification.send reaches its user's sockets as `notification` with the stored JSON, and nobody else's", async () => {
    const [ada, bob] = await Promise.all([registerUser(t.app), registerUser(t.app)]);
    const [adaPhone, adaLaptop, bobs] = [await listen(t, ada), await listen(t, ada), await listen(t, bob)];
    const event = await publish(t, ada.id);
    await vi.waitFor(() => expect(adaPhone).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(adaLaptop).toHaveLength(1), WAIT);
    const inbox = await request(t.app).get('/api/v1/notifications').set(ada.auth);
    expect(adaPhone[0]).toStrictEqual(inbox.body.items[0]);
    expect(adaPhone[0]).toStrictEqual({
      id: event.id,
      type: 'test.message',
      title: 'Hello',
      body: 'body',
      data: { ref: 'r1' },
      readAt: null,
      createdAt: event.occurredAt,
    });
    await quiet();
    expect(bobs).toEqual([]);
    expect(adaPhone).toHaveLength(1);
  });

  it('a user with a registered device still gets the emit: nothing can push', async () => {
    const ada = await registerUser(t.app);
    expect(
      (
        await request(t.app)
          .post('/api/v1/users/me/devices')
          .set(ada.auth)
          .send({ token: `tok-${ada.id}`, platform: 'android' })
      ).status,
    ).toBe(201);
    const received = await listen(t, ada);
    await publish(t, ada.id);
    await vi.waitFor(() => expect(received).toHaveLength(1), WAIT);
  });

  it('a KYC decision by the admin reaches the user live', async () => {
    const admin = await signInAdmin(t.app);
    const [seller, other] = await Promise.all([registerUser(t.app, { roles: ['seller'] }), registerUser(t.app)]);
    const [received, others] = [await listen(t, seller), await listen(t, other)];
    await submitKycDocument(t.app, seller);
    expect(
      (
        await request(t.app)
          .post(`/api/v1/admin/users/${seller.id}/kyc/reject`)
          .set(admin)
          .send({ reason: 'unreadable' })
      ).status,
    ).toBe(200);
    await vi.waitFor(
      () =>
        expect(received).toEqual([
          expect.objectContaining({ type: 'kyc.rejected', body: 'unreadable', data: { kycStatus: 'rejected' } }),
        ]),
      WAIT,
    );
    await quiet();
    expect(others).toEqual([]);
  });
});

/** A messaging client that records each multicast and answers per token. */
class RecordingMessaging implements FcmMessaging {
  readonly calls: FcmMulticastMessage[] = [];
  readonly answers = new Map<string, FcmSendResponse>();

  async sendEachForMulticast(message: FcmMulticastMessage): Promise<{ responses: FcmSendResponse[] }> {
    this.calls.push(message);
    return { responses: message.tokens.map((token) => this.answers.get(token) ?? { success: true }) };
  }
}

describe('notification with FCM (a recording messaging client)', () => {
  let t: RealtimeTestApp;
  const messaging = new RecordingMessaging();
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
    // Before the first notification.send: the consumer resolves its PushSender then.
    t.container.rebind<PushSender>(PushSender).toConstantValue(new FcmPushSender(messaging));
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t.close());

  const addDevice = async (who: SignedIn, token: string) =>
    expect(
      (await request(t.app).post('/api/v1/users/me/devices').set(who.auth).send({ token, platform: 'ios' })).status,
    ).toBe(201);

  it('pushes to the devices and does not emit; the inbox still has it', async () => {
    const ada = await registerUser(t.app);
    await addDevice(ada, `phone-${ada.id}`);
    const received = await listen(t, ada);
    const event = await publish(t, ada.id, 'Pushed');
    await vi.waitFor(
      () => expect(messaging.calls.some((call) => call.tokens.includes(`phone-${ada.id}`))).toBe(true),
      WAIT,
    );
    expect(messaging.calls.at(-1)).toEqual({
      tokens: [`phone-${ada.id}`],
      notification: { title: 'Pushed', body: 'body' },
      data: { ref: 'r1' },
    });
    await quiet();
    expect(received).toEqual([]);
    expect(
      (await request(t.app).get('/api/v1/notifications').set(ada.auth)).body.items.map((n: { id: string }) => n.id),
    ).toEqual([event.id]);
  });

  it('forgets a token FCM no longer knows and falls back to the emit', async () => {
    const ada = await registerUser(t.app);
    const token = `gone-${ada.id}`;
    await addDevice(ada, token);
    messaging.answers.set(token, {
      success: false,
      error: { code: 'messaging/registration-token-not-registered', message: 'gone' },
    });
    const received = await listen(t, ada);
    await publish(t, ada.id);
    await vi.waitFor(() => expect(received).toHaveLength(1), WAIT);
    expect(await t.container.get<DeviceRepository>(DeviceRepository).listByUser(ada.id)).toEqual([]);
  });
});
