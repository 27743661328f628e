import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One answer Prism's validating proxy refused to pass through: the request or the response breaks the document. */
export interface Violation {
  call: string;
  status: number;
  detail: unknown;
}

export interface PrismProxy {
  /** Where to send the requests: Prism validates them, forwards them to the app and validates the answers. */
  baseUrl: string;
  /** What Prism printed (start, restarts, warnings, a line per request), with its exit if it exited: to tell a failure's cause. */
  log(): string;
  stop(): Promise<void>;
}

/** Below Linux's ephemeral range (32768-60999), where the test servers' `listen(0)` never picks a port. */
const PORTS = { from: 20_000, to: 32_000 };

/**
 * A free port outside the ephemeral range: a port taken from `listen(0)` and released for Prism could be given to
 * another test's server while Prism starts, and the journey would talk to that server instead.
 */
async function portForPrism(): Promise<number> {
  for (;;) {
    const port = PORTS.from + Math.floor(Math.random() * (PORTS.to - PORTS.from));
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}

/** Resolves once Prism itself says it listens (a probe of the port could reach another server). */
function listening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`prism did not say it listens within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      if (/Prism is listening on/.test(output())) done();
    };
    const exited = () => done(new Error(`prism exited with ${child.exitCode}`));
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

/**
 * Starts `prism proxy --errors` (a dev dependency) in front of `upstream` with `document`: every
 * request and every answer that breaks the document is turned into a Prism error answer.
 */
export async function startPrismProxy(
  document: { servers?: { url: string }[]; paths: Record<string, unknown> },
  upstream: string,
): Promise<PrismProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'uty-prism-'));
  const file = join(dir, 'openapi.json');
  const port = await portForPrism();
  // Prism's proxy matches the request's whole path: the document's base path (its relative server) goes into the paths.
  const basePath = document.servers?.[0]?.url ?? '';
  const paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [basePath + path, item]));
  await writeFile(file, JSON.stringify({ ...document, servers: [{ url: `http://127.0.0.1:${port}` }], paths }));
  const args = [
    'proxy',
    file,
    upstream,
    '--errors',
    '--cors=false',
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-v',
    'info',
  ];
  const child = spawn(join('node_modules', '.bin', 'prism'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const record = (chunk: unknown) => (output += String(chunk));
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  child.on('exit', (code, signal) => record(`[prism exited: code ${code}, signal ${signal}]\n`));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await listening(child, () => output, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { baseUrl, log: () => output, stop };
}

/** Prism's own answers carry a problem whose type is on stoplight.io: that is a violation, not the app's answer. */
export function isPrismError(body: unknown): boolean {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.includes('stoplight.io/prism/errors');
}
