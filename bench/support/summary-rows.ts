/**
 * The rows of bench:all's table, made from each bench's figures: what was measured, against which baseline, the
 * ratio, and the goal of issue 16 with whether it was met. Informational rows have no goal.
 */
import type { BenchResult } from './benches.js';

export interface SummaryRow {
  metric: string;
  measured: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: '' | 'met' | 'MISSED';
}

// Figures cross from the bench's process as JSON, where NaN becomes null.
type Figure = number | null | undefined;

const isFinite = (value: Figure): value is number => typeof value === 'number' && Number.isFinite(value);
const fixed = (value: Figure, digits: number): string => (isFinite(value) ? value.toFixed(digits) : '-');
const verdictOf = (met: boolean): SummaryRow['verdict'] => (met ? 'met' : 'MISSED');

export function informationalRow(metric: string, measured: string, baseline = '', ratio = ''): SummaryRow {
  return { metric, measured, baseline, ratio, goal: '', verdict: '' };
}

/** A bench or command that gave no figures: MISSED where it had a goal. */
export function failedRow(metric: string, goal: string, error: string): SummaryRow {
  return { metric, measured: `failed: ${error}`, baseline: '', ratio: '', goal, verdict: goal ? 'MISSED' : '' };
}

/** bench:bids and bench:reserve: each profile's req/s as a share of bare Express's, against the bench's goal. */
export function throughputRows(route: string, result: BenchResult<'bids' | 'reserve'>): SummaryRow[] {
  const bare = result.bare.rps;
  return result.profiles.map((profile) => {
    const percent = (profile.rps / bare) * 100;
    const goal = profile.goal;
    return {
      metric: `${route}, ${profile.name}`,
      measured: `${fixed(profile.rps, 0)} req/s`,
      baseline: `${fixed(bare, 0)} req/s bare Express`,
      ratio: `${fixed(percent, 0)} %`,
      goal: goal === undefined ? '' : `>= ${goal} %`,
      verdict: goal === undefined ? '' : verdictOf(isFinite(percent) && percent >= goal),
    };
  });
}

/** bench:fanout: per client count, the app's all-received p99 over bare Socket.IO's. */
export function fanoutRows(result: BenchResult<'fanout'>): SummaryRow[] {
  return result.map(({ clients, goal, appP99, bareP99, error }) => {
    const metric = `fan-out p99 to ${clients} clients (embedded)`;
    const goalText = `<= ${goal}x`;
    if (error) return failedRow(metric, goalText, error);
    const ratio = isFinite(appP99) && isFinite(bareP99) ? appP99 / bareP99 : Number.NaN;
    return {
      metric,
      measured: `${fixed(appP99, 1)} ms`,
      baseline: `${fixed(bareP99, 1)} ms bare Socket.IO`,
      ratio: `${fixed(ratio, 2)}x`,
      goal: goalText,
      verdict: verdictOf(Number.isFinite(ratio) && ratio <= goal),
    };
  });
}

/**
 * bench:search: the worst p95 of the queries at the largest size, and the worst cost ratio of the largest size to the
 * smallest. The goals hold for the embedded store; on MongoDB (`withGoals` false) the rows are informational.
 */
export function searchRows(result: BenchResult<'search'>, withGoals: boolean): SummaryRow[] {
  const { store, sizes, goals, queries } = result;
  const [smallest, largest] = [sizes[0]!, sizes.at(-1)!];
  const atLargest = (figures: (typeof queries)[number]['bySize']) => figures.at(-1)!;
  const slowest = queries.reduce((worst, q) => (atLargest(q.bySize).p95 > atLargest(worst.bySize).p95 ? q : worst));
  const p95 = atLargest(slowest.bySize).p95;
  const rows: SummaryRow[] = [
    {
      ...informationalRow(`search p95 at ${largest} listings, ${store}`, `${fixed(p95, 2)} ms (${slowest.name})`),
      ...(withGoals ? { goal: `< ${goals.p95Ms} ms`, verdict: verdictOf(p95 < goals.p95Ms) } : {}),
    },
  ];
  if (sizes.length < 2) return rows;
  const ratioOf = (q: (typeof queries)[number]) => atLargest(q.bySize).cost / q.bySize[0]!.cost;
  const steepest = queries.reduce((worst, q) => (ratioOf(q) > ratioOf(worst) ? q : worst));
  const ratio = ratioOf(steepest);
  rows.push({
    ...informationalRow(
      `search cost ${largest}/${smallest} listings, ${store}`,
      `${fixed(atLargest(steepest.bySize).cost * 1000, 0)} µs (${steepest.name})`,
      `${fixed(steepest.bySize[0]!.cost * 1000, 0)} µs at ${smallest}`,
      `${fixed(ratio, 2)}x`,
    ),
    ...(withGoals ? { goal: `< ${goals.ratio}x`, verdict: verdictOf(ratio < goals.ratio) } : {}),
  });
  return rows;
}

/** bench (identity routes): each route's req/s against GET /healthz's, informational. */
export function identityRows(result: BenchResult<'identity'>): SummaryRow[] {
  const [healthz, ...routes] = result;
  return routes.map((route) =>
    informationalRow(
      `${route.name} (embedded)`,
      `${fixed(route.rps, 0)} req/s`,
      `${fixed(healthz?.rps, 0)} req/s GET /healthz`,
      `${fixed((route.rps / (healthz?.rps ?? Number.NaN)) * 100, 0)} %`,
    ),
  );
}

/** bench:outbox: commit-to-consumer p99 per store and rate, informational. */
export function outboxRows(result: BenchResult<'outbox'>): SummaryRow[] {
  return result.map((row) =>
    informationalRow(
      `outbox commit to consumer p99, ${row.name.split(' (')[0]} at ${row.rate}/s`,
      `${fixed(row.p99, 1)} ms (${row.received}/${row.sent} received)`,
    ),
  );
}

/** `npm test` without servers: its wall clock against the goal; a failing suite misses it whatever the time. */
export function testsRow(seconds: number, passed: boolean, goalSeconds: number): SummaryRow {
  return {
    ...informationalRow(
      'npm test without servers (wall clock)',
      `${seconds.toFixed(1)} s${passed ? '' : ', tests FAILED'}`,
    ),
    goal: `< ${goalSeconds} s`,
    verdict: verdictOf(passed && seconds < goalSeconds),
  };
}

const columns: [keyof SummaryRow, string][] = [
  ['metric', 'route / metric'],
  ['measured', 'measured'],
  ['baseline', 'baseline'],
  ['ratio', 'ratio'],
  ['goal', 'goal'],
  ['verdict', 'met?'],
];

/** The table as Markdown, columns padded so that it reads in a terminal as well as in the README. */
export function markdownTable(rows: SummaryRow[]): string {
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(columns.map(([, title]) => title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map(([key]) => row[key]))),
  ].join('\n');
}
