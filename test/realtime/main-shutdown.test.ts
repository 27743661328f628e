import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';

/** The real process serves /ws, and SIGTERM still stops it while a socket is open. */
describe('main with the realtime gateway', () => {
  it('accepts a socket on /ws and exits 0 on SIGTERM with the socket still open', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', SHUTDOWN_TIMEOUT_MS: '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const socket = { current: undefined as ReturnType<typeof connect> | undefined };
    try {
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
      const registered = await fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'socket@example.com', password: 'a long password', displayName: 'Socket' }),
      });
      expect(registered.status).toBe(201);
      const { accessToken } = (await registered.json()) as { accessToken: string };

      const client = connect(`http://127.0.0.1:${port}/ws`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: accessToken },
      });
      socket.current = client;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no connect')), 5_000);
        client.once('connect', () => (clearTimeout(timer), resolve()));
        client.once('connect_error', (error) => (clearTimeout(timer), reject(error)));
      });
      expect(await client.timeout(5_000).emitWithAck('subscribe', { room: 'listing:l-1' })).toEqual({ ok: true });

      const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
      const startedAt = Date.now();
      child.kill('SIGTERM');
      // Bounded below the test timeout, so that the finally block still kills a hung process.
      const exited = AbortSignal.timeout(15_000);
      const [code] = await once(child, 'exit', { signal: exited });
      expect(code).toBe(0);
      // Well before the 10 s forced close: the open WebSocket did not hold the shutdown up.
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      await Promise.race([
        disconnected,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no disconnect')), 5_000).unref()),
      ]);
      expect(output).toContain('"msg":"stopped"');
    } finally {
      socket.current?.disconnect();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
