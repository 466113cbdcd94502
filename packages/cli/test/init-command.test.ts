import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, snapshotTree } from './fleet-copy.js';

const scratch = () => mkdtemp(join(tmpdir(), 'fleetform-init-'));

describe('fleetform init, then new app and new cluster', () => {
  it('GIVEN an empty folder WHEN init THEN the fleet renders and validates at once; an app and a cluster added later render and validate too', async () => {
    // Nothing is installed: the in-process command line works on the new folder through --root.
    const root = join(await scratch(), 'acme-fleet');
    const init = await run('init', root, '--repo-url', 'https://github.com/acme/acme-fleet.git');
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/^fleetform: created the acme-fleet fleet in .*acme-fleet: 10 files, one region \(us-east-1\), one cluster \(us-east-1-staging\), one app \(hello\)\n/);

    const render = await run('render', '--root', root);
    expect(render).toEqual({ code: 0, out: expect.stringMatching(/^fleetform: rendered 1 app on 1 cluster: \d+ created/), err: '' });
    const validate = await run('validate', '--root', root);
    expect(validate.out).toMatch(/^Summary: \d+ resources found in \d+ files - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0$/m);
    expect(validate.code).toBe(0);
    // The first image bump works on the app as init wrote it, changing only its tag line.
    const hello = await readFile(join(root, 'apps/hello/app.yaml'), 'utf8');
    expect(await run('bump', 'hello', '1.27.1', '--root', root)).toMatchObject({ code: 0 });
    const bumped = await readFile(join(root, 'apps/hello/app.yaml'), 'utf8');
    expect(bumped.split('\n').filter((line, i) => line !== hello.split('\n')[i])).toEqual(['  tag: 1.27.1']);

    const app = await run('new', 'app', 'billing', '--image', 'ghcr.io/acme/billing:1.4.2', '--team', 'payments', '--root', root);
    expect(app).toEqual({ code: 0, out: expect.stringContaining('fleetform: created apps/billing/app.yaml'), err: '' });
    const cluster = await run('new', 'cluster', 'us-east-1-prod', '--env', 'prod', '--region', 'us-east-1', '--root', root);
    expect(cluster).toEqual({ code: 0, out: expect.stringContaining('fleetform: created clusters/us-east-1-prod/cluster.yaml'), err: '' });

    expect((await run('render', '--root', root)).out).toMatch(/^fleetform: rendered 2 apps on 2 clusters: /);
    const again = await run('validate', '--root', root);
    expect(again.out).toMatch(/Invalid: 0, Errors: 0, Skipped: 0$/m);
    expect(again.code).toBe(0);
    expect(await run('render', '--check', '--root', root)).toMatchObject({ code: 0 });
    // The new app's override reaches only prod: 3 replicas there, 2 in staging.
    const prod = await readFile(join(root, 'apps/billing/overlays/us-east-1-prod/patches/deployment-billing-web.yaml'), 'utf8');
    expect(prod).toContain('value: 3');
  });

  it('GIVEN a folder with a file init would write WHEN init THEN it exits 1 naming the file, and writes nothing', async () => {
    const root = await scratch();
    await writeFile(join(root, 'README.md'), '# mine\n');
    const before = await snapshotTree(root);
    const { code, err } = await run('init', root);
    expect(code).toBe(1);
    expect(err).toContain('README.md:1:1: error FF900: README.md exists already: fleetform never overwrites a file it did not generate');
    expect(err).toContain('hint: init writes nothing unless every file is new');
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('GIVEN an environment and a region that are almost right WHEN new cluster THEN exit 1 with both suggestions, and no file', async () => {
    const root = join(await scratch(), 'fleet');
    await run('init', root);
    const before = await snapshotTree(root);
    const { code, err } = await run('new', 'cluster', 'eu-prod', '--env', 'prd', '--region', 'us-east1', '--root', root);
    expect(code).toBe(1);
    expect(err).toBe(
      [
        'error FF902: unknown environment `prd` (expected one of `staging`, `prod`, found `prd`)',
        '  hint: did you mean `prod`?',
        'error FF903: unknown region `us-east1` (expected one of `us-east-1`, found `us-east1`)',
        '  hint: did you mean `us-east-1`?',
        '2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('GIVEN an app that exists WHEN new app again THEN it refuses to overwrite, exit 1', async () => {
    const root = join(await scratch(), 'fleet');
    await run('init', root);
    const written = await readFile(join(root, 'apps/hello/app.yaml'), 'utf8');
    const { code, err } = await run('new', 'app', 'hello', '--root', root);
    expect(code).toBe(1);
    expect(err).toContain('apps/hello/app.yaml:1:1: error FF900: apps/hello/app.yaml exists already');
    expect(await readFile(join(root, 'apps/hello/app.yaml'), 'utf8')).toBe(written);
  });

  it('GIVEN a name that cannot be a folder and a namespace, or an image without a tag THEN each is an error with a suggestion', async () => {
    const root = join(await scratch(), 'fleet');
    await run('init', root);
    const { code, err } = await run('new', 'app', 'Billing_API', '--image', 'billing', '--root', root);
    expect(code).toBe(1);
    expect(err).toContain('error FF901: `Billing_API` cannot be an app name');
    expect(err).toContain('hint: did you mean `billing-api`?');
    expect(err).toContain('error FF904: `billing` is not an image reference fleetform can write: it has no tag');
  });

  it('GIVEN no fleet here WHEN new cluster THEN it says how to start one', async () => {
    const { code, err } = await run('new', 'cluster', 'a', '--env', 'prod', '--region', 'r', '--root', await scratch());
    expect(code).toBe(1);
    expect(err).toContain('error FF100: no clusters/fleet.yaml here');
    expect(err).toContain('`fleetform init DIR` starts a new fleet');
  });
});
