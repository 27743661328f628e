import type { Container } from 'inversify';
import type { Config } from '../config.js';

/** Notifications: the inbox, FCM push with a realtime fallback, and the consumer of notification.send. */
export async function bindNotifications(_container: Container, _config: Config): Promise<void> {}

/** The consumer of notification.send; registered before the bus starts. */
export function subscribeNotifications(_container: Container): void {}
