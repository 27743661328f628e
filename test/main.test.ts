import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

/** The real process: starts on the embedded default, answers, and stops cleanly on SIGTERM. */
describe('main', () => {
  it('serves on the embedded default and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /"port":(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    const firstLine = JSON.parse(output.split('\n')[0]!);
    expect(firstLine.msg).toMatch(/EMBEDDED DEFAULT/);
    expect(firstLine.adapters).toMatchObject({ userRepository: 'memory', eventBus: 'in-process' });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
