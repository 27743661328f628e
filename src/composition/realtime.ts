import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { AccessTokenService } from '../application/identity/ports/access-token-service.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { Clock } from '../application/shared/ports/clock.js';
import type { Logger } from '../adapters/platform/logger.js';
import type { Runtime } from '../adapters/platform/runtime.js';
import { RealtimeGateway } from '../adapters/realtime/realtime-gateway.js';
import { redisSocketAdapter } from '../adapters/realtime/redis-socket-adapter.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';

/**
 * The realtime gateway: created here and subscribed to the bus before it starts; main.ts (or a
 * test) attaches it to the HTTP server. Call after the identity module is bound.
 *
 * Several instances: the gateway's consumer name is the same on every instance, so on RabbitMQ
 * one instance takes each event (one queue, deduplicated like any consumer) and emits it through
 * the Socket.IO Redis Streams adapter, which carries it to the sockets of every instance. A consumer name
 * per instance would need a queue per instance, and the durable queues the bus declares would
 * outlive their instances and fill up. Without Redis the emits reach this instance's sockets
 * only: right for one instance (and the in-process bus is one instance by nature).
 */
export async function bindRealtime(
  container: Container,
  config: Config,
  runtime: Runtime,
  logger: Logger,
): Promise<void> {
  const log = logger.child({ component: 'realtime' });
  const shared = container.isBound(RedisToken)
    ? await redisSocketAdapter(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix))
    : undefined;
  if (!shared && config.amqp)
    log.warn(
      'AMQP_URL is set but REDIS_URL is not: realtime emits reach only the sockets of the instance that consumed the ' +
        'event; set REDIS_URL to run several instances',
    );
  const clock = container.get<Clock>(Clock);
  const gateway = new RealtimeGateway(container.get<AccessTokenService>(AccessTokenService), {
    adapter: shared?.adapter,
    logger: log,
    now: () => clock.now(),
    recoveryWindowMs: config.realtime.recoveryWindowMs,
    allowedOrigins: config.cors.allowedOrigins,
  });
  runtime.onShutdown('realtime-gateway', async () => {
    await gateway.close();
    await shared?.close();
  });
  container.bind(RealtimeGateway).toConstantValue(gateway);
  const subscription = gateway.subscription();
  if (subscription) container.get<EventBus>(EventBus).subscribe(subscription);
}

export function realtimeGatewayOf(container: Container): RealtimeGateway {
  return container.get(RealtimeGateway);
}
