/**
 * The web console (web/console/) in Debian's Chromium, on the running demo (DEMO=true: seeded accounts and
 * listings, bot bidders, a courier on the road), as a buyer would use it. Screenshots go to .ci/out/.
 *
 * Test hooks of the console (data-testid unless said otherwise), for this test and any other:
 * - layout: `session` (the header's session area), `signed-in-as`, `nav-notifications`, `notification-badge`
 *   (unread count), `toasts` (aria-live region), `toast`; the main navigation is links by name (Listings, Live
 *   auctions, Cart, Orders, Notifications).
 * - sign in (#/sign-in): `sign-in-form` with inputs labelled Email and Password and the button "Sign in";
 *   `demo-accounts`, `demo-account-<email>` (a button that fills the form).
 * - listings (#/listings): `listing-filters` (labels Search, Category, Min price (EUR), Max price (EUR), Sort; button
 *   Search), `listing-results`, `listing-card` (each with its title as a link).
 * - listing (#/listing/<id>): `available-quantity` (live), `add-to-cart-form` (label Quantity, button Add to cart).
 * - cart (#/cart): `cart-line`, `checkout-form` (shipping address fields, button "Order and pay (test card)").
 * - auctions (#/auctions): `auction-list`, `auction-card` (title link).
 * - auction (#/auction/<id>): `auction-price` (in an aria-live paragraph), `auction-countdown` (role timer),
 *   `auction-reserve`, `auction-leader` (alias), `auction-status`, `auction-standing` ("You are leading" /
 *   "You have been outbid", also as data-state="leading" | "outbid"), `bid-history` with `bid` items, `bid-form`
 *   (labels "Your bid (EUR)" and "Maximum for automatic bidding (EUR, optional)", button Place bid).
 * - orders (#/orders): `order`, `delivery-link`, `pay-form-<orderId>`.
 * - delivery (#/delivery/<id>): `delivery-status`, `delivery-last-fix`, `track-map` (the SVG), `courier-marker`
 *   (with data-lat and data-lng: the courier's last position).
 * - notifications (#/notifications): `notification-list`, `notification`.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';
import { describeWithChromium, launchChromium, screenshot } from './chromium.js';

/** The demo at a pace a test can watch: short auctions, a bot bid every 1.5 s, a courier fix every second. */
const FAST_DEMO = {
  DEMO: 'true',
  DEMO_AUCTION_SECONDS: '60',
  DEMO_BOT_INTERVAL_MS: '1500',
  DEMO_COURIER_INTERVAL_MS: '1000',
  TRACKING_MIN_PERIOD_S: '0',
};
const BUYER = 'buyer1@demo.uty';
const LIVE_TIMEOUT = { timeout: 30_000, interval: 250 };

