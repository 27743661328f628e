import { describe, expect, it } from 'vitest';
import { liveAuctions, startMain, stopMain } from './support/main-process.js';

/** `npm run demo`'s process (a file of its own: it runs beside main.test.ts rather than after it). */
describe('main --demo', () => {
  it('--demo (npm run demo): prints the accounts, serves the console and a live auction among 30+ listings', async () => {
    const started = await startMain(['--demo']);
    const base = `http://127.0.0.1:${started.port}`;
    expect(started.output()).toContain(`Uty demo: open http://localhost:${started.port}`);
    expect(started.output()).toMatch(/buyer1@demo\.uty +buyer/);
    expect(started.output()).toContain('password "demo-password"');
    expect((await fetch(base)).headers.get('content-type')).toMatch(/^text\/html/);
    await expect.poll(() => liveAuctions(base), { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    const listings = (await (await fetch(`${base}/api/v1/listings?limit=100`)).json()) as { items: unknown[] };
    expect(listings.items.length).toBeGreaterThanOrEqual(30);
    await stopMain(started);
  });
});
