import type { Request, Response } from 'express';

/** A 201's body, as the route's handler answered it (checked against its schema in tests). */
export type CreatedBody = Readonly<Record<string, unknown>>;

/**
 * A resource's path relative to the API root, from its segments: `resourcePath('listings', id)` is
 * `/listings/<id>`; each segment is percent-encoded. A missing or empty segment is a bug of the route.
 */
export function resourcePath(...segments: unknown[]): string {
  return segments
    .map((segment) => {
      if (typeof segment !== 'string' || segment === '')
        throw new Error(`resourcePath: bad segment ${String(segment)}`);
      return `/${encodeURIComponent(segment)}`;
    })
    .join('');
}

/** Fails at start-up when a route answers 201 without saying where the created resource lives. */
export function assertLocationDeclared(route: string, statuses: number[], location: unknown): void {
  if (statuses.includes(201) && location === undefined)
    throw new Error(`${route}: a route that answers 201 declares its \`location\``);
}

/** `Location` of a 201: the API's mount point (`/api/v1`) followed by the route's resource path. */
export function sendLocation(req: Request, res: Response, path: string): void {
  res.location(`${req.baseUrl}${path}`);
}
