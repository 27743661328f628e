/**
 * Every bench, one after another, each in a child process of its own, then ONE table of the figures against the goals
 * of issue 16: route or metric, measured figure, baseline, ratio, goal, met or MISSED.
 *
 *   npm run bench:all                                    # embedded default, about 5 minutes on 2 cores (12 with servers)
 *   REDIS_URL=redis://127.0.0.1:6379 MONGO_URL=mongodb://127.0.0.1:27017 AMQP_URL=amqp://guest:guest@127.0.0.1:5672 \
 *     npm run bench:all                                  # also the rows on the real servers the benches support
 *   BENCH_ALL_TESTS=0 npm run bench:all                  # without timing `npm test` (about 40 s of the run)
 *
 * Rows: bids and cart items embedded (>= 70 % of bare Express) and, with REDIS_URL (+ MONGO_URL for bids), on Redis
 * (>= 50 %); fan-out p99 at 1,000 and 5,000 clients (<= 1.25x bare Socket.IO); embedded search at 10k and 100k
 * listings (p95 < 20 ms at 100k, cost 100k/10k < 2x); `npm test` without servers (< 30 s wall); informational rows
 * without goals: the identity routes, search on MongoDB (with MONGO_URL), the outbox (with AMQP_URL and MONGO_URL
 * or REDIS_URL). The benches' knobs apply (BENCH_BIDS, BENCH_SECONDS, BENCH_CLIENTS, BENCH_SIZES...); unset, bench:all
 * gives the shorter runs in `runDefaults` below. Each bench's own tables go to a log file per bench, in a directory
 * printed at the start. Asserts nothing: the exit code is 0 whatever the figures.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { embeddedEnv } from './support/http-bench.js';
import type { BenchName, BenchResult } from './support/benches.js';
import { runBench, runCommand } from './support/run-child.js';
import {
  failedRow,
  fanoutRows,
  identityRows,
  informationalRow,
  markdownTable,
  outboxRows,
  searchRows,
  testsRow,
  throughputRows,
  type SummaryRow,
} from './support/summary-rows.js';

const testsGoalSeconds = 30;
const withTests = process.env.BENCH_ALL_TESTS !== '0';
const logs = mkdtempSync(join(tmpdir(), 'bench-all-'));

/**
 * Per bench, what bench:all sets when unset: shorter runs, to keep the whole run to a few minutes, and the JWT secret
 * bench:reserve's Redis profile needs (a real adapter requires one).
 */
const runDefaults: Partial<Record<BenchName, NodeJS.ProcessEnv>> = {
  bids: { BENCH_BIDS: '10000' },
  reserve: { BENCH_SECONDS: '5', JWT_SECRET: randomBytes(48).toString('base64url') },
  identity: { BENCH_SECONDS: '3' },
  outbox: { BENCH_SECONDS: '5' },
};
/** Search on MongoDB is informational and slow (FerretDB: seconds a query at 10k): one size, few runs. */
const shorterMongoSearch = { BENCH_SIZES: '10000', BENCH_RUNS: '5' };

interface Step {
  label: string;
  /** The goal the step's rows answer, for the row of a step that failed ('' when informational). */
  goal: string;
  run(log: string): Promise<SummaryRow[]>;
}

/** A bench in a child process with `env` (plus bench:all's shorter runs), its figures turned into rows. */
function benchStep<N extends BenchName>(
  label: string,
  goal: string,
  name: N,
  env: NodeJS.ProcessEnv,
  rowsOf: (figures: BenchResult<N>) => SummaryRow[],
): Step {
  return {
    label,
    goal,
    async run(log) {
      const outcome = await runBench(name, { ...runDefaults[name], ...env }, log);
      return outcome.figures === undefined
        ? [failedRow(label, goal, outcome.error ?? 'no figures')]
        : rowsOf(outcome.figures);
    },
  };
}

function steps(): Step[] {
  const { REDIS_URL: redis, MONGO_URL: mongo, AMQP_URL: amqp } = process.env;
  const bids = 'POST /auctions/:id/bids';
  const cart = 'POST /cart/items';
  const list: Step[] = [
    benchStep(bids, '>= 70 %', 'bids', process.env, (f) => throughputRows(bids, f)),
    benchStep(cart, '>= 70 %', 'reserve', process.env, (f) => throughputRows(cart, f)),
    benchStep('fan-out', '<= 1.25x', 'fanout', embeddedEnv(), fanoutRows),
    benchStep('search (embedded)', '< 20 ms', 'search', embeddedEnv(), (f) => searchRows(f, true)),
  ];
  if (mongo)
    list.push(
      benchStep('search (MongoDB)', '', 'search', { ...shorterMongoSearch, ...process.env }, (f) =>
        searchRows(f, false),
      ),
    );
  list.push(benchStep('identity routes', '', 'identity', embeddedEnv(), identityRows));
  list.push(
    amqp && (mongo || redis)
      ? benchStep('outbox', '', 'outbox', process.env, outboxRows)
      : {
          label: 'outbox',
          goal: '',
          run: async () => [
            informationalRow('outbox commit to consumer', 'not run (needs AMQP_URL and MONGO_URL or REDIS_URL)'),
          ],
        },
  );
  if (withTests) list.push(testsStep());
  return list;
}

/** `npm test` without any server variable (nor CI, which would fail the suites of the servers), timed. */
function testsStep(): Step {
  const env = embeddedEnv();
  delete env.CI;
  return {
    label: 'npm test',
    goal: `< ${testsGoalSeconds} s`,
    async run(log) {
      const outcome = await runCommand(['npx', 'vitest', 'run'], env, log);
      return [testsRow(outcome.seconds, outcome.figures === true, testsGoalSeconds)];
    },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`bench:all on ${availableParallelism()} cores, node ${process.version}; each bench's output in ${logs}/`);
  const rows: SummaryRow[] = [];
  for (const [index, step] of steps().entries()) {
    const log = join(logs, `${index + 1}-${step.label.replace(/[^a-z0-9]+/gi, '-')}.log`);
    const stepStarted = performance.now();
    rows.push(...(await step.run(log).catch((error: unknown) => [failedRow(step.label, step.goal, String(error))])));
    out(`  ${step.label}: ${((performance.now() - stepStarted) / 1000).toFixed(0)} s`);
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  out(`\nbench:all, ${new Date().toISOString().slice(0, 10)}, ${minutes} min\n`);
  out(markdownTable(rows));
  const missed = rows.filter((row) => row.verdict === 'MISSED').length;
  out(`\n${missed === 0 ? 'every goal met' : `${missed} goal(s) MISSED`}`);
}

await main();
