import type { ZodType } from 'zod';

/** A response header as OpenAPI declares it. */
export interface DeclaredHeader {
  description: string;
  required: boolean;
  schema: { type: 'string' | 'integer'; format?: string; minimum?: number };
}

/**
 * A status a route answers: its description and, when it has a body, its media type and schema. The
 * OpenAPI document and the tests' response check (response-conformance.ts) both read it.
 */
export interface DeclaredResponse {
  description: string;
  content?: { mediaType: 'application/json' | 'application/problem+json'; schema: ZodType };
  headers?: Record<string, DeclaredHeader>;
}
