import type { Container } from 'inversify';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';

/**
 * Runs `task` every `intervalMs` on this instance (a run is skipped while the last one is still
 * going); shutdown stops the timer and waits for the run in flight. Failures are logged.
 */
export function startPeriodicTask(
  container: Container,
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): void {
  const logger = container.get<Logger>(LoggerToken);
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = task()
      .catch((err: unknown) => logger.error({ err, task: name }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  container.get<Runtime>(RuntimeToken).onShutdown(name, async () => {
    clearInterval(timer);
    await running;
  });
}
