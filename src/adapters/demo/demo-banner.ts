import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-cast.js';

/** What `npm run demo` prints once listening: where to look and who to sign in as. */
export function demoBanner(baseUrl: string): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  const rows = DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(width)}  ${account.roles.join(', ')}`);
  return [
    '',
    `  Uty demo: open ${baseUrl} (API docs at ${baseUrl}/docs)`,
    `  Demo accounts, password "${DEMO_PASSWORD}":`,
    ...rows,
    '  A live auction with bot bidders and a courier on the road are running. Demo data only: never in production.',
    '',
  ].join('\n');
}
