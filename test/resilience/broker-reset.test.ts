import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithService } from '../support/real-services.js';

const fixture = fileURLToPath(new URL('./fixtures/publish-through-resets.ts', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runFixture(env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The process lives through broker connection resets: a child process publishes with 20
 * concurrent publishers through a TCP proxy that destroys every connection 4 times (publishes
 * waiting for their confirm then fail, some twice: a failed confirm, then the channel's error);
 * Redis, behind its own proxy, loses its connections at the same moments.
 */
describeWithService('AMQP_URL', 'broker connection resets', (amqpUrl) => {
  it('never end the process: publishes fail while cut, every confirmed event is delivered, client errors are logged', async () => {
    const outcome = await runFixture({ AMQP_URL: amqpUrl });
    expect(outcome.stderr).not.toMatch(/Unhandled 'error' event|uncaught/i);
    expect(outcome.code, outcome.stderr).toBe(0);
    const result = JSON.parse(outcome.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.confirmed).toBeGreaterThan(100);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.missing).toBe(0);
    expect(result.busErrorsLogged).toBeGreaterThan(0);
    if (process.env.REDIS_URL) {
      expect(result.redisConnections).toBeGreaterThan(2); // the client and its duplicate reconnected
      expect(result.redisErrors).toBeGreaterThan(0);
    }
  }, 60_000);
});
