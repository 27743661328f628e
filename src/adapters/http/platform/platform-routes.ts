import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Registry } from 'prom-client';
import type { HealthCheck } from '../../platform/runtime.js';
import { problem, sendProblem } from '../problem.js';

const PING_TIMEOUT_MS = 2000;

function withTimeout(check: HealthCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    check.ping().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function readiness(checks: HealthCheck[]): Promise<Record<string, string>> {
  const results = await Promise.allSettled(checks.map(withTimeout));
  return Object.fromEntries(checks.map((c, i) => [c.name, results[i]?.status === 'fulfilled' ? 'ok' : 'failing']));
}

/** /healthz, /readyz, /metrics, /openapi.json and the Swagger UI at /docs. */
export function platformRoutes(deps: { healthChecks: HealthCheck[]; metrics: Registry; openApi: () => object }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const backends = await readiness(deps.healthChecks);
    const failing = Object.keys(backends).filter((name) => backends[name] !== 'ok');
    if (failing.length === 0) {
      res.json({ status: 'ready', backends });
      return;
    }
    sendProblem(res, problem(503, 'NOT_READY', `unreachable: ${failing.join(', ')}`, { backends, failing }));
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(deps.openApi());
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }));
  return router;
}
