import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, run, snapshotTree } from './fleet-copy.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/chart-app');
const APP = 'apps/podinfo/app.yaml';
const PROD = 'clusters/eu-west-1-prod/apps/podinfo.yaml';
const STAGING = 'clusters/eu-west-1-staging/apps/podinfo.yaml';

/** A scratch copy of the chart-app fixture fleet with the repository's schemas, rendered. */
async function fleet(change?: (appYaml: string) => string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fleetform-chart-app-'));
  await cp(FIXTURE, root, { recursive: true });
  await cp(join(repoRoot, 'schemas'), join(root, 'schemas'), { recursive: true });
  if (change) await writeFile(join(root, APP), change(await readFile(join(root, APP), 'utf8')));
  return root;
}

const applicationOf = async (root: string, path: string) => parse((await readFile(join(root, path), 'utf8')).replace(/^#.*\n/, '')) as { spec: { sources: { chart?: string; targetRevision: string; path?: string; helm?: { releaseName: string; valuesObject: Record<string, unknown> } }[] } };

describe('an app from a Helm chart', () => {
  it('GIVEN the fixture fleet THEN each cluster\'s Application has the chart, with the values of its layers and the region\'s image, beside the overlay of fleetform\'s own objects; it validates', async () => {
    const root = await fleet();
    expect((await run('render', '--root', root)).code).toBe(0);
    const prod = await applicationOf(root, PROD);
    expect(prod.spec.sources).toEqual([
      {
        repoURL: 'https://stefanprodan.github.io/podinfo',
        chart: 'podinfo',
        targetRevision: '6.7.1',
        helm: {
          releaseName: 'podinfo',
          valuesObject: { replicaCount: 3, ui: { message: 'hello from prod' }, image: { repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/stefanprodan/podinfo', tag: '6.7.1' } },
        },
      },
      { repoURL: 'https://github.com/example-org/fleet.git', targetRevision: 'main', path: 'apps/podinfo/overlays/eu-west-1-prod' },
    ]);
    expect((await applicationOf(root, STAGING)).spec.sources[0]!.helm!.valuesObject).toMatchObject({ replicaCount: 1, ui: { message: 'hello from staging' } });
    const project = await readFile(join(root, 'clusters/eu-west-1-prod/projects/web.yaml'), 'utf8');
    expect(project).toContain('sourceRepos:\n    - https://github.com/example-org/fleet.git\n    - https://stefanprodan.github.io/podinfo\n');
    expect(project).toContain('    - group: apps\n      kind: Deployment\n');
    const validated = await run('validate', '--root', root);
    expect(validated.out).toMatch(/Invalid: 0, Errors: 0/);
    expect(validated.code).toBe(0);
  });

  it('GIVEN a prod image bump THEN app.yaml gains one override and only the prod Application changes', async () => {
    const root = await fleet();
    expect((await run('render', '--root', root)).code).toBe(0);
    const before = await snapshotTree(root);
    const { code, out } = await run('bump', 'podinfo', '6.7.2', '--env', 'prod', '--root', root);
    expect(code).toBe(0);
    expect(out).toContain('eu-west-1-prod  6.7.1 → 6.7.2');
    const after = await snapshotTree(root);
    const changed = [...after].filter(([path, text]) => before.get(path) !== text && !path.startsWith('.fleetform/')).map(([path]) => path);
    expect(changed).toEqual([APP, PROD]);
    expect((await applicationOf(root, PROD)).spec.sources[0]!.helm!.valuesObject.image).toEqual({ repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/stefanprodan/podinfo', tag: '6.7.2' });
  });

  it('GIVEN a rendered fleet and a new image tag THEN the incremental render makes the clusters\' Applications again (the image is in their Helm values) and equals a full render', async () => {
    const root = await fleet();
    expect((await run('render', '--root', root)).code).toBe(0);
    await writeFile(join(root, APP), (await readFile(join(root, APP), 'utf8')).replace('tag: 6.7.1', 'tag: 6.7.3'));
    expect((await run('render', '--root', root)).code).toBe(0);
    expect((await applicationOf(root, STAGING)).spec.sources[0]!.helm!.valuesObject.image).toMatchObject({ tag: '6.7.3' });
    const full = await fleet((t) => t.replace('tag: 6.7.1', 'tag: 6.7.3'));
    expect((await run('render', '--no-cache', '--root', full)).code).toBe(0);
    const generated = async (dir: string) => new Map([...(await snapshotTree(dir))].filter(([path]) => !path.startsWith('.fleetform')));
    expect(await generated(root)).toEqual(await generated(full));
  });

  it('GIVEN --chart with --env prod THEN the prod override gains the chart version and only the prod Application changes; a range is refused', async () => {
    const root = await fleet();
    expect((await run('render', '--root', root)).code).toBe(0);
    const before = await snapshotTree(root);
    const { code, out } = await run('bump', 'podinfo', '6.8.0', '--chart', '--env', 'prod', '--root', root);
    expect(code).toBe(0);
    expect(out).toContain('fleetform: bump podinfo chart to 6.8.0 in environment prod\n');
    const after = await snapshotTree(root);
    expect([...after].filter(([path, text]) => before.get(path) !== text && !path.startsWith('.fleetform/')).map(([path]) => path)).toEqual([APP, PROD]);
    expect(after.get(APP)).toContain('    prod:\n      chart:\n        values:\n          replicaCount: 3\n          ui:\n            message: hello from prod\n        version: 6.8.0\n');
    expect((await applicationOf(root, PROD)).spec.sources[0]!.targetRevision).toBe('6.8.0');
    expect((await applicationOf(root, STAGING)).spec.sources[0]!.targetRevision).toBe('6.7.1');

    const range = await run('bump', 'podinfo', '^6.8', '--chart', '--root', root);
    expect(range).toMatchObject({ code: 1, err: expect.stringContaining('error FF518: `^6.8` is not an exact chart version') });
    expect(await run('bump', 'podinfo', '6.9.0', '--chart', '--addon', '--root', root)).toMatchObject({ code: 2, err: expect.stringContaining('give --addon or --chart, not both') });
  });

  it('GIVEN a chart value the vendored values.schema.json refuses THEN validate points at the line of the override that set it', async () => {
    const root = await fleet((text) => text.replace('          ui:\n            message: hello from prod', '          ui:\n            mesage: hello from prod'));
    expect((await run('render', '--root', root)).code).toBe(0);
    const { code, out } = await run('validate', '--root', root);
    expect(code).toBe(1);
    const line = (await readFile(join(root, APP), 'utf8')).split('\n').findIndex((l) => l.includes('mesage')) + 1;
    expect(out).toContain(`${APP}:${line}:13: error FF314 at /overrides/environments/prod/chart/values/ui/mesage: app podinfo: \`ui.mesage\` is not a value the chart takes, as charts/podinfo/6.7.1/values.schema.json requires`);
  });

  it.each([
    ['a chart without a version', (t: string) => t.replace('  version: 6.7.1\n', ''), 'FF135', "the app's chart lacks `version`"],
    ['a chart app in an ApplicationSet', (t: string) => `${t}argocd:\n  applicationSet: web\n`, 'FF136', 'an app from a Helm chart is delivered by an Application of its own, not ApplicationSet web'],
    ['a digest without a tag', (t: string) => t.replace('  tag: 6.7.1\n', `  digest: sha256:${'ab'.repeat(32)}\n`), 'FF137', 'the image is pinned by digest without a tag, and the chart takes no digest'],
  ])('GIVEN %s THEN render refuses it with %s and writes nothing', async (_, change, code, message) => {
    const root = await fleet(change);
    const before = await snapshotTree(root);
    const result = await run('render', '--root', root);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`error ${code}`);
    expect(result.err).toContain(message);
    expect(await snapshotTree(root)).toEqual(before);
  });
});
