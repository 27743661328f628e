import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Runs src/main.ts as `npm start` would (with `args`), on a free port, until it logs that it listens. */
async function startMain(args: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { PATH: process.env.PATH, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port, output: () => output };
}

async function liveAuctions(base: string): Promise<number> {
  const live = (await (await fetch(`${base}/api/v1/auctions?status=live`)).json()) as { items: unknown[] };
  return live.items.length;
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  const [code] = await once(started.child, 'exit');
  expect(code).toBe(0);
  expect(started.output()).toContain('"msg":"stopped"');
}

/** The real process: starts on the embedded default, answers, and stops cleanly on SIGTERM. */
describe('main', () => {
  it('serves on the embedded default and exits 0 on SIGTERM', async () => {
    const started = await startMain();
    onTestFinished(() => void started.child.kill('SIGKILL'));
    const firstLine = JSON.parse(started.output().split('\n')[0]!);
    expect(firstLine.msg).toMatch(/EMBEDDED DEFAULT/);
    expect(firstLine.adapters).toMatchObject({ userRepository: 'memory', eventBus: 'in-process' });
    expect((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status).toBe(200);
    await expect((await fetch(`http://127.0.0.1:${started.port}/console/demo.json`)).json()).resolves.toEqual({
      demo: false,
      accounts: [],
    });
    await stop(started);
  });

  it('--demo (npm run demo): prints the accounts, serves the console and a live auction among 30+ listings', async () => {
    const started = await startMain(['--demo']);
    onTestFinished(() => void started.child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${started.port}`;
    expect(started.output()).toContain(`Uty demo: open http://localhost:${started.port}`);
    expect(started.output()).toMatch(/buyer1@demo\.uty +buyer/);
    expect(started.output()).toContain('password "demo-password"');
    expect((await fetch(base)).headers.get('content-type')).toMatch(/^text\/html/);
    await expect.poll(() => liveAuctions(base), { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    const listings = (await (await fetch(`${base}/api/v1/listings?limit=100`)).json()) as { items: unknown[] };
    expect(listings.items.length).toBeGreaterThanOrEqual(30);
    await stop(started);
  });
});
