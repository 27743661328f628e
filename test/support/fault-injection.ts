/**
 * Fault injection for crash-safety tests: wrap the ports a command uses, and the plan makes the
 * k-th port call (counted across every wrapped port, in the order the command makes them) fail.
 *
 * - `throw` at k: that call throws an injected error instead of running (a store refused).
 * - `crash` after k: that call runs, then the "process dies": it and every later call throw
 *   ProcessCrashed, so nothing after step k happens (no catch-and-undo can run on the same stores).
 *
 * Run the command once with no fault to learn its steps (plan.steps), then once per step.
 */
export class ProcessCrashed extends Error {
  constructor(step: string) {
    super(`injected crash after ${step}`);
    this.name = 'ProcessCrashed';
  }
}

export class InjectedFault extends Error {
  constructor(step: string) {
    super(`injected failure of ${step}`);
    this.name = 'InjectedFault';
  }
}

export interface Fault {
  mode: 'throw' | 'crash';
  /** 1-based index of the port call. */
  at: number;
}

export class FaultPlan {
  readonly steps: string[] = [];
  private crashed: string | undefined;

  constructor(private readonly fault?: Fault) {}

  get hasCrashed(): boolean {
    return this.crashed !== undefined;
  }

  /** A proxy of `target` whose method calls are steps of the plan. */
  wrap<T extends object>(name: string, target: T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) =>
          this.call(`${name}.${property}`, () => (value as (...a: unknown[]) => unknown).apply(object, args));
      },
    });
  }

  private async call(step: string, run: () => unknown): Promise<unknown> {
    if (this.crashed) throw new ProcessCrashed(this.crashed);
    this.steps.push(step);
    const index = this.steps.length;
    if (this.fault?.mode === 'throw' && this.fault.at === index) throw new InjectedFault(step);
    const result = await run();
    if (this.fault?.mode === 'crash' && this.fault.at === index) {
      this.crashed = step;
      throw new ProcessCrashed(step);
    }
    return result;
  }
}

/** Every fault a command of `stepCount` steps can meet: a throw at each step, a crash after each step. */
export function everyFault(stepCount: number): Fault[] {
  const faults: Fault[] = [];
  for (let at = 1; at <= stepCount; at++) faults.push({ mode: 'throw', at }, { mode: 'crash', at });
  return faults;
}

export const describeFault = (fault: Fault, steps: readonly string[]): string =>
  `${fault.mode} ${fault.mode === 'throw' ? 'at' : 'after'} step ${fault.at} (${steps[fault.at - 1] ?? '?'})`;
