import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodeTable, type ErrorCodeName } from '../../src/adapters/http/error-codes.js';
import { problemFromDomainError } from '../../src/adapters/http/problem.js';
import { DomainError, type ErrorKind } from '../../src/domain/shared/domain-error.js';

/**
 * Not answers of the API: Socket.IO acknowledgements and the event envelope (their own document), and
 * the tests' response check (RESPONSE_NOT_AS_DECLARED fails a test, no client ever sees it).
 */
const notHttp = [
  'src/adapters/realtime/',
  'src/application/shared/events/',
  'src/adapters/http/response-conformance.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const statusOfKind = (kind: ErrorKind) => problemFromDomainError(new DomainError(kind, 'ANY', 'any')).status;

/** Every code the HTTP side of src can answer, with its status, read from the code that answers it. */
function answeredCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  for (const file of sourceFiles('src').filter((f) => !notHttp.some((dir) => f.startsWith(dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const [, kind, code] of text.matchAll(/new DomainError\(\s*'(\w+)',\s*'([A-Z0-9_]+)'/g))
      codes.set(code!, statusOfKind(kind as ErrorKind));
    for (const [, status, code] of text.matchAll(/\bproblem\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g))
      codes.set(code!, Number(status));
    if (file.endsWith('rate-limits.ts'))
      for (const [, code] of text.matchAll(/code: '([A-Z0-9_]+)'/g)) codes.set(code!, 429);
  }
  return codes;
}

describe('the error-code registry (src/adapters/http/error-codes.ts)', () => {
  const answered = answeredCodes();

  it('holds every code the HTTP API answers, with the status it is answered with', () => {
    expect(answered.size).toBeGreaterThan(60);
    const registered = Object.fromEntries(Object.entries(errorCodeTable).map(([code, { status }]) => [code, status]));
    expect(registered).toEqual(Object.fromEntries(answered));
  });

  it('describes each code, and each extra member with a schema', () => {
    for (const code of Object.keys(errorCodeTable) as ErrorCodeName[]) {
      const { meaning, extra } = errorCodeTable[code];
      expect(meaning.length, code).toBeGreaterThan(5);
      for (const schema of Object.values(extra ?? {})) expect(typeof schema.safeParse, code).toBe('function');
    }
  });
});
