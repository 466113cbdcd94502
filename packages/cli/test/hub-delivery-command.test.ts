import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '@fleetform/yaml';
import { copyExampleFleet, run } from './fleet-copy.js';

type Application = { metadata: { name: string; labels: Record<string, string> }; spec: { destination: { server: string }; source: { path: string } } };
const documents = (text: string) => parseYamlStream(text, 'preview').documents.map((d) => d.value as Application);

describe('switching the example fleet to hub delivery', () => {
  it('GIVEN argocd.delivery: hub THEN it re-renders cleanly, validates, and previewing the hub’s ApplicationSets yields every app on every cluster', async () => {
    const root = await copyExampleFleet();
    const fleet = join(root, 'clusters/fleet.yaml');
    const before = (await run('preview', '--root', root, ...(await appsets(root, 'us-east-1-prod')))).out;
    await writeFile(fleet, (await readFile(fleet, 'utf8')).replace(/^argocd:\n/m, 'argocd:\n  delivery: hub\n  hub:\n    cluster: us-east-1-prod\n'));
    expect((await run('render', '--root', root)).code).toBe(0);
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
    const validate = await run('validate', '--root', root);
    expect(validate.out).toMatch(/Invalid: 0, Errors: 0/);
    expect(validate.code).toBe(0);

    // Only the hub delivers apps now: no cluster has Applications of apps, nor ApplicationSets, of its own.
    for (const cluster of ['us-east-1-dev', 'eu-west-1-prod']) expect(await readdir(join(root, 'clusters', cluster))).not.toContain('appsets');
    const preview = await run('preview', '--root', root, ...(await appsets(root, 'us-east-1-prod')));
    expect(preview.err).toBe('');
    const generated = documents(preview.out);
    const onDev = generated.filter((a) => a.metadata.labels['fleetform.io/cluster'] === 'us-east-1-dev');
    expect(onDev.map((a) => a.metadata.name)).toContain('erlmcp-us-east-1-dev');
    expect(onDev.every((a) => a.spec.destination.server === 'https://us-east-1-dev.k8s.example.com')).toBe(true);
    // The hub's own apps: what its ApplicationSet delivered in `applications` mode, under their hub names.
    const local = documents(before).map((a) => `${a.metadata.name}-us-east-1-prod ${a.spec.source.path}`);
    const hubOwn = generated.filter((a) => a.spec.destination.server === 'https://kubernetes.default.svc').map((a) => `${a.metadata.name} ${a.spec.source.path}`);
    expect(hubOwn).toEqual(expect.arrayContaining(local));
    expect(local.length).toBeGreaterThan(0);
  });
});

async function appsets(root: string, cluster: string): Promise<string[]> {
  const folder = join(root, 'clusters', cluster, 'appsets');
  return (await readdir(folder)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(folder, f));
}
