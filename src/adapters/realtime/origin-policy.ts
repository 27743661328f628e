import type { ServerOptions } from 'socket.io';
import { allowsOrigin, type AllowedOrigins } from '../platform/allowed-origins.js';

/**
 * The same origins as the HTTP API (CORS_ORIGINS). A browser's WebSocket is not subject to CORS,
 * so the handshake itself is refused (403) for another origin; long-polling gets the CORS headers.
 */
export function originPolicy(allowed: AllowedOrigins): Pick<ServerOptions, 'cors' | 'allowRequest'> {
  return {
    cors: { origin: allowed === '*' ? '*' : [...allowed], methods: ['GET', 'POST'] },
    allowRequest: (req, decide) => {
      const permitted = allowsOrigin(allowed, req.headers.origin);
      decide(permitted ? null : 'origin not allowed', permitted);
    },
  };
}