describeWithChromium('web console in Chromium, on the demo', () => {
  let t: RealtimeTestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The system clock: bots, the courier and auction ends run in real time, as in `npm run demo`.
    t = await createRealtimeTestApp(FAST_DEMO, { clock: new SystemClock() });
    await vi.waitFor(
      async () => {
        const live = await request(t.app).get('/api/v1/auctions?status=live').expect(200);
        expect(live.body.items.length, 'the demo opens a live auction').toBeGreaterThan(0);
      },
      { timeout: 60_000, interval: 500 },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const priceText = () => page.getByTestId('auction-price').textContent();
  const standing = () => page.getByTestId('auction-standing').textContent();

  it('signs in as buyer1 from the listed demo accounts', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByTestId(`demo-account-${BUYER}`).click();
    expect(await page.getByLabel('Email').inputValue()).toBe(BUYER);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Signed in as Cleo Buyer');
  });

  it('lists the published listings with their images', async () => {
    await page.getByRole('link', { name: 'Listings', exact: true }).click();
    const firstImage = page.getByTestId('listing-card').first().locator('img');
    await firstImage.waitFor();
    await expect
      .poll(() => firstImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('listing-card').count()).toBeGreaterThan(1);
    await screenshot(page, 'console-listings');
  });

  it('shows a bot bid on the live auction without a reload, then a bid of buyer1 that leads', async () => {
    await page.getByRole('link', { name: 'Live auctions' }).click();
    await page.getByTestId('auction-card').first().getByRole('link').click();
    await page.getByTestId('bid-form').waitFor();
    // A reload would drop this mark.
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
    const before = await priceText();
    await expect.poll(priceText, LIVE_TIMEOUT).not.toBe(before);
    expect(await page.evaluate(() => (globalThis as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    // A maximum well above the bots' proxy bids (a few increments at most): buyer1 stays ahead once placed.
    const auctionId = page.url().split('/').pop()!;
    const auction = (await request(t.app).get(`/api/v1/auctions/${auctionId}`).expect(200)).body;
    const maximum = (auction.currentPrice.amount + 30 * auction.minIncrement.amount) / 100;
    await page.getByLabel('Maximum for automatic bidding (EUR, optional)').fill(String(maximum));
    await page.getByRole('button', { name: 'Place bid' }).click();
    await expect.poll(standing, LIVE_TIMEOUT).toBe('You are leading');
    await expect.poll(() => page.getByTestId('bid').filter({ hasText: '(you)' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'console-auction');
  });

  it("follows the courier of buyer1's order: the marker moves on the map", async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    // The order on the road (shipped): an older one's delivery is over, a newer one's may not have left yet.
    const onTheRoad = page.getByTestId('order').filter({ hasText: 'shipped' }).getByTestId('delivery-link');
    await expect.poll(async () => (await page.reload(), onTheRoad.count()), LIVE_TIMEOUT).toBeGreaterThan(0);
    await onTheRoad.first().click();
    const marker = page.getByTestId('courier-marker');
    const position = async () => `${await marker.getAttribute('data-lat')},${await marker.getAttribute('data-lng')}`;
    await expect.poll(() => marker.getAttribute('data-lat'), LIVE_TIMEOUT).not.toBeNull();
    const first = await position();
    await expect.poll(position, LIVE_TIMEOUT).not.toBe(first);
    await screenshot(page, 'console-delivery');
  });

  it('names every form control, shows where the focus is, and signs in with the keyboard alone', async () => {
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await visitor.goto(`${t.baseUrl}/#/sign-in`);
      await visitor.getByTestId('sign-in-form').waitFor();
      await visitor.getByLabel('Email').focus();
      // Evaluated in the page (this project's TypeScript has no DOM types): the focused control's outline.
      const outline = await visitor.evaluate<string>(
        'getComputedStyle(document.activeElement).outlineStyle + " " + getComputedStyle(document.activeElement).outlineWidth',
      );
      expect(outline).not.toMatch(/^none|\b0px$/);
      await visitor.keyboard.type(BUYER);
      await visitor.keyboard.press('Tab');
      await visitor.keyboard.type('demo-password');
      await visitor.keyboard.press('Enter');
      await expect.poll(() => visitor.getByTestId('signed-in-as').textContent()).toBe('Signed in as Cleo Buyer');
      /** The form controls without a label, aria-label or aria-labelledby, evaluated in the page. */
      const unnamedControls = () =>
        visitor.evaluate<string[]>(
          `[...document.querySelectorAll('input, select, textarea')]
            .filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
            .map((c) => c.outerHTML)`,
        );
      await visitor.goto(`${t.baseUrl}/#/listings`);
      await visitor.getByTestId('listing-filters').waitFor();
      expect(await unnamedControls(), 'listings').toEqual([]);
      await visitor.getByRole('link', { name: 'Live auctions' }).click();
      await visitor.getByTestId('auction-card').first().getByRole('link').click();
      await visitor.getByTestId('bid-form').waitFor();
      expect(await unnamedControls(), 'auction').toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
