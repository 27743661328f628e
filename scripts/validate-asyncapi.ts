// `npm run lint`: writes the AsyncAPI document the app serves (GET /asyncapi.json) to a temporary file and checks it
// with `asyncapi validate` (errors and warnings fail). The CLI's usage metrics are off and it is never asked anything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAsyncApiDocument } from '../src/adapters/http/asyncapi/asyncapi-document.js';
import { DEFAULT_EVENT_EXCHANGE } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'uty-asyncapi-'));
try {
  const file = join(dir, 'asyncapi.json');
  writeFileSync(file, JSON.stringify(generateAsyncApiDocument({ exchange: DEFAULT_EVENT_EXCHANGE })));
  const metricsConfig = join(dir, 'asyncapi-analytics.json');
  writeFileSync(metricsConfig, JSON.stringify({ analyticsEnabled: 'false', infoMessageShown: 'true' }));
  const result = spawnSync(join('node_modules', '.bin', 'asyncapi'), ['validate', file, '--fail-severity', 'warn'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      CI: 'true',
      ASYNCAPI_METRICS_CONFIG_PATH: metricsConfig,
      SUPPRESS_NO_CONFIG_WARNING: 'true',
    },
  });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
