import { existsSync, mkdirSync } from 'node:fs';
import { describe, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inCI } from '../support/real-services.js';

/** Debian's Chromium (.ci/run installs the `chromium` package when it is missing): playwright-core downloads none. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where CI keeps what it shows (.ci/run keeps .ci/out/). */
export const SCREENSHOTS = '.ci/out';

/**
 * Declares a suite that drives Chromium. Without /usr/bin/chromium: skipped with the reason, or a failing test under
 * CI=true (CI must run the browser tests), like describeWithService does for real servers.
 */
export function describeWithChromium(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  if (inCI) {
    describe(title, () => {
      it('needs Chromium: CI=true makes the browser tests mandatory', () => {
        throw new Error(`${CHROMIUM} is missing; .ci/run installs it with apt-get install chromium`);
      });
    });
    return;
  }
  process.stderr.write(`skipped "${title}": ${CHROMIUM} is missing (apt-get install chromium to run it)\n`);
  describe.skipIf(true)(`${title} [${CHROMIUM} missing]`, () => {
    it('runs when Chromium is installed', () => undefined);
  });
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** A full-page screenshot under .ci/out/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
