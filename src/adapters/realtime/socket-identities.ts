import type { DefaultEventsMap, Socket } from 'socket.io';
import type { AccessTokenService, Principal } from '../../application/identity/ports/access-token-service.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { invalidPayload } from './invalid-payload.js';
import { clientEvents as declaredClientEvents } from './realtime-events.js';

/**
 * Plain data only: Socket.IO keeps it in the session a reconnecting client recovers (in Redis with the streams
 * adapter).
 */
export interface SocketData {
  principal: Principal;
}

export type GatewaySocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/** A handshake refusal: the client's `connect_error` carries the message and `data.code`. */
export function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/** Whose socket it is: the handshake's access token, checked again on recovery and replaced by `auth.refresh`. */
export class SocketIdentities {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly logger: { error(context: object, message: string): void },
  ) {}

  authenticate(socket: GatewaySocket): Error | undefined {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0)
      return refusal('AUTH_INVALID_TOKEN', 'the access token is missing: connect with auth: { token }');
    let principal: Principal;
    try {
      principal = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof DomainError) return refusal(error.code, error.message);
      this.logger.error({ err: error }, 'realtime handshake: token verification failed unexpectedly');
      return refusal('INTERNAL_ERROR', 'the token could not be checked');
    }
    // A recovered session carries the rooms of the user it was opened by, and no one else's.
    const previous = socket.recovered ? (socket.data as Partial<SocketData>).principal?.userId : undefined;
    if (previous !== undefined && previous !== principal.userId)
      return refusal('AUTH_SESSION_MISMATCH', 'the recovered session belongs to another user');
    socket.data.principal = principal;
    return undefined;
  }

  /**
   * `auth.refresh` `{ token }`: a fresh access token of the same user keeps the connection past the old one's expiry.
   */
  async refresh(socket: GatewaySocket, body: unknown): Promise<void> {
    const parsed = declaredClientEvents['auth.refresh'].payload.safeParse(body);
    if (!parsed.success) throw invalidPayload(parsed.error);
    const principal = this.tokens.verify(parsed.data.token);
    if (principal.userId !== socket.data.principal.userId)
      throw new DomainError('forbidden', 'AUTH_SESSION_MISMATCH', 'the token belongs to another user');
    socket.data.principal = principal;
  }
}
