import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Debian package `chromium`: the browser these tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the tests in a real browser can run. Where there is no Chromium they are skipped with a
 * visible notice, unless FLEETFORM_REQUIRE_CHROMIUM=1 (set by .ci/run) demands it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.FLEETFORM_REQUIRE_CHROMIUM === '1') throw new Error(`${CHROMIUM} is required (FLEETFORM_REQUIRE_CHROMIUM=1) but was not found: apt-get install -y chromium`);
  process.stderr.write(`NOTICE: ${CHROMIUM} not found; the report page tests in headless Chromium are SKIPPED (apt-get install -y chromium)\n`);
  return false;
}

/** Headless, and quiet on the network: nothing but the page under test may be fetched. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
