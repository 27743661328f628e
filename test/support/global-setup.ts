/** Says once, before the tests, which real servers the contract suites will use. */
export default function setup(): void {
  const services = ['MONGO_URL', 'REDIS_URL', 'AMQP_URL'] as const;
  const lines = services.map(
    (name) => `  ${name}: ${process.env[name] ? 'set, real-server suites run' : 'not set, its suites are skipped'}`,
  );
  process.stdout.write(
    `contract suites on real servers${process.env.CI === 'true' ? ' (CI=true: all mandatory)' : ''}:\n${lines.join('\n')}\n`,
  );
}
