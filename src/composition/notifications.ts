import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { Config } from '../config.js';
import { DeviceRepository } from '../application/identity/ports/device-repository.js';
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
import { IdentityNotificationDevices } from '../adapters/in-process/identity-notification-devices.js';
import { LogPushSender } from '../adapters/memory/notifications/log-push-sender.js';
import { MemoryNotificationRepository } from '../adapters/memory/notifications/memory-notification-repository.js';
import { MongoNotificationRepository } from '../adapters/mongo/notifications/mongo-notification-repository.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RealtimeUserNotifier } from '../adapters/realtime/notifications/realtime-user-notifier.js';
import { RealtimeGateway } from '../adapters/realtime/realtime-gateway.js';
import { bindUseCase } from './bind-use-case.js';

async function bindRepository(container: Container): Promise<void> {
  if (!container.isBound(MongoDbToken)) {
    container.bind<NotificationRepository>(NotificationRepository).toConstantValue(new MemoryNotificationRepository());
    return;
  }
  const notifications = new MongoNotificationRepository(container.get<Db>(MongoDbToken));
  await notifications.ensureIndexes();
  container.bind<NotificationRepository>(NotificationRepository).toConstantValue(notifications);
}

/** FCM when FCM_CREDENTIALS is set (firebase-admin is loaded only then), a log otherwise. */
async function bindPush(container: Container, config: Config): Promise<void> {
  const log = container.get<Logger>(LoggerToken).child({ component: 'push' });
  if (!config.fcm) {
    container.bind<PushSender>(PushSender).toConstantValue(new LogPushSender(log));
    return;
  }
  const { createFcmMessaging } = await import('../adapters/fcm/fcm-messaging.js');
  const client = createFcmMessaging(config.fcm.credentials);
  container.get<Runtime>(RuntimeToken).onShutdown('fcm', () => client.close());
  container.bind<PushSender>(PushSender).toConstantValue(new FcmPushSender(client, log));
}

/** Notifications: the inbox, FCM push with a realtime fallback, and the consumer of notification.send. Bind after identity. */
export async function bindNotifications(container: Container, config: Config): Promise<void> {
  await bindRepository(container);
  await bindPush(container, config);
  container.bind<NotificationDevices>(NotificationDevices).toResolvedValue((devices: DeviceRepository) => new IdentityNotificationDevices(devices), [DeviceRepository]);
  // The gateway is bound later (composition/realtime.ts): resolved when the consumer first runs.
  container.bind<UserNotifier>(UserNotifier).toResolvedValue((gateway: RealtimeGateway) => new RealtimeUserNotifier(gateway), [RealtimeGateway]);
  const bind = bindUseCase(container);
  bind(DeliverNotification, [NotificationRepository, NotificationDevices, PushSender, UserNotifier]);
  bind(ListNotifications, [NotificationRepository]);
  bind(MarkNotificationRead, [NotificationRepository, Clock]);
}

/** The consumer of notification.send; registered before the bus starts. */
export function subscribeNotifications(container: Container): void {
  container.get<EventBus>(EventBus).subscribe({
    consumer: DeliverNotification.consumer,
    topics: ['notification.send'],
    handler: (event) => container.get(DeliverNotification).handle(event),
  });
}
