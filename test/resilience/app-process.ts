import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { GENEROUS_RATE_LIMITS, TEST_JWT_SECRET } from '../support/test-app.js';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The app as its own process (src/main.ts, as `npm start` runs it), on a random 127.0.0.1 port. */
export interface AppProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Ends the process at once, as a crash or `kill -9` would: nothing is drained or closed. */
  kill(): Promise<void>;
}

/** Starts src/main.ts with `env` (on top of a test configuration) and waits until it listens. */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      ...GENEROUS_RATE_LIMITS,
      ...env,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const port = await listeningPort(child, timeoutMs);
    return { child, baseUrl: `http://127.0.0.1:${port}`, kill };
  } catch (error) {
    await kill();
    throw new Error(`the app process did not start: ${(error as Error).message}\n${stderr}`);
  }
}

/** The port of main.ts's "listening" log line (pino JSON on stdout). */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line within ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const entry = parseLine(line);
      if (typeof entry?.port === 'number' && String(entry.msg).includes('listening')) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`it exited with code ${String(code)}`));
    });
  });
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
