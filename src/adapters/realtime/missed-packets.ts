import type { Namespace, Socket } from 'socket.io';
import { concernsRoom, type RoomRef } from './rooms.js';

/** A missed event as the adapter gives it back: `[event, payload, offset]`. */
export type MissedPacket = unknown[];

/** socket.io-parser's PacketType.EVENT. */
const EVENT_PACKET = 2;

/**
 * Holds back the events a recovering socket missed. Socket.IO writes them to the client as soon
 * as the adapter restores the session, before the namespace's middlewares run: before the token is
 * checked, and with the rooms the socket had when it dropped. Wrapped here, restoreSession hands
 * them over instead; the gateway sends them once the socket is authenticated and its rooms are
 * authorized again, without those of the rooms it lost (see replay()).
 */
export class MissedPackets {
  private readonly held = new Map<string, MissedPacket[]>();

  /** Wraps the namespace adapter's restoreSession (the in-memory adapter's, the Redis Streams adapter's). */
  holdFrom(adapter: Namespace['adapter']): void {
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (!session) return session;
      this.held.set(session.sid, session.missedPackets);
      return { ...session, missedPackets: [] };
    };
  }

  /** The events held for a socket, given once: every handshake takes them, so that none stay behind. */
  take(socketId: string): MissedPacket[] {
    const packets = this.held.get(socketId) ?? [];
    this.held.delete(socketId);
    return packets;
  }
}

/** The missed events but those about a room the socket lost. */
export function withoutLostRooms(packets: readonly MissedPacket[], lost: readonly RoomRef[]): MissedPacket[] {
  return packets.filter(([, payload]) => !lost.some((room) => concernsRoom(payload, room)));
}

/**
 * Writes missed events to the client as Socket.IO's recovery does (Socket#packet, internal), each
 * with its offset last, from which the client resumes after another drop. Call right in the
 * `connection` handler: nothing newer can reach the socket before them.
 */
export function replay(socket: Socket, packets: readonly MissedPacket[]): void {
  const writer = socket as unknown as { packet(packet: { type: number; data: MissedPacket }): void };
  for (const data of packets) writer.packet({ type: EVENT_PACKET, data });
}
