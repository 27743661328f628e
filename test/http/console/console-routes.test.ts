import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/adapters/http/app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/adapters/demo/demo-cast.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('web console routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET / serves the console page, which loads its module from the app itself (the CSP allows no inline script)', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script type="module" src="/console/app.js"></script>');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the console modules and styles under /console/', async () => {
    const script = await request(t.app).get('/console/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.text).toContain("from './realtime.js'");
    const page = await request(t.app).get('/console/pages/auction.js').expect(200);
    expect(page.text).toContain('auction.bid.placed');
    const styles = await request(t.app).get('/console/console.css').expect(200);
    expect(styles.headers['content-type']).toMatch(/^text\/css/);
  });

  it("serves Socket.IO's browser client from the server package (its ESM build)", async () => {
    const res = await request(t.app).get('/console/vendor/socket.io.esm.min.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toMatch(/export\s*\{/);
  });

  it('an unknown console asset is the usual 404 problem, and the API is still under /api/v1', async () => {
    const missing = await request(t.app).get('/console/nothing-here.js').expect(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    await request(t.app).get('/api/v1/categories').expect(200);
  });

  it('GET /console/demo.json outside the demo: no account listed', async () => {
    const res = await request(t.app).get('/console/demo.json').expect(200);
    expect(res.body).toEqual({ demo: false, accounts: [] });
  });

  it('GET /console/demo.json in the demo lists every demo account with the demo password', async () => {
    const demoApp = createApp(t.container, { demo: true });
    const res = await request(demoApp).get('/console/demo.json').expect(200);
    expect(res.body.demo).toBe(true);
    expect(res.body.accounts).toEqual(DEMO_ACCOUNTS.map((account) => ({ ...account, password: DEMO_PASSWORD })));
    expect(res.body.accounts.map((a: { email: string }) => a.email)).toContain('buyer1@demo.uty');
  });
});
