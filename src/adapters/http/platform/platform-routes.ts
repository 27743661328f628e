import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Registry } from 'prom-client';
import type { BackendKind, HealthCheck } from '../../platform/runtime.js';
import { problem, sendProblem } from '../problem.js';

const PING_TIMEOUT_MS = 2000;

function withTimeout(check: HealthCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    check
      .ping()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

type BackendState = 'ok' | 'down';

async function readiness(checks: HealthCheck[]): Promise<Record<string, BackendState>> {
  const results = await Promise.allSettled(checks.map(withTimeout));
  return Object.fromEntries(checks.map((c, i) => [c.name, results[i]?.status === 'fulfilled' ? 'ok' : 'down']));
}

/** The backends that are down, among those of `kind` (a check without one is a store). */
function down(checks: HealthCheck[], backends: Record<string, BackendState>, kind: BackendKind): string[] {
  const isDown = (check: HealthCheck) => (check.kind ?? 'store') === kind && backends[check.name] === 'down';
  return checks.filter(isDown).map((check) => check.name);
}

/** /healthz, /readyz, /metrics, /openapi.json, /asyncapi.json and the Swagger UI at /docs. */
export function platformRoutes(deps: {
  healthChecks: HealthCheck[];
  metrics: Registry;
  openApi: () => object;
  asyncApi: () => object;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // 503 only when a store requests need is down; a broker down is a degraded mode (api.md 1.1).
  router.get('/readyz', async (_req, res) => {
    const checks = [...deps.healthChecks];
    const backends = await readiness(checks);
    const failing = down(checks, backends, 'store');
    if (failing.length > 0) {
      sendProblem(res, problem(503, 'NOT_READY', `unreachable: ${failing.join(', ')}`, { backends, failing }));
      return;
    }
    res.json({ status: down(checks, backends, 'broker').length > 0 ? 'degraded' : 'ready', backends });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(deps.openApi());
  });
  router.get('/asyncapi.json', (_req, res) => {
    res.json(deps.asyncApi());
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }));
  return router;
}
