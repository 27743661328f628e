import type { Server as HttpServer } from 'node:http';
import { Server, type DefaultEventsMap, type Namespace, type ServerOptions } from 'socket.io';
import type { AccessTokenService, Principal } from '../../application/identity/ports/access-token-service.js';
import type { Topic } from '../../application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../application/shared/events/envelope.js';
import type { Subscription } from '../../application/shared/events/event-bus.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { invalidPayload } from './invalid-payload.js';
import { refusal, SocketIdentities, type GatewaySocket, type SocketData } from './socket-identities.js';
import { MissedPackets, replay, withoutLostRooms, type MissedPacket } from './missed-packets.js';
import { emitsFor, routedTopics, realtimeRoutes, type RealtimeRoute } from './realtime-routes.js';
import { lossesFor, roomRevocations, type RoomRevocation } from './room-revocations.js';
import { failure, RoomSubscriptions, type RoomAck } from './room-subscriptions.js';
import { clientEvents as declaredClientEvents, type ModuleClientEvent } from './realtime-events.js';
import { defaultRoomAuthorizers, rooms, type RoomAuthorizer, type RoomKind } from './rooms.js';
import { originPolicy } from './origin-policy.js';
import type { AllowedOrigins } from '../platform/allowed-origins.js';

export const REALTIME_NAMESPACE = '/ws';

/** What the gateway logs through (pino fits). */
export interface RealtimeLogger {
  debug(context: object, message: string): void;
  error(context: object, message: string): void;
}

const silentLogger: RealtimeLogger = { debug: () => undefined, error: () => undefined };

export interface RealtimeGatewayOptions {
  /** Durable consumer name on the EventBus; every instance shares it (see composition/realtime.ts). */
  consumer?: string;
  /** Which bus events become which emits (default: realtimeRoutes). */
  routes?: readonly RealtimeRoute[];
  /** Which bus events take which users out of which rooms (default: roomRevocations). */
  revocations?: readonly RoomRevocation[];
  /** Socket.IO adapter, e.g. the Redis adapter so that emits reach the sockets of every instance. */
  adapter?: ServerOptions['adapter'];
  /** Rooms one socket may have asked for at once (default 200). */
  maxRoomsPerSocket?: number;
  /**
   * How long a dropped client may come back and get what it missed, in the same rooms (Socket.IO
   * connection state recovery; default 2 minutes; 0 turns it off). Its token is checked again,
   * and its rooms too: it gets back only those it may still join, and no missed event of the others.
   */
  recoveryWindowMs?: number;
  /**
   * How often sockets whose access token has expired are told (`auth.expired`) and disconnected
   * (default 1 s). A client keeps its connection by sending `auth.refresh` `{ token }` in time.
   */
  expiryCheckMs?: number;
  /** The app's clock, against which tokens expire (default: the system time). */
  now?: () => Date;
  /** Browser origins whose pages may connect (CORS_ORIGINS; default: any). */
  allowedOrigins?: AllowedOrigins;
  logger?: RealtimeLogger;
}

export type { RoomAck } from './room-subscriptions.js';

/**
 * A client -> server event a module handles (the delivery module: a courier's `delivery.location`).
 * It resolves when handled (ack `{ ok: true }`); a DomainError becomes `{ ok: false, code }`.
 * The handler validates the payload itself (unknown here).
 */
export type ClientEventHandler = (principal: Principal, payload: unknown) => Promise<void>;

/**
 * Socket.IO on namespace `/ws`: authenticates the handshake with the access token (`auth.token`),
 * puts each socket in `user:<id>`, lets it `subscribe` / `unsubscribe` to rooms, and as an
 * EventBus consumer turns bus events into emits (realtime-routes.ts).
 *
 * Created by the composition root (so that it subscribes before the bus starts) and attached to
 * the HTTP server later; events handled before attach() reach no local socket (but do reach
 * other instances through a shared adapter).
 */
export class RealtimeGateway {
  readonly consumer: string;
  private readonly io: Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
  private readonly nsp: Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
  private readonly routes: readonly RealtimeRoute[];
  private readonly revocations: readonly RoomRevocation[];
  private readonly missed = new MissedPackets();
  /** A recovered socket's missed events, sent on connection. */
  private readonly replays = new WeakMap<GatewaySocket, MissedPacket[]>();
  private readonly authorizers = defaultRoomAuthorizers();
  private readonly clientEvents = new Map<string, ClientEventHandler>();
  private readonly subscriptions: RoomSubscriptions;
  private readonly now: () => Date;
  private readonly expiryTimer: NodeJS.Timeout;
  private readonly logger: RealtimeLogger;
  private readonly identities: SocketIdentities;
  private attached = false;
  private closing: Promise<void> | undefined;

