import type { z } from 'zod';
import type { EventEnvelope } from '../../application/shared/events/envelope.js';

/** What clients receive of a bus event instead of its payload, and its schema. Built with projection(). */
export interface Projection<P> {
  readonly schema: z.ZodType;
  readonly project: (payload: P, envelope: EventEnvelope) => unknown;
}

/** A projection whose result the compiler checks against its schema. */
export function projection<S extends z.ZodType, P>(
  schema: S,
  project: (payload: P, envelope: EventEnvelope) => z.input<S>,
): Projection<P> {
  return { schema, project };
}
