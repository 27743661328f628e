import { createServer, type Server } from 'node:http';
import type { Config } from './config.js';
import { buildContainer, runtimeOf } from './container.js';
import { createApp } from './adapters/http/app.js';
import { createLogger, type Logger } from './adapters/platform/logger.js';
import { adapterReport, isEmbedded } from './composition/adapter-report.js';
import { realtimeGatewayOf } from './composition/realtime.js';
import { demoBanner } from './adapters/demo/demo-banner.js';

function announce(config: Config, logger: Logger): void {
  const adapters = adapterReport(config);
  if (isEmbedded(config)) {
    logger.warn({ adapters }, 'EMBEDDED DEFAULT: every port runs in memory; data is lost when the process stops');
  } else {
    logger.info({ adapters }, 'adapters chosen from the environment');
  }
  if (config.jwt.ephemeral)
    logger.warn('JWT_SECRET is not set: a random signing key was made; tokens die with the process');
}

/**
 * Stops accepting, disconnects the sockets, lets requests in flight finish (up to the timeout), then closes the
 * backends.
 */
function shutdownOnSignals(
  server: Server,
  close: () => Promise<void>,
  logger: Logger,
  timeoutMs: number,
  disconnect: () => Promise<void>,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void close().then(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
    server.closeIdleConnections();
    // Open WebSockets would keep server.close() waiting.
    void disconnect();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Builds the app for `config` and serves it until SIGTERM or SIGINT (src/main.ts reads the configuration first). */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  announce(config, logger);
  const container = await buildContainer(config, { logger });
  const server = createServer(
    createApp(container, {
      trustProxy: config.trustProxy,
      eventExchange: config.amqp?.exchange,
      checkResponses: config.env === 'test',
      allowedOrigins: config.cors.allowedOrigins,
      demo: config.demo !== undefined,
    }),
  );
  const runtime = runtimeOf(container);
  const gateway = realtimeGatewayOf(container);
  gateway.attach(server);
  shutdownOnSignals(
    server,
    () => runtime.closeAll((name, err) => logger.warn({ err, name }, 'error while closing')),
    logger,
    config.shutdownTimeoutMs,
    () => gateway.close(),
  );
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port }, `Uty API listening on http://localhost:${port} (Swagger UI at /docs)`);
    if (config.demo) process.stdout.write(`${demoBanner(`http://localhost:${port}`)}\n`);
  });
}