  constructor(tokens: AccessTokenService, options: RealtimeGatewayOptions = {}) {
    this.consumer = options.consumer ?? 'realtime.gateway';
    this.routes = options.routes ?? realtimeRoutes;
    this.revocations = options.revocations ?? roomRevocations;
    this.subscriptions = new RoomSubscriptions(this.authorizers, options.maxRoomsPerSocket ?? 200);
    this.logger = options.logger ?? silentLogger;
    this.identities = new SocketIdentities(tokens, this.logger);
    this.now = options.now ?? (() => new Date());
    const recoveryWindowMs = options.recoveryWindowMs ?? 120_000;
    // Client messages are tiny; the browser bundle is not ours to serve. A recovering client goes
    // through the handshake middleware again: its token must still be valid, and the same user's.
    this.io = new Server({
      serveClient: false,
      maxHttpBufferSize: 16 * 1024,
      ...originPolicy(options.allowedOrigins ?? '*'),
      ...(recoveryWindowMs > 0
        ? { connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: false } }
        : {}),
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    // Only /ws is served: the main namespace refuses everyone.
    this.io.use((_socket, next) =>
      next(refusal('NAMESPACE_UNKNOWN', `connect to the ${REALTIME_NAMESPACE} namespace`)),
    );
    this.nsp = this.io.of(REALTIME_NAMESPACE);
    if (recoveryWindowMs > 0) this.missed.holdFrom(this.nsp.adapter);
    this.nsp.use((socket, next) => void this.admit(socket).then(next));
    this.nsp.on('connection', (socket: GatewaySocket) => this.onConnection(socket));
    this.expiryTimer = setInterval(() => this.disconnectExpired(), options.expiryCheckMs ?? 1_000);
    this.expiryTimer.unref();
  }

  /** Serves Socket.IO on the server (path `/socket.io/`); call once, after the app's request handler is set. */
  attach(server: HttpServer): void {
    if (this.closing) throw new Error('RealtimeGateway: closed');
    if (this.attached) throw new Error('RealtimeGateway: already attached');
    this.io.attach(server);
    this.attached = true;
  }

  /** Lets a module decide who may join its rooms (the delivery module: buyer, seller, courier, admin). */
  authorizeRooms(kind: RoomKind, authorizer: RoomAuthorizer): void {
    this.authorizers[kind] = authorizer;
  }

  /** Lets a module handle a client event on every socket that connects from now on (register before attach()). */
  handleClientEvent(event: ModuleClientEvent, handler: ClientEventHandler): void {
    if (this.clientEvents.has(event)) throw new Error(`RealtimeGateway: ${event} is already handled`);
    this.clientEvents.set(event, handler);
  }

  /** The EventBus consumer: subscribe it before the bus starts. Undefined when no route is listed. */
  subscription(): Subscription<Topic> | undefined {
    const topics = [...new Set([...routedTopics(this.routes), ...this.revocations.map((row) => row.topic)])];
    if (topics.length === 0) return undefined;
    return { consumer: this.consumer, topics, handler: (envelope) => this.relay(envelope) };
  }

  /** Takes users out of the rooms they lost through one bus event, then emits its routed emits. */
  async relay(envelope: EventEnvelope): Promise<void> {
    if (this.closing) return;
    for (const { userId, room } of lossesFor(this.revocations, envelope))
      this.nsp.in(rooms.user(userId)).socketsLeave(room);
    for (const { room, event, payload, volatile } of emitsFor(this.routes, envelope)) {
      if (volatile) this.emitVolatile(room, event, payload);
      else this.emitToRoom(room, event, payload);
    }
  }

  /** Emits to every socket of a user, on every instance (with a shared adapter). */
  emitToUser(userId: string, event: string, payload: unknown): void {
    this.emitToRoom(rooms.user(userId), event, payload);
  }

  emitToRoom(room: string, event: string, payload: unknown): void {
    if (this.closing) return;
    this.nsp.to(room).emit(event, payload);
  }

  /** May be dropped for a client that is not ready to receive (a point of a live track: the next one supersedes it). */
  emitVolatile(room: string, event: string, payload: unknown): void {
    if (this.closing) return;
    this.nsp.to(room).volatile.emit(event, payload);
  }

  /**
   * Tells each local socket whose access token has expired (`auth.expired`) and disconnects it; runs every
   * `expiryCheckMs`.
   */
  disconnectExpired(): number {
    const now = this.now().getTime();
    let expired = 0;
    for (const socket of this.nsp.sockets.values()) {
      const { expiresAt } = socket.data.principal;
      if (expiresAt === undefined || expiresAt.getTime() > now) continue;
      socket.emit('auth.expired', {
        code: 'AUTH_TOKEN_EXPIRED',
        message: 'the access token has expired: connect again with a fresh one',
      });
      socket.disconnect(true);
      expired += 1;
    }
    return expired;
  }

  /** The rooms of this instance's sockets and their sizes (for tests and diagnostics). */
  localRooms(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.nsp.adapter.rooms;
  }

  /**
   * Disconnects this instance's sockets and stops serving Socket.IO; the HTTP server itself is
   * left to its owner (unlike io.close()). Idempotent; never rejects.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.expiryTimer);
    for (const socket of this.nsp.sockets.values()) socket.disconnect(true);
    await Promise.allSettled(
      [this.io.sockets.adapter.close(), this.nsp.adapter.close()].map((closing) => Promise.resolve(closing)),
    );
    if (this.attached) this.io.engine.close();
  }

  /**
   * The handshake: the token; then a recovered session's rooms are authorized again (those lost
   * are left) and its missed events, but those of the lost rooms, are kept for onConnection.
   */
  private async admit(socket: GatewaySocket): Promise<Error | undefined> {
    const missed = this.missed.take(socket.id);
    const refused = this.identities.authenticate(socket);
    if (refused || !socket.recovered) return refused;
    try {
      this.replays.set(socket, withoutLostRooms(missed, await this.subscriptions.revalidate(socket)));
      return undefined;
    } catch (error) {
      this.logger.error(
        { err: error, socketId: socket.id },
        'realtime handshake: the recovered rooms could not be checked',
      );
      return refusal('INTERNAL_ERROR', 'the recovered session could not be checked');
    }
  }

  private onConnection(socket: GatewaySocket): void {
    const { userId } = socket.data.principal;
    replay(socket, this.replays.get(socket) ?? []);
    void socket.join(rooms.user(userId));
    this.logger.debug({ userId, socketId: socket.id }, 'realtime socket connected');
    socket.on('subscribe', (payload: unknown, ack: unknown) =>
      this.answer(socket, 'subscribe', payload, ack, (room) => this.subscriptions.subscribe(socket, room)),
    );
    socket.on('unsubscribe', (payload: unknown, ack: unknown) =>
      this.answer(socket, 'unsubscribe', payload, ack, (room) => this.subscriptions.unsubscribe(socket, room)),
    );
    socket.on('auth.refresh', (payload: unknown, ack: unknown) =>
      this.handleModuleEvent(
        socket,
        'auth.refresh',
        (_principal, body) => this.identities.refresh(socket, body),
        payload,
        ack,
      ),
    );
    for (const [event, handler] of this.clientEvents) {
      socket.on(event, (payload: unknown, ack: unknown) =>
        this.handleModuleEvent(socket, event, handler, payload, ack),
      );
    }
  }

  private handleModuleEvent(
    socket: GatewaySocket,
    event: string,
    handler: ClientEventHandler,
    payload: unknown,
    ack: unknown,
  ): void {
    const [body, reply] = withAck(payload, ack);
    handler(socket.data.principal, body).then(
      () => reply({ ok: true }),
      (error: unknown) => {
        if (error instanceof DomainError) return reply(failure(error.code, error.message));
        this.logger.error({ err: error, socketId: socket.id, event }, 'realtime client event failed');
        reply(failure('INTERNAL_ERROR', 'the event could not be handled'));
      },
    );
  }

  /** Validates the payload, runs the action and acknowledges; without an ack callback the answer is dropped. */
  private answer(
    socket: GatewaySocket,
    name: 'subscribe' | 'unsubscribe',
    payload: unknown,
    ack: unknown,
    action: (room: string) => Promise<RoomAck>,
  ): void {
    const [body, reply] = withAck(payload, ack);
    const parsed = declaredClientEvents[name].payload.safeParse(body);
    if (!parsed.success) {
      const { code, message } = invalidPayload(parsed.error);
      reply(failure(code, message));
      return;
    }
    action(parsed.data.room).then(reply, (error: unknown) => {
      this.logger.error(
        { err: error, socketId: socket.id, event: name, room: parsed.data.room },
        'realtime room request failed',
      );
      reply(failure('INTERNAL_ERROR', 'the request could not be handled'));
    });
  }
}

/**
 * The payload of a client event and how to answer it; without an ack callback the answer is
 * dropped. `socket.emit('subscribe', ack)` sends no payload: the callback arrives first.
 */
function withAck(payload: unknown, ack: unknown): [unknown, (answer: RoomAck) => void] {
  const [body, callback] = typeof payload === 'function' && ack === undefined ? [undefined, payload] : [payload, ack];
  return [body, (answer) => (typeof callback === 'function' ? callback(answer) : undefined)];
}
