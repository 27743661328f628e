import type { RequestHandler, Response } from 'express';
import type { DeclaredResponse } from './declared-response.js';
import { problem } from './problem.js';

/** An answer that breaks its route's declaration: the route, the status sent and what is wrong. */
export interface ResponseViolation {
  route: string;
  status: number;
  problems: string[];
}

export interface Answer {
  status: number;
  /** The Content-Type sent; `undefined` when there is no body. */
  contentType?: string;
  /** The body as the client parses it; `undefined` when there is none. */
  body?: unknown;
  /** The response headers sent, by lower-case name. */
  headers?: Record<string, unknown>;
}

/** The headers the status declares required that are missing, or whose value breaks their type. */
function headerProblems(response: DeclaredResponse, answer: Answer): string[] {
  return Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
    const value = answer.headers?.[name.toLowerCase()];
    if (value === undefined) return header.required ? [`header ${name} is declared required, none was sent`] : [];
    if (header.schema.type === 'integer' && !/^\d+$/.test(String(value)))
      return [`header ${name}: ${String(value)} is not an integer`];
    return [];
  });
}

function bodyProblems({ content }: DeclaredResponse, answer: Answer): string[] {
  if (!content) return answer.body === undefined ? [] : [`status ${answer.status} declares no body, but one was sent`];
  if (answer.body === undefined) return [`status ${answer.status} declares a ${content.mediaType} body, none was sent`];
  const problems: string[] = [];
  if (!answer.contentType?.startsWith(content.mediaType))
    problems.push(`Content-Type ${answer.contentType ?? 'none'}, declared ${content.mediaType}`);
  const parsed = content.schema.safeParse(answer.body);
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((issue) => `${['body', ...issue.path].join('.')}: ${issue.message}`));
  return problems;
}

/** What is wrong with an answer, given its route's declared responses: nothing when it conforms. */
export function responseProblems(declared: Record<string, DeclaredResponse>, answer: Answer): string[] {
  const response = declared[String(answer.status)];
  if (!response) return [`status ${answer.status} is not declared (declared: ${Object.keys(declared).join(', ')})`];
  return [...headerProblems(response, answer), ...bodyProblems(response, answer)];
}

const violations: ResponseViolation[] = [];

/** The violations recorded in this process since the last call, which it empties (tests assert none after each). */
export function takeResponseViolations(): ResponseViolation[] {
  return violations.splice(0);
}

/** The body as the client receives it: dates as strings, `undefined` members gone. */
const asSent = (body: unknown): unknown => (body === undefined ? undefined : JSON.parse(JSON.stringify(body)));

/**
 * Checks the one answer of `res` before it goes out. A violation is recorded and replaces the
 * answer by a 500 `RESPONSE_NOT_AS_DECLARED` naming it, so the test that made the call fails on it.
 */
function watch(res: Response, route: string, declared: Record<string, DeclaredResponse>): void {
  const json = res.json.bind(res);
  const end = res.end.bind(res);
  let checked = false;
  const conforms = (answer: Answer): boolean => {
    checked = true;
    const problems = responseProblems(declared, answer);
    if (problems.length === 0) return true;
    const violation = { route, status: answer.status, problems };
    violations.push(violation);
    res.status(500).type('application/problem+json');
    const detail = `${route} answered ${answer.status}: ${problems.join('; ')}`;
    json(problem(500, 'RESPONSE_NOT_AS_DECLARED', detail, { route, problems }));
    return false;
  };
  res.json = (body: unknown) => {
    if (checked) return json(body);
    const contentType = String(res.get('Content-Type') ?? 'application/json');
    const answer = { status: res.statusCode, contentType, body: asSent(body), headers: res.getHeaders() };
    return conforms(answer) ? json(body) : res;
  };
  res.end = ((...args: Parameters<Response['end']>) => {
    if (checked) return end(...args);
    const chunk: unknown = typeof args[0] === 'function' ? undefined : args[0];
    const body = chunk === undefined || chunk === null ? undefined : String(chunk);
    const answer = { status: res.statusCode, contentType: res.get('Content-Type'), body, headers: res.getHeaders() };
    return conforms(answer) ? end(...args) : res;
  }) as Response['end'];
}

const watched = new WeakSet<Response>();

/**
 * Middleware of a declared route (matched before the body parser, so its 400, 413 and 415 are
 * checked too): the answer must be one of the route's declared statuses with a body its schema accepts.
 */
export function checkResponsesOf(route: string, declared: Record<string, DeclaredResponse>): RequestHandler {
  return (_req, res, next) => {
    if (!watched.has(res)) {
      watched.add(res);
      watch(res, route, declared);
    }
    next();
  };
}
