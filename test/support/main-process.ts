import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, onTestFinished } from 'vitest';

export interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Runs src/main.ts as `npm start` would (with `args`), on a free port, until it logs that it listens. */
export async function startMain(args: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { PATH: process.env.PATH, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Killed whatever the test's outcome, even if it never listened (a no-op once it has exited).
  onTestFinished(() => void child.kill('SIGKILL'));
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

export async function liveAuctions(base: string): Promise<number> {
  const live = (await (await fetch(`${base}/api/v1/auctions?status=live`)).json()) as { items: unknown[] };
  return live.items.length;
}

export async function stopMain(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  const [code] = await once(started.child, 'exit');
  expect(code).toBe(0);
  expect(started.output()).toContain('"msg":"stopped"');
}
