import { expect } from 'vitest';
import { isPrismError, type Violation } from './prism-proxy.js';

export type Auth = { Authorization: string };

export interface CallOptions {
  as?: Auth;
  body?: unknown;
  headers?: Record<string, string>;
  /** The status the journey expects (the app's own answer); a Prism error is reported as a violation instead. */
  status: number;
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** The operations of an OpenAPI document as `METHOD /path/{param}` with a matcher for concrete paths. */
export interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
}

function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
  );
}

/**
 * A client of the API through Prism's validating proxy: every call is checked by Prism against the
 * document, and the journey records which documented operations it went through.
 */
export class JourneyClient {
  readonly violations: Violation[] = [];
  private readonly operations;
  private readonly covered = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly basePath: string,
    document: OpenApiDocument,
  ) {
    this.operations = operationsOf(document);
  }

  async call(method: string, path: string, options: CallOptions): Promise<Answer> {
    const headers: Record<string, string> = { ...options.as, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${this.basePath}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    const call = `${method} ${path}`;
    this.cover(method, new URL(path, 'http://journey').pathname);
    if (isPrismError(body)) {
      // The app's answer (or the request) breaks the document: Prism answered instead, so the journey cannot go on.
      this.violations.push({ call, status: res.status, detail: body });
      throw new Error(`Prism refused ${call}: ${text}`);
    }
    expect(res.status, `${call}: ${text}`).toBe(options.status);
    return { status: res.status, body, headers: res.headers };
  }

  /** The documented operations the journey never called. */
  uncovered(): string[] {
    return this.operations.filter((op) => !this.covered.has(op.name)).map((op) => op.name);
  }

  private cover(method: string, path: string): void {
    const op = this.operations.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (op) this.covered.add(op.name);
  }
}
