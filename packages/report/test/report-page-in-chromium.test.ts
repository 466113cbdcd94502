/// <reference lib="dom" />
// The callbacks given to evaluate() run in the page, where the DOM is.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportPage, type FleetReport } from '../src/index.js';
import { chromiumAvailable, launchChromium } from './chromium.js';
import { exampleFleetWithProdBump, reportOf } from './example-fleet.js';

const SCREENSHOTS = join(import.meta.dirname, '__screenshots__');
const PROD = ['us-east-1-prod', 'eu-west-1-prod', 'ap-south-1-prod'];

describe.skipIf(!chromiumAvailable())('the report page, as a person sees it in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let report: FleetReport;
  let url: string;
  const requests: string[] = [];
  const complaints: string[] = [];

  beforeAll(async () => {
    // A pending promotion: prod is bumped to v1.1.0 by an override, staging still runs what app.yaml says.
    report = reportOf(await exampleFleetWithProdBump('dbupgrade', 'v1.1.0'));
    const file = join(await mkdtemp(join(tmpdir(), 'fleetform-report-')), 'report.html');
    await writeFile(file, renderReportPage(report));
    url = pathToFileURL(file).href;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    // A blocked inline script or style (the page's own policy) shows up here as a console error.
    page.on('console', (message) => (['error', 'warning'].includes(message.type()) ? complaints.push(message.text()) : undefined));
    page.on('pageerror', (error) => complaints.push(error.message));
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** What a person reads in an element, paragraph breaks as single line breaks. */
  const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\n{2,}/g, '\n');
  const cell = (app: string, cluster: string) => page.locator(`td[data-app="${app}"][data-cluster="${cluster}"]`);
  const background = (app: string, cluster: string) => cell(app, cluster).evaluate((el) => getComputedStyle(el).backgroundColor);

  it('GIVEN the page THEN it fetched nothing but itself, and its own script and styles ran without a complaint', async () => {
    expect(requests).toEqual([url]);
    expect(complaints).toEqual([]);
    // The stylesheet applied (the page is not unstyled) and the script ran (the filter works, below).
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  it('GIVEN the matrix THEN each app shows its tag on each cluster, staging as it was and prod with the bump', async () => {
    const staging = report.apps.find((a) => a.name === 'dbupgrade')!.cells['us-east-1-staging']!.version;
    expect(await cell('dbupgrade', 'us-east-1-staging').innerText()).toBe(staging);
    for (const cluster of PROD) {
      expect(await cell('dbupgrade', cluster).isVisible()).toBe(true);
      expect(await cell('dbupgrade', cluster).innerText()).toBe(`v1.1.0\n≠ staging: ${staging}`);
    }
    const environments = await page.locator('.matrix thead .env-head').allInnerTexts();
    expect(environments.map((e) => e.toLowerCase())).toEqual(report.environments.filter((e) => e.clusters.length > 0).map((e) => e.name));
  });

  it('GIVEN the bumped prod cells THEN they stand out from the cells that match the environment before them', async () => {
    const plain = await background('dbupgrade', 'us-east-1-staging');
    const unchangedApp = report.apps.find((a) => a.name !== 'dbupgrade' && a.cells['us-east-1-prod'])!;
    expect(await background(unchangedApp.name, 'us-east-1-prod')).toBe(plain);
    for (const cluster of PROD) {
      const highlighted = await background('dbupgrade', cluster);
      expect(highlighted).not.toBe(plain);
      expect(highlighted).toBe('rgb(255, 241, 199)');
    }
    expect(await page.locator('.stats').innerText()).toContain('3\ntags differ from the previous environment');
  });

  it('GIVEN the promotion path THEN the environments read in promotion order, left to right, with their clusters', async () => {
    const cards = page.locator('.promotion-path > .environment');
    const names = await cards.locator('h3').allInnerTexts();
    expect(names).toEqual(report.environments.map((e) => e.name));
    const lefts = await cards.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(await page.locator('[data-environment="prod"]').innerText()).toContain('tags arrive by pull request');
  });

  it('GIVEN the app name in the matrix WHEN followed THEN its timeline opens: waves left to right, the CRD first, the webhook last', async () => {
    await page.getByRole('link', { name: 'dbupgrade', exact: true }).click();
    const timeline = page.locator('#app-dbupgrade');
    expect(await timeline.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const waves = timeline.locator('.wave');
    expect(await waves.locator('.wave-number').allInnerTexts()).toEqual(['WAVE -1', 'WAVE 0', 'WAVE 1', 'WAVE 2', 'WAVE 3']);
    const lefts = await waves.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(await waves.first().innerText()).toContain('CustomResourceDefinition\ndbupgrades.dbupgrade.subbug.learning');
    expect(await waves.last().innerText()).toContain('ValidatingWebhookConfiguration');
  });

  it('GIVEN the validation result THEN it says every object is valid, with the counts', async () => {
    const verdict = page.getByRole('status');
    expect(await textOf(verdict)).toBe('✓\nEvery value file and every rendered object is valid\n62 resources checked: 62 valid, 0 invalid, 0 errors, 0 skipped');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
  });

  it('GIVEN a person types in the filter WHEN asked for only apps whose tags differ THEN only dbupgrade remains', async () => {
    await page.getByLabel('only apps whose tags differ').check();
    expect(await page.locator('.matrix tbody tr:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-app')))).toEqual(['dbupgrade']);
    await page.getByLabel('only apps whose tags differ').uncheck();
    await page.getByRole('searchbox').fill('openpolicy');
    const shown = await page.locator('.matrix tbody tr:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-team')));
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(['openpolicy']));
    // Following links and filtering fetched nothing either.
    expect(requests).toEqual([url]);
  });

  it('GIVEN a failed validation THEN the verdict says so and each problem shows its place, its object and its hint', async () => {
    const failed = await browser.newPage();
    await failed.setContent(
      renderReportPage({
        ...report,
        validation: {
          passed: false,
          resources: 62,
          valid: 61,
          invalid: 1,
          errors: 0,
          skipped: 0,
          problems: [
            {
              severity: 'error',
              code: 'FF403',
              message: 'mutable image `dbupgrade-operator:latest` in environment prod',
              where: 'apps/dbupgrade/overlays/us-east-1-prod/kustomization.yaml:7:5',
              subject: 'Deployment/dbupgrade-controller on us-east-1-prod',
              hint: 'pin a version tag or a digest',
            },
          ],
          waived: [],
        },
      }),
    );
    expect(await failed.getByRole('status').innerText()).toContain('Validation failed: 1 error');
    expect(await textOf(failed.locator('.problem'))).toBe(
      'error FF403 Deployment/dbupgrade-controller on us-east-1-prod\nmutable image `dbupgrade-operator:latest` in environment prod\napps/dbupgrade/overlays/us-east-1-prod/kustomization.yaml:7:5\nhint: pin a version tag or a digest',
    );
    expect(await failed.locator('.stats').innerText()).toContain('✗ 1\nvalidation problem');
    await failed.close();
  });
});
