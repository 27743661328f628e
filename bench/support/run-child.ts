/**
 * The processes bench:all starts, one after another: a bench in bench-child.ts (its figures come back over the IPC
 * channel) or a command such as the test suite (its wall clock is the figure). Their output goes to a log file each.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { BenchName, BenchResult } from './benches.js';

const benchChild = fileURLToPath(new URL('./bench-child.ts', import.meta.url));

export interface ChildOutcome<T> {
  /** The bench's figures; undefined when it failed. */
  figures?: T;
  /** Why there are no figures (or, for a command, why it exited non-zero). */
  error?: string;
  seconds: number;
}

/** Resolves with the exit code once `child` has exited, and with the first message it sent. */
function finished(child: ChildProcess): Promise<{ code: number | null; message?: unknown }> {
  let message: unknown;
  child.once('message', (sent) => (message = sent));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, message }));
  });
}

async function timed<T>(
  log: string,
  start: (output: number) => ChildProcess,
  figuresOf: (code: number | null, message: unknown) => T | undefined,
): Promise<ChildOutcome<T>> {
  const output = openSync(log, 'w');
  const started = performance.now();
  try {
    const { code, message } = await finished(start(output));
    const seconds = (performance.now() - started) / 1000;
    const figures = figuresOf(code, message);
    const error = code === 0 ? undefined : `exit code ${String(code)}, see ${log}`;
    return { ...(figures === undefined ? {} : { figures }), ...(error ? { error } : {}), seconds };
  } catch (error) {
    return { error: (error as Error).message, seconds: (performance.now() - started) / 1000 };
  } finally {
    closeSync(output);
  }
}

/** Runs the bench `name` with `env` in a child process (through tsx), its output to `log`. */
export function runBench<N extends BenchName>(
  name: N,
  env: NodeJS.ProcessEnv,
  log: string,
): Promise<ChildOutcome<BenchResult<N>>> {
  return timed(
    log,
    (output) =>
      fork(benchChild, [name], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', output, output, 'ipc'] }),
    (_code, message) => message as BenchResult<N> | undefined,
  );
}

/** Runs `command` with `env`, its output to `log`; the figure is whether it succeeded. */
export function runCommand(command: string[], env: NodeJS.ProcessEnv, log: string): Promise<ChildOutcome<boolean>> {
  const [file, ...args] = command;
  return timed(
    log,
    (output) => spawn(file!, args, { env, stdio: ['ignore', output, output] }),
    (code) => code === 0,
  );
}
