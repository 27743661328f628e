import type { Principal } from '../../application/identity/ports/access-token-service.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { isSubscribableRoom, parseRoom, type RoomAuthorizer, type RoomKind, type RoomRef } from './rooms.js';

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

/**
 * The rooms sockets ask for: each kind's authorizer decides, at most `maxRoomsPerSocket` per
 * socket, a request racing the same one gets the same answer, and an unsubscribe waits for a
 * subscribe still being authorized (which would otherwise join after the leave).
 *
 * What a socket is subscribed to is read from its Socket.IO rooms, never kept aside: a room it is
 * taken out of (a revoked access, from any instance) is gone from them, and asking again is
 * authorized again.
 */
export class RoomSubscriptions {
  /** Per live socket, its subscribe requests being authorized. */
  private readonly pendingBySocket = new WeakMap<RoomSocket, Map<string, Promise<RoomAck>>>();

  constructor(
    private readonly authorizers: Record<RoomKind, RoomAuthorizer>,
    private readonly maxRoomsPerSocket: number,
  ) {}

  /**
   * A recovered socket is back in the rooms it had: each is authorized again, as its user is now,
   * and left when refused (or when the rule cannot answer). Answers the rooms it lost.
   */
  async revalidate(socket: RoomSocket): Promise<RoomRef[]> {
    const held = [...socket.rooms].filter(isSubscribableRoom).map(parseRoom);
    const verdicts = await Promise.all(
      held.map((room) =>
        this.mayJoin(socket, room).then(
          (ack) => ack.ok,
          () => false,
        ),
      ),
    );
    const lost = held.filter((_room, index) => !verdicts[index]);
    for (const room of lost) await socket.leave(room.name);
    return lost;
  }

  subscribe(socket: RoomSocket, name: string): Promise<RoomAck> {
    const pending = this.pendingOf(socket);
    if (socket.rooms.has(name)) return Promise.resolve({ ok: true });
    const inFlight = pending.get(name);
    if (inFlight) return inFlight;
    // Counted before the authorizer runs, so that concurrent requests cannot overshoot the cap.
    const subscribed = [...socket.rooms].filter(isSubscribableRoom).length;
    if (subscribed + pending.size >= this.maxRoomsPerSocket)
      return Promise.resolve(failure('ROOM_LIMIT', `at most ${this.maxRoomsPerSocket} rooms per connection`));
    const joining = this.join(socket, name).finally(() => pending.delete(name));
    pending.set(name, joining);
    return joining;
  }

  async unsubscribe(socket: RoomSocket, name: string): Promise<RoomAck> {
    await this.pendingOf(socket)
      .get(name)
      ?.catch(() => undefined);
    await socket.leave(name);
    return { ok: true };
  }

  private async join(socket: RoomSocket, name: string): Promise<RoomAck> {
    const verdict = await this.mayJoin(socket, parseRoom(name));
    if (!verdict.ok) return verdict;
    // The socket may have gone while the authorizer ran.
    if (socket.disconnected) return failure('DISCONNECTED', 'the connection closed');
    await socket.join(name);
    return { ok: true };
  }

  /** The kind's authorizer on the socket's user; a thrown DomainError is a refusal with its code. */
  private async mayJoin(socket: RoomSocket, room: RoomRef): Promise<RoomAck> {
    try {
      if (await this.authorizers[room.kind](socket.data.principal, room.id)) return { ok: true };
      return failure('ROOM_FORBIDDEN', `not allowed to join ${room.name}`);
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.message);
      throw error;
    }
  }

  private pendingOf(socket: RoomSocket): Map<string, Promise<RoomAck>> {
    let pending = this.pendingBySocket.get(socket);
    if (!pending) {
      pending = new Map();
      this.pendingBySocket.set(socket, pending);
    }
    return pending;
  }
}
