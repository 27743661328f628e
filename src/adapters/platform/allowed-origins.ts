/** The browser origins that may call the API and open sockets (`CORS_ORIGINS`): any (`*`) or these. */
export type AllowedOrigins = '*' | readonly string[];

/**
 * Whether a request from `origin` may be served to a browser. A request without an `Origin` header
 * does not come from a browser page of another origin (mobile apps, services, same-origin reads): it is let through.
 */
export function allowsOrigin(allowed: AllowedOrigins, origin: string | undefined): boolean {
  return allowed === '*' || origin === undefined || allowed.includes(origin);
}
