import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { IdentityApi } from '../application/identity/public.js';
import { NotificationUseCases } from '../application/notifications/use-cases.js';
import { DeliverNotification } from '../application/notifications/deliver-notification/deliver-notification.js';
import { ListNotifications } from '../application/notifications/list-notifications/list-notifications.js';
import { MarkNotificationRead } from '../application/notifications/mark-notification-read/mark-notification-read.js';
import { NotificationDevices } from '../application/notifications/ports/notification-devices.js';
import { NotificationRepository } from '../application/notifications/ports/notification-repository.js';
import { PushSender } from '../application/notifications/ports/push-sender.js';
import { UserNotifier } from '../application/notifications/ports/user-notifier.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { Clock } from '../application/shared/ports/clock.js';
import { FcmPushSender } from '../adapters/fcm/fcm-push-sender.js';
import { IdentityNotificationDevices } from '../adapters/in-process/identity-notifications-devices.js';
import { LogPushSender } from '../adapters/memory/notifications/log-push-sender.js';
import { MemoryNotificationRepository } from '../adapters/memory/notifications/memory-notification-repository.js';
import { MongoNotificationRepository } from '../adapters/mongo/notifications/mongo-notification-repository.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RealtimeUserNotifier } from '../adapters/realtime/notifications/realtime-user-notifier.js';
import { RealtimeGateway } from '../adapters/realtime/realtime-gateway.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';

/** Notifications' wiring table: the inbox in MongoDB; push through FCM when FCM_CREDENTIALS is set, a log otherwise. */
export function notificationPorts(config: Config): PortTable {
  return [
    port<NotificationRepository>({
      name: 'notificationRepository',
      token: NotificationRepository,
      adapters: {
        memory: () => new MemoryNotificationRepository(),
        mongodb: (container) => indexed(new MongoNotificationRepository(mongoOf(container))),
      },
    }),
    port<PushSender>({
      name: 'pushSender',
      token: PushSender,
      labels: { memory: 'log only (FCM_CREDENTIALS unset)' },
      adapters: {
        memory: (container) => new LogPushSender(pushLog(container)),
        fcm: (container) => fcmPushSender(container, config),
      },
    }),
  ];
}

const pushLog = (container: Container): Logger => container.get<Logger>(LoggerToken).child({ component: 'push' });

/** firebase-admin is loaded only when FCM is configured. */
async function fcmPushSender(container: Container, config: Config): Promise<PushSender> {
  const { createFcmMessaging } = await import('../adapters/fcm/fcm-messaging.js');
  const client = createFcmMessaging(config.fcm!.credentials);
  container.get<Runtime>(RuntimeToken).onShutdown('fcm', () => client.close());
  return new FcmPushSender(client, pushLog(container));
}

/**
 * Notifications: the inbox, FCM push with a realtime fallback, and the consumer of notification.send. Bind after
 * identity.
 */
export async function bindNotifications(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, notificationPorts(config));
  container
    .bind<NotificationDevices>(NotificationDevices)
    .toResolvedValue((identity: IdentityApi) => new IdentityNotificationDevices(identity), [IdentityApi]);
  // The gateway is bound later (composition/realtime.ts): resolved when the consumer first runs.
  container
    .bind<UserNotifier>(UserNotifier)
    .toResolvedValue((gateway: RealtimeGateway) => new RealtimeUserNotifier(gateway), [RealtimeGateway]);
  const bind = bindUseCase(container);
  bind(DeliverNotification, [NotificationRepository, NotificationDevices, PushSender, UserNotifier]);
  bind(ListNotifications, [NotificationRepository]);
  bind(MarkNotificationRead, [NotificationRepository, Clock]);
  bindUseCaseSet(container, NotificationUseCases, {
    listNotifications: ListNotifications,
    markNotificationRead: MarkNotificationRead,
  });
}

/** The consumer of notification.send; registered before the bus starts. */
export function subscribeNotifications(container: Container): void {
  container.get<EventBus>(EventBus).subscribe({
    consumer: DeliverNotification.consumer,
    topics: ['notification.send'],
    handler: (event) => container.get(DeliverNotification).handle(event),
  });
}
