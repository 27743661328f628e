import { createNotification, type Notification } from '../../../domain/notifications/notification.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { NotificationDevices } from '../ports/notification-devices.js';
import type { NotificationRepository } from '../ports/notification-repository.js';
import type { PushResult, PushSender } from '../ports/push-sender.js';
import type { UserNotifier } from '../ports/user-notifier.js';

/**
 * Consumer of `notification.send`: stores the notification under the event's id, pushes it to the
 * user's devices (forgetting tokens the push service no longer knows) and, when no device got it
 * (none registered, push not configured, every send failed), emits it live to the user instead.
 * An event handled twice is stored once and sent once: the second `add` answers false.
 */
export class DeliverNotification {
  static readonly consumer = 'notifications.deliver';

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly devices: NotificationDevices,
    private readonly push: PushSender,
    private readonly notifier: UserNotifier,
  ) {}

  async handle(event: EventEnvelope<'notification.send'>): Promise<void> {
    const notification = createNotification({ id: event.id, ...event.payload, createdAt: new Date(event.occurredAt) });
    if (!(await this.notifications.add(notification))) return;
    if (!(await this.pushToDevices(notification))) await this.notifier.notify(notification);
  }

  /** Whether at least one device got the push. */
  private async pushToDevices(notification: Notification): Promise<boolean> {
    const tokens = await this.devices.tokensOf(notification.userId);
    if (tokens.length === 0) return false;
    const { title, body, data } = notification;
    const results = await this.push.send(tokens, { title, body, data });
    await this.forgetStale(notification.userId, results);
    return this.push.configured && results.some((result) => result.delivered);
  }

  private async forgetStale(userId: string, results: PushResult[]): Promise<void> {
    const stale = results.flatMap((result) => (!result.delivered && result.unregistered ? [result.token] : []));
    if (stale.length > 0) await this.devices.removeStale(userId, stale);
  }
}
