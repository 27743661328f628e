import { DeliverNotification } from '../../../src/application/notifications/deliver-notification/deliver-notification.js';
import { ListNotifications } from '../../../src/application/notifications/list-notifications/list-notifications.js';
import { MarkNotificationRead } from '../../../src/application/notifications/mark-notification-read/mark-notification-read.js';
import type { PushMessage, PushResult, PushSender } from '../../../src/application/notifications/ports/push-sender.js';
import type { UserNotifier } from '../../../src/application/notifications/ports/user-notifier.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { EventPayloadInput } from '../../../src/application/shared/events/catalogue.js';
import { createEnvelope } from '../../../src/application/shared/events/envelope.js';
import { IdentityPublicApi } from '../../../src/application/identity/identity-public-api.js';
import { IdentityNotificationDevices } from '../../../src/adapters/in-process/identity-notifications-devices.js';
import { MemoryUserRepository } from '../../../src/adapters/memory/identity/memory-user-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MemoryDeviceRepository } from '../../../src/adapters/memory/identity/memory-device-repository.js';
import { MemoryNotificationRepository } from '../../../src/adapters/memory/notifications/memory-notification-repository.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import type { Notification } from '../../../src/domain/notifications/notification.js';

/** How the recording sender answers a token: delivered unless listed. */
export type TokenAnswer = 'delivered' | 'failed' | 'unregistered';

/** A PushSender that records every send and answers per token as told. */
export class RecordingPushSender implements PushSender {
  readonly sends: { tokens: string[]; message: PushMessage }[] = [];
  readonly answers = new Map<string, TokenAnswer>();

  constructor(readonly configured = true) {}

  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult[]> {
    this.sends.push({ tokens: [...tokens], message });
    return tokens.map((token) => this.answer(token));
  }

  private answer(token: string): PushResult {
    const answer = this.configured ? (this.answers.get(token) ?? 'delivered') : 'failed';
    if (answer === 'delivered') return { token, delivered: true };
    return { token, delivered: false, reason: answer, unregistered: answer === 'unregistered' };
  }
}

export class RecordingNotifier implements UserNotifier {
  readonly notified: Notification[] = [];

  async notify(notification: Notification): Promise<void> {
    this.notified.push(notification);
  }
}

/** The notifications use cases on memory adapters, with a recording push sender and notifier. */
export function notificationFixture(options: { pushConfigured?: boolean } = {}) {
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const ids = new SequentialIdGenerator('evt');
  const repository = new MemoryNotificationRepository();
  const devices = new MemoryDeviceRepository();
  const push = new RecordingPushSender(options.pushConfigured ?? true);
  const notifier = new RecordingNotifier();
  const deliver = new DeliverNotification(
    repository,
    new IdentityNotificationDevices(new IdentityPublicApi(new MemoryUserRepository(new MemoryOutbox()), devices)),
    push,
    notifier,
  );
  const envelope = (
    payload: Partial<EventPayloadInput<'notification.send'>> = {},
  ): EventEnvelope<'notification.send'> =>
    createEnvelope(
      'notification.send',
      { userId: 'u1', type: 'order.paid', title: 'Order paid', body: 'Ship it.', data: { orderId: 'o1' }, ...payload },
      ids,
      clock,
    );
  const addDevice = (userId: string, token: string) =>
    devices.upsert({ token, userId, platform: 'android', registeredAt: clock.now() });
  return {
    clock,
    repository,
    devices,
    push,
    notifier,
    deliver,
    list: new ListNotifications(repository),
    markRead: new MarkNotificationRead(repository, clock),
    envelope,
    addDevice,
  };
}
