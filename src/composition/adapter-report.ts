import type { Config } from '../config.js';

/** Which adapter serves each port, as chosen from the config; logged as the first line at start. */
export function adapterReport(config: Config): Record<string, string> {
  const mongo = config.mongo ? 'mongodb' : 'memory';
  const redis = config.redis ? 'redis' : 'memory';
  return {
    userRepository: mongo,
    deviceRepository: mongo,
    categoryRepository: mongo,
    listingRepository: mongo,
    auditLog: mongo,
    mediaRepository: mongo,
    objectStorage: config.s3 ? `s3 (bucket ${config.s3.bucket})` : `embedded (in memory, served at ${config.publicBaseUrl}/media-store)`,
    categoryTreeCache: redis,
    stockLedger: redis,
    cartRepository: mongo,
    orderRepository: mongo,
    notificationRepository: mongo,
    pushSender: config.fcm ? 'fcm' : 'log only (FCM_CREDENTIALS unset)',
    idempotencyStore: redis,
    paymentGateway: 'test provider',
    refreshTokenStore: redis,
    rateLimits: redis,
    uploadSlots: redis,
    handledEventLog: redis,
    eventBus: config.amqp ? 'rabbitmq' : 'in-process',
    accessTokens: `jwt ${config.jwt.algorithm}${config.jwt.ephemeral ? ' (random key, dies with the process)' : ''}`,
  };
}

export function isEmbedded(config: Config): boolean {
  return !config.mongo && !config.redis && !config.amqp && !config.s3 && !config.fcm;
}
