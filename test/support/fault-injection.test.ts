import { describe, expect, it } from 'vitest';
import { everyFault, FaultPlan, InjectedFault, ProcessCrashed } from './fault-injection.js';

class Store {
  readonly writes: string[] = [];
  async write(value: string): Promise<void> {
    this.writes.push(value);
  }
}

async function command(a: Store, b: Store): Promise<void> {
  await a.write('one');
  await b.write('two');
  await a.write('three');
}

describe('FaultPlan', () => {
  it('records the steps of a run without a fault', async () => {
    const plan = new FaultPlan();
    await command(plan.wrap('A', new Store()), plan.wrap('B', new Store()));
    expect(plan.steps).toEqual(['A.write', 'B.write', 'A.write']);
  });

  it('throw at k: step k does not run, earlier ones did', async () => {
    const a = new Store();
    const b = new Store();
    const plan = new FaultPlan({ mode: 'throw', at: 2 });
    await expect(command(plan.wrap('A', a), plan.wrap('B', b))).rejects.toBeInstanceOf(InjectedFault);
    expect([a.writes, b.writes]).toEqual([['one'], []]);
  });

  it('crash after k: step k ran, nothing after it does, even a later call', async () => {
    const a = new Store();
    const b = new Store();
    const plan = new FaultPlan({ mode: 'crash', at: 2 });
    const wrappedA = plan.wrap('A', a);
    await expect(command(wrappedA, plan.wrap('B', b))).rejects.toBeInstanceOf(ProcessCrashed);
    await expect(wrappedA.write('undo')).rejects.toBeInstanceOf(ProcessCrashed);
    expect([a.writes, b.writes, plan.hasCrashed]).toEqual([['one'], ['two'], true]);
  });

  it('everyFault lists a throw and a crash per step', () => {
    expect(everyFault(2)).toEqual([
      { mode: 'throw', at: 1 },
      { mode: 'crash', at: 1 },
      { mode: 'throw', at: 2 },
      { mode: 'crash', at: 2 },
    ]);
  });
});
