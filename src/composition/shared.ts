import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { HandledEventLog } from '../application/shared/events/handled-event-log.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { InProcessEventBus } from '../adapters/memory/shared/in-process-event-bus.js';
import { MemoryHandledEventLog } from '../adapters/memory/shared/memory-handled-event-log.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RascalEventBus } from '../adapters/rabbitmq/rascal-event-bus.js';
import { RedisHandledEventLog } from '../adapters/redis/shared/redis-handled-event-log.js';
import { RandomIdGenerator } from '../adapters/system/random-id-generator.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import { redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';

export interface SharedOverrides {
  clock?: Clock;
  ids?: IdGenerator;
}

/** Clock, ids, the log of handled events and the EventBus. */
export async function bindShared(container: Container, config: Config, overrides: SharedOverrides): Promise<void> {
  container.bind<Clock>(Clock).toConstantValue(overrides.clock ?? new SystemClock());
  container.bind<IdGenerator>(IdGenerator).toConstantValue(overrides.ids ?? new RandomIdGenerator());
  await bindPorts(container, config, sharedPorts(config));
}

/** The shared ports' wiring table: the log of handled events and the EventBus (RabbitMQ or in-process). */
export function sharedPorts(config: Config): PortTable {
  return [
    port<HandledEventLog>({
      name: 'handledEventLog',
      token: HandledEventLog,
      adapters: {
        memory: (container) => new MemoryHandledEventLog({ clock: container.get<Clock>(Clock) }),
        redis: (container) => new RedisHandledEventLog(...redisOf(container)),
      },
    }),
    port<EventBus>({
      name: 'eventBus',
      token: EventBus,
      labels: { memory: 'in-process' },
      adapters: {
        memory: (container) => closedAtShutdown(container, inProcessBus(container)),
        rabbitmq: (container) => closedAtShutdown(container, rascalBus(container, config)),
      },
    }),
  ];
}

function busParts(container: Container) {
  const logger = container.get<Logger>(LoggerToken).child({ component: 'event-bus' });
  const handled = container.get<HandledEventLog>(HandledEventLog);
  return { ids: container.get<IdGenerator>(IdGenerator), clock: container.get<Clock>(Clock), handled, logger };
}

function inProcessBus(container: Container): EventBus {
  const { ids, clock, handled, logger } = busParts(container);
  return new InProcessEventBus(ids, clock, handled, {
    onDeadLetter: ({ consumer, envelope, error }) =>
      logger.error({ err: error, consumer, eventId: envelope.id, topic: envelope.topic }, 'event dead-lettered'),
  });
}

/** Also bound under its class: /readyz pings it (composition/backend-health.ts). */
function rascalBus(container: Container, config: Config): EventBus {
  const { ids, clock, handled, logger } = busParts(container);
  const { url, exchange, queuePrefix } = config.amqp!;
  const bus = new RascalEventBus({ url, exchange, queuePrefix }, ids, clock, handled, logger);
  container.bind(RascalEventBus).toConstantValue(bus);
  return bus;
}

function closedAtShutdown(container: Container, bus: EventBus): EventBus {
  container.get<Runtime>(RuntimeToken).onShutdown('event-bus', () => bus.close());
  return bus;
}
