import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './fleet-copy.js';

let fleet = '';
beforeAll(async () => {
  fleet = join(await mkdtemp(join(tmpdir(), 'fleetform-report-')), 'acme');
  await run('init', fleet);
  await run('new', 'cluster', 'us-east-1-prod', '--env', 'prod', '--region', 'us-east-1', '--root', fleet);
  // prod goes ahead of staging: the tag the page must point out.
  const app = join(fleet, 'apps/hello/app.yaml');
  await writeFile(app, (await readFile(app, 'utf8')).replace('    prod:\n', '    prod:\n      image:\n        tag: 1.28-alpine\n'));
});

describe('fleetform report', () => {
  it('GIVEN a fleet WHEN report --out THEN it writes one page with the matrix and the very counts `fleetform validate` gives', async () => {
    const out = join(fleet, 'site/fleet.html');
    const { code, out: status, err } = await run('report', '--root', fleet, '--out', out);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(status).toMatch(/^fleetform: wrote .*site\/fleet\.html: 1 app on 2 clusters, 1 tag differs from the previous environment, validation passed\n$/);
    const page = await readFile(out, 'utf8');
    expect(page).toMatch(/<td class="cell differs[^"]*" data-app="hello" data-cluster="us-east-1-prod"[^>]*>\s*<code class="tag">1\.28-alpine<\/code><span class="differs-note">≠ staging: 1\.27-alpine<\/span>/);
    const summary = /Summary: (\d+) resources found in \d+ files - Valid: (\d+), Invalid: (\d+), Errors: (\d+), Skipped: (\d+)/.exec((await run('validate', '--root', fleet)).out)!;
    const [resources, valid, invalid, errors, skipped] = summary.slice(1);
    expect(page).toContain(`${resources} resources checked: ${valid} valid, ${invalid} invalid, ${errors} errors, ${skipped} skipped`);
  });

  it('GIVEN a fleet that does not render THEN exit 1 with its errors, and no page', async () => {
    const broken = join(await mkdtemp(join(tmpdir(), 'fleetform-report-')), 'broken');
    await run('init', broken);
    await writeFile(join(broken, 'clusters/us-east-1-staging/cluster.yaml'), 'environment: staging\nregion: us-east1\n');
    const out = join(broken, 'fleet.html');
    const { code, err } = await run('report', '--root', broken, '--out', out);
    expect(code).toBe(1);
    expect(err).toContain('error FF112 at /region: unknown region `us-east1`');
    expect(err).toMatch(/fleetform: no report: the fleet does not render\n$/);
    await expect(access(out)).rejects.toThrow();
  });
});
