/**
 * `npm run lint`: Redocly's linter (recommended rules, redocly.yaml) on the OpenAPI document the app
 * serves at /openapi.json. Fails on any error or warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedDocument } from './served-document.js';

const dir = mkdtempSync(join(tmpdir(), 'uty-openapi-'));
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await servedDocument('/openapi.json'), null, 2));
  const lint = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--max-problems', '200'], {
    stdio: 'inherit',
  });
  process.exitCode = lint.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
