import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorCodeTable, type ErrorCodeName } from '../../src/adapters/http/error-codes.js';
import { socketErrorCodes } from '../../src/adapters/realtime/realtime-events.js';

/** One place in src that answers a code, and the extra members it names. */
interface CodeSite {
  code: string;
  file: string;
  /** The keys of its details / extensions object, when written out (`errors` aside). */
  extra?: string[];
}

/**
 * Codes no client gets: the broker side's (a publisher's bug or a foreign message) and the response check's own
 * 500 (NODE_ENV=test only, response-conformance.ts).
 */
const neverToClients = new Set(['EVENT_PAYLOAD_INVALID', 'EVENT_TOPIC_UNKNOWN', 'RESPONSE_NOT_AS_DECLARED']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && ts.isStringLiteralLike(node) ? node.text : undefined;

function keysOf(node: ts.Node | undefined): string[] | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  return node.properties.flatMap((p) => (p.name && ts.isIdentifier(p.name) ? [p.name.text] : []));
}

/**
 * Every literal code in src: `new DomainError(kind, CODE, message, details)`, `problem(status, CODE, detail,
 * extensions)`, the realtime gateway's `failure(CODE, ...)` and `refusal(CODE, ...)`, and `code: CODE` properties.
 */
function codeSites(): CodeSite[] {
  const sites: CodeSite[] = [];
  for (const file of sourceFiles('src')) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const callee = (ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText();
      const args = ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments) || [];
      const code = literal(args[1]);
      const extra = keysOf(args[3])?.filter((key) => key !== 'errors');
      if (ts.isNewExpression(node) && callee === 'DomainError' && code) sites.push({ code, file, extra });
      if (ts.isCallExpression(node) && callee === 'problem' && code && args[0] && ts.isNumericLiteral(args[0]))
        sites.push({ code, file, extra });
      const first = literal(args[0]);
      if (ts.isCallExpression(node) && (callee === 'failure' || callee === 'refusal') && first)
        sites.push({ code: first, file });
      const property = ts.isPropertyAssignment(node) && node.name.getText() === 'code' && literal(node.initializer);
      if (property) sites.push({ code: property, file });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** Statuses are checked by test/http/error-codes.test.ts; this adds the Socket.IO codes and the extra members. */
describe('the error code registries agree with the code (docs/errors.md and the OpenAPI document read them)', () => {
  const sites = codeSites();
  const http = errorCodeTable as Record<string, (typeof errorCodeTable)[ErrorCodeName] | undefined>;
  const socket = socketErrorCodes as Record<string, unknown>;

  it('finds the codes of every layer', () => {
    expect(sites.length).toBeGreaterThan(100);
    for (const code of [
      'AUCTION_BID_TOO_LOW',
      'IDEMPOTENCY_KEY_REUSED',
      'MALFORMED_JSON',
      'ROOM_LIMIT',
      'RATE_LIMITED',
    ])
      expect(sites.map((s) => s.code)).toContain(code);
  });

  it('lists every code src answers: in error-codes.ts, or Socket.IO-only in realtime-events.ts', () => {
    const missing = sites.filter(({ code }) => !http[code] && !socket[code] && !neverToClients.has(code));
    expect(missing.map(({ code, file }) => `${code} (${file})`)).toEqual([]);
  });

  it('lists no code that src never answers', () => {
    const answered = new Set(sites.map((s) => s.code));
    const stale = [...Object.keys(http), ...Object.keys(socket)].filter((code) => !answered.has(code));
    expect(stale).toEqual([]);
  });

  it('names the extra members src puts in each problem, and no other', () => {
    for (const [code, entry] of Object.entries(http)) {
      const written = sites.filter((s) => s.code === code && s.extra !== undefined).map((s) => s.extra ?? []);
      const declared = Object.keys(entry?.extra ?? {}).sort();
      for (const keys of written) expect(declared, code).toEqual(expect.arrayContaining(keys));
      if (written.length > 0) expect([...new Set(written.flat())].sort(), code).toEqual(declared);
    }
  });
});
