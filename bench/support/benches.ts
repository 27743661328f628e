/**
 * The benches bench:all runs, each by its exported function, imported only when its child process runs it (a bench
 * reads its knobs from the environment as it is loaded).
 */
export const benches = {
  bids: async () => (await import('../bids.bench.js')).runBidsBench(),
  reserve: async () => (await import('../reserve.bench.js')).runReserveBench(),
  fanout: async () => (await import('../fanout.bench.js')).runFanoutBench(),
  search: async () => (await import('../search.bench.js')).runSearchBench(),
  identity: async () => (await import('../identity.bench.js')).runIdentityBench(),
  outbox: async () => (await import('../outbox.bench.js')).runOutboxBench(),
};

export type BenchName = keyof typeof benches;
export type BenchResult<N extends BenchName> = Awaited<ReturnType<(typeof benches)[N]>>;

export function isBenchName(name: string | undefined): name is BenchName {
  return name !== undefined && Object.hasOwn(benches, name);
}
