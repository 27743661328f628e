import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.js';

function readConfig(): Config {
  try {
    // `npm run demo` is `npm start` with --demo: the same as DEMO=true.
    const env = process.argv.includes('--demo') ? { ...process.env, DEMO: 'true' } : process.env;
    return loadConfig(env, () => randomBytes(48).toString('base64url'));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `uty: cannot start, the configuration is invalid:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // Only now the app's modules: a bad configuration is told before they load (a fraction of a second).
  const { serve } = await import('./serve.js');
  await serve(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`uty: start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
