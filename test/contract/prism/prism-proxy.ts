import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts connections on the port (a bare TCP connect: a probe by fetch would leave a pooled connection). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilListening(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`prism did not listen on port ${port} within ${timeoutMs} ms`);
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
  const port = await freePort();
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
    await waitUntilListening(child, port, 30_000);
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
