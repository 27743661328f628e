import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { HandledEventLog } from '../application/shared/events/handled-event-log.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { InProcessEventBus } from '../adapters/memory/shared/in-process-event-bus.js';
import { MemoryHandledEventLog } from '../adapters/memory/shared/memory-handled-event-log.js';
import type { Logger } from '../adapters/platform/logger.js';
import type { Runtime } from '../adapters/platform/runtime.js';
import { RascalEventBus } from '../adapters/rabbitmq/rascal-event-bus.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { RedisHandledEventLog } from '../adapters/redis/shared/redis-handled-event-log.js';
import { RandomIdGenerator } from '../adapters/system/random-id-generator.js';
import { SystemClock } from '../adapters/system/system-clock.js';

export interface SharedOverrides {
  clock?: Clock;
  ids?: IdGenerator;
}

/** Clock, ids, the log of handled events and the EventBus. */
export function bindShared(container: Container, config: Config, runtime: Runtime, logger: Logger, overrides: SharedOverrides): void {
  const clock = overrides.clock ?? new SystemClock();
  const ids = overrides.ids ?? new RandomIdGenerator();
  container.bind<Clock>(Clock).toConstantValue(clock);
  container.bind<IdGenerator>(IdGenerator).toConstantValue(ids);

  const handledLog = container.isBound(RedisToken)
    ? new RedisHandledEventLog(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix))
    : new MemoryHandledEventLog({ clock });
  container.bind<HandledEventLog>(HandledEventLog).toConstantValue(handledLog);

  const busLogger = logger.child({ component: 'event-bus' });
  const bus = config.amqp
    ? new RascalEventBus({ url: config.amqp.url, exchange: config.amqp.exchange, queuePrefix: config.amqp.queuePrefix }, ids, clock, handledLog, busLogger)
    : new InProcessEventBus(ids, clock, handledLog, {
        onDeadLetter: ({ consumer, envelope, error }) => busLogger.error({ err: error, consumer, eventId: envelope.id, topic: envelope.topic }, 'event dead-lettered'),
      });
  if (bus instanceof RascalEventBus) {
    runtime.healthChecks.push({ name: 'rabbitmq', kind: 'broker', ping: () => bus.ping() });
  }
  runtime.onShutdown('event-bus', () => bus.close());
  container.bind<EventBus>(EventBus).toConstantValue(bus);
}
