import request from 'supertest';
import { expect, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import type { AuctionUseCases } from '../../../src/application/auctions/use-cases.js';
import { DEMO_PASSWORD, type DemoCast, type DemoUser } from '../../../src/adapters/demo/demo-cast.js';
import type { DemoDeps } from '../../../src/adapters/demo/demo-deps.js';
import { DemoSeeder } from '../../../src/adapters/demo/demo-seeder.js';
import { demoDepsOf } from '../../../src/composition/demo.js';
import type { DemoSettings } from '../../../src/config.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/** The demo's actors' world: an app on the embedded default (DEMO unset: no timers run), its use cases, the seed. */
export interface DemoWorld {
  t: TestApp;
  deps: DemoDeps;
  cast: DemoCast;
  settings: DemoSettings;
}

export const DEMO_TEST_SETTINGS: DemoSettings = { auctionSeconds: 180, botIntervalMs: 4_000, courierIntervalMs: 3_000 };

export async function demoWorld(): Promise<DemoWorld> {
  const t = await createTestApp();
  const deps = demoDepsOf(t.container);
  const cast = await new DemoSeeder(deps).seed();
  // The stock ledger follows listing.published through the outbox: the courier's orders need its units.
  const ledger = t.container.get<StockLedger>(StockLedger);
  await vi.waitFor(async () => expect((await ledger.level(cast.deliveryListingId))?.available).toBeGreaterThan(0), {
    timeout: 20_000,
    interval: 20,
  });
  return { t, deps, cast, settings: DEMO_TEST_SETTINGS };
}

/** The demo deps whose bids (and their answers) the test records. */
export function recordingBids(deps: DemoDeps) {
  const placed: Awaited<ReturnType<AuctionUseCases['placeBid']['execute']>>[] = [];
  const placeBid = deps.auctions.placeBid;
  const recording: DemoDeps = {
    ...deps,
    auctions: {
      ...deps.auctions,
      placeBid: Object.assign(Object.create(placeBid) as typeof placeBid, {
        execute: async (command: Parameters<typeof placeBid.execute>[0]) => {
          const answer = await placeBid.execute(command);
          placed.push(answer);
          return answer;
        },
      }),
    },
  };
  return { deps: recording, placed };
}

/** A demo account signed in over HTTP (again after the test clock moved past its last token). */
export async function signedIn(w: DemoWorld, user: DemoUser): Promise<{ Authorization: string }> {
  const res = await request(w.t.app).post('/api/v1/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}
