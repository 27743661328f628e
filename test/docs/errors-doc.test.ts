import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC_PATH, renderErrorsDoc } from '../../scripts/errors-doc.js';
import { errorCodes } from '../../src/adapters/http/error-codes.js';
import { socketErrorCodes } from '../../src/adapters/realtime/realtime-events.js';

describe('docs/errors.md', () => {
  it('is up to date with the error code registries (run `npm run docs:errors` when this fails)', () => {
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc());
  });

  it('has a row for every code, with its HTTP status', () => {
    const doc = renderErrorsDoc();
    for (const [code, { status }] of Object.entries(errorCodes)) expect(doc).toContain(`| \`${code}\` | ${status} |`);
    for (const code of Object.keys(socketErrorCodes)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
