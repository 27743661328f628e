import type { Principal } from '../../application/identity/ports/access-token-service.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { parseRoom, type RoomAuthorizer, type RoomKind } from './rooms.js';

/** The acknowledgement of `subscribe`, `unsubscribe` and module client events. */
export type RoomAck = { ok: true } | { ok: false; code: string; message: string };

export const failure = (code: string, message: string): RoomAck => ({ ok: false, code, message });

/** What room subscriptions need of a Socket.IO socket. */
export interface RoomSocket {
  readonly id: string;
  readonly rooms: ReadonlySet<string>;
  readonly disconnected: boolean;
  readonly data: { principal: Principal };
  join(room: string): Promise<void> | void;
  leave(room: string): Promise<void> | void;
}

/** What is tracked per live socket, beside its Socket.IO rooms. */
interface SocketRooms {
  /** Rooms joined through `subscribe` (not `user:<id>` nor the socket's own room). */
  subscribed: Set<string>;
  /** Subscribe requests being authorized. */
  pending: Map<string, Promise<RoomAck>>;
}

/**
 * The rooms sockets ask for: each kind's authorizer decides, at most `maxRoomsPerSocket` per
 * socket, a request racing the same one gets the same answer, and an unsubscribe waits for a
 * subscribe still being authorized (which would otherwise join after the leave).
 */
export class RoomSubscriptions {
  private readonly bySocket = new WeakMap<RoomSocket, SocketRooms>();

  constructor(
    private readonly authorizers: Record<RoomKind, RoomAuthorizer>,
    private readonly maxRoomsPerSocket: number,
  ) {}

  /** A recovered socket is back in its rooms already: they count as subscribed again (all but `except`). */
  restore(socket: RoomSocket, except: readonly string[]): void {
    const { subscribed } = this.roomsOf(socket);
    for (const room of socket.rooms) if (room !== socket.id && !except.includes(room)) subscribed.add(room);
  }

  subscribe(socket: RoomSocket, name: string): Promise<RoomAck> {
    const { subscribed, pending } = this.roomsOf(socket);
    if (subscribed.has(name)) return Promise.resolve({ ok: true });
    const inFlight = pending.get(name);
    if (inFlight) return inFlight;
    // Counted before the authorizer runs, so that concurrent requests cannot overshoot the cap.
    if (subscribed.size + pending.size >= this.maxRoomsPerSocket) return Promise.resolve(failure('ROOM_LIMIT', `at most ${this.maxRoomsPerSocket} rooms per connection`));
    const joining = this.join(socket, name).finally(() => pending.delete(name));
    pending.set(name, joining);
    return joining;
  }

  async unsubscribe(socket: RoomSocket, name: string): Promise<RoomAck> {
    const { pending, subscribed } = this.roomsOf(socket);
    await pending.get(name)?.catch(() => undefined);
    subscribed.delete(name);
    await socket.leave(name);
    return { ok: true };
  }

  private async join(socket: RoomSocket, name: string): Promise<RoomAck> {
    const room = parseRoom(name);
    try {
      if (!(await this.authorizers[room.kind](socket.data.principal, room.id))) return failure('ROOM_FORBIDDEN', `not allowed to join ${name}`);
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.message);
      throw error;
    }
    // The socket may have gone while the authorizer ran.
    if (socket.disconnected) return failure('DISCONNECTED', 'the connection closed');
    this.roomsOf(socket).subscribed.add(name);
    await socket.join(name);
    return { ok: true };
  }

  private roomsOf(socket: RoomSocket): SocketRooms {
    let state = this.bySocket.get(socket);
    if (!state) {
      state = { subscribed: new Set(), pending: new Map() };
      this.bySocket.set(socket, state);
    }
    return state;
  }
}
