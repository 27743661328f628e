import type { BrokerAsPromised as Broker, BrokerConfig } from 'rascal';
import { reconnectDelay, type ReconnectDelays } from './rascal-config.js';

/** What the bus logs through (pino fits). */
export interface EventBusLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/**
 * The rascal broker of one event bus and whether its connection is up.
 *
 * rascal creates a broker only if RabbitMQ answers at that moment (and fixes the topology then);
 * once created, it reconnects by itself (with the back-off of the config). So the creation is
 * retried here, in the background, with the same back-off: the app starts while RabbitMQ is
 * down and `onConnected` runs once it is reachable (and again after every reconnection).
 * Every event the broker emits that could be an unhandled 'error' is handled (logged).
 */
export class RascalConnection {
  private broker: Broker | undefined;
  private attempt: Promise<Broker | undefined> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  private connected = false;
  private closed = false;

  constructor(
    private readonly config: () => BrokerConfig,
    private readonly delays: ReconnectDelays,
    private readonly logger: EventBusLogger,
    private readonly onConnected: (broker: Broker) => void,
  ) {}

  get isUp(): boolean {
    return this.connected;
  }

  /** Whether the broker's topology is fixed: an attempt to create it was made. */
  get opened(): boolean {
    return this.broker !== undefined || this.attempt !== undefined || this.failedAttempts > 0;
  }

  /**
   * The broker: makes one attempt to create it unless it exists or an attempt is under way.
   * Undefined when that attempt failed: it is then retried in the background.
   */
  open(): Promise<Broker | undefined> {
    if (this.closed) return Promise.reject(new Error('the event bus is closed'));
    if (this.broker) return Promise.resolve(this.broker);
    this.attempt ??= this.create().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  /**
   * The broker while its connection is up; rejects at once when it is down. Only the very
   * first connection (before any attempt failed) is waited for.
   */
  async whenUp(): Promise<Broker> {
    if (!this.broker && this.failedAttempts === 0) await this.open();
    if (!this.broker || !this.connected) throw new Error('RabbitMQ is not connected');
    return this.broker;
  }

  /** Stops retrying; the broker, if one was created, for the caller to shut down. */
  async close(): Promise<Broker | undefined> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.attempt;
    return this.broker;
  }

  /** After the broker is shut down. */
  markDown(): void {
    this.connected = false;
  }

  private async create(): Promise<Broker | undefined> {
    try {
      // Loaded on first use: a process without AMQP_URL never loads rascal (nor amqplib).
      const { BrokerAsPromised, withDefaultConfig } = (await import('rascal')).default;
      const broker = await BrokerAsPromised.create(withDefaultConfig(this.config()));
      this.watch(broker);
      this.broker = broker;
      this.connected = true;
      if (this.failedAttempts > 0) {
        this.logger.info({ attempts: this.failedAttempts + 1 }, 'RabbitMQ is reachable: event bus connected');
      }
      this.failedAttempts = 0;
      if (!this.closed) this.onConnected(broker);
      return broker;
    } catch (error) {
      await discardFailedBroker(error);
      this.failedAttempts += 1;
      this.retryLater(error);
      return undefined;
    }
  }

  private retryLater(error: unknown): void {
    if (this.closed) return;
    const delayMs = reconnectDelay(this.delays, this.failedAttempts - 1);
    const log = this.failedAttempts === 1 ? this.logger.error : this.logger.warn;
    log.call(this.logger, { err: error, retryInMs: delayMs }, 'RabbitMQ unreachable, retrying to connect');
    this.retryTimer = setTimeout(() => void this.open().catch(() => undefined), delayMs);
    this.retryTimer.unref();
  }

  private watch(broker: Broker): void {
    broker.on('error', (error: unknown) => this.logger.error({ err: error }, 'RabbitMQ error'));
    broker.on('disconnect', () => {
      if (this.connected) this.logger.warn({}, 'RabbitMQ connection lost, reconnecting');
      this.connected = false;
    });
    broker.on('connect', () => {
      this.connected = true;
      this.logger.info({}, 'RabbitMQ connection re-established');
      if (!this.closed) this.onConnected(broker);
    });
  }
}

/**
 * A failed BrokerAsPromised.create() leaves the broker it made (with a timer that keeps the
 * process alive) on the error, under the symbol in `error.broker`: shut it down.
 */
async function discardFailedBroker(error: unknown): Promise<void> {
  if (typeof error !== 'object' || error === null) return;
  const key = (error as { broker?: unknown }).broker;
  if (typeof key !== 'symbol') return;
  const broker = (error as Record<symbol, Broker | undefined>)[key];
  await broker?.shutdown().catch(() => undefined);
}
