/**
 * `npm run lint`: Redocly's linter (redocly.yaml: the recommended rules) on the OpenAPI document the
 * app serves at /openapi.json. Fails on any error or warning (Redocly itself passes with warnings).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedDocument } from './served-document.js';

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'uty-openapi-'));
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await servedDocument('/openapi.json'), null, 2));
  const lint = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--format=json', '--max-problems=1000'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const start = lint.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly lint gave no report:\n${lint.stdout}\n${lint.stderr}`);
  const { problems } = JSON.parse(lint.stdout.slice(start)) as { problems: LintProblem[] };
  for (const { severity, ruleId, message, location } of problems)
    process.stdout.write(`${severity} ${ruleId}: ${message} (${location[0]?.pointer ?? '#'})\n`);
  process.stdout.write(`redocly lint /openapi.json: ${problems.length} problem(s)\n`);
  process.exitCode = problems.length === 0 && lint.status === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
