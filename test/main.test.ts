import { describe, expect, it } from 'vitest';
import { startMain, stopMain } from './support/main-process.js';

/** The real process: starts on the embedded default, answers, and stops cleanly on SIGTERM. */
describe('main', () => {
  it('serves on the embedded default and exits 0 on SIGTERM', async () => {
    const started = await startMain();
    const firstLine = JSON.parse(started.output().split('\n')[0]!);
    expect(firstLine.msg).toMatch(/EMBEDDED DEFAULT/);
    expect(firstLine.adapters).toMatchObject({ userRepository: 'memory', eventBus: 'in-process' });
    expect((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status).toBe(200);
    await expect((await fetch(`http://127.0.0.1:${started.port}/console/demo.json`)).json()).resolves.toEqual({
      demo: false,
      accounts: [],
    });
    await stopMain(started);
  });
});
