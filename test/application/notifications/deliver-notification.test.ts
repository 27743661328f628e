import { describe, expect, it } from 'vitest';
import { notificationFixture } from './notification-fixture.js';

describe('DeliverNotification (consumer of notification.send)', () => {
  it('stores the notification under the event id, unread, created when the event occurred', async () => {
    const f = notificationFixture();
    const event = f.envelope();
    await f.deliver.handle(event);
    expect(await f.repository.findById(event.id)).toStrictEqual({
      id: event.id,
      userId: 'u1',
      type: 'order.paid',
      title: 'Order paid',
      body: 'Ship it.',
      data: { orderId: 'o1' },
      readAt: null,
      createdAt: new Date(event.occurredAt),
    });
  });

  it('pushes to every device of the user and does not emit when one got it', async () => {
    const f = notificationFixture();
    await f.addDevice('u1', 'tok-a');
    await f.addDevice('u1', 'tok-b');
    await f.addDevice('u2', 'tok-other');
    f.push.answers.set('tok-b', 'failed');
    await f.deliver.handle(f.envelope());
    expect(f.push.sends).toEqual([
      { tokens: ['tok-a', 'tok-b'], message: { title: 'Order paid', body: 'Ship it.', data: { orderId: 'o1' } } },
    ]);
    expect(f.notifier.notified).toEqual([]);
    expect((await f.devices.listByUser('u1')).map((d) => d.token)).toEqual(['tok-a', 'tok-b']);
  });

  it('handling the same event twice stores once and pushes once', async () => {
    const f = notificationFixture();
    await f.addDevice('u1', 'tok-a');
    const event = f.envelope();
    await f.deliver.handle(event);
    await f.deliver.handle(event);
    await Promise.all([f.deliver.handle(event), f.deliver.handle(event)]);
    expect(f.push.sends).toHaveLength(1);
    expect((await f.list.execute('u1', {}, { limit: 10 })).items).toHaveLength(1);
  });

  it('the same event twice without devices emits once', async () => {
    const f = notificationFixture();
    const event = f.envelope();
    await f.deliver.handle(event);
    await f.deliver.handle(event);
    expect(f.notifier.notified.map((n) => n.id)).toEqual([event.id]);
  });

  it('emits to the user when they have no device, without calling the push service', async () => {
    const f = notificationFixture();
    const event = f.envelope();
    await f.deliver.handle(event);
    expect(f.push.sends).toEqual([]);
    expect(f.notifier.notified).toEqual([
      expect.objectContaining({ id: event.id, userId: 'u1', title: 'Order paid', readAt: null }),
    ]);
  });

  it('emits when push is not configured, even with devices', async () => {
    const f = notificationFixture({ pushConfigured: false });
    await f.addDevice('u1', 'tok-a');
    await f.deliver.handle(f.envelope());
    expect(f.notifier.notified).toHaveLength(1);
    expect((await f.devices.listByUser('u1')).map((d) => d.token)).toEqual(['tok-a']);
  });

  it('emits when no token was delivered', async () => {
    const f = notificationFixture();
    await f.addDevice('u1', 'tok-a');
    await f.addDevice('u1', 'tok-b');
    f.push.answers.set('tok-a', 'failed');
    f.push.answers.set('tok-b', 'failed');
    await f.deliver.handle(f.envelope());
    expect(f.push.sends).toHaveLength(1);
    expect(f.notifier.notified).toHaveLength(1);
  });

  it("forgets the tokens answered as not registered, and only the user's", async () => {
    const f = notificationFixture();
    await f.addDevice('u1', 'tok-stale');
    await f.addDevice('u1', 'tok-live');
    f.push.answers.set('tok-stale', 'unregistered');
    await f.deliver.handle(f.envelope());
    expect((await f.devices.listByUser('u1')).map((d) => d.token)).toEqual(['tok-live']);
    expect(f.notifier.notified).toEqual([]);
  });

  it('falls back to the emit when every token was stale, and the next one goes live without push', async () => {
    const f = notificationFixture();
    await f.addDevice('u1', 'tok-stale');
    f.push.answers.set('tok-stale', 'unregistered');
    await f.deliver.handle(f.envelope());
    await f.deliver.handle(f.envelope());
    expect(await f.devices.listByUser('u1')).toEqual([]);
    expect(f.push.sends).toHaveLength(1);
    expect(f.notifier.notified).toHaveLength(2);
  });
});
