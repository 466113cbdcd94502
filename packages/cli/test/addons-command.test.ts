import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

let root = '';
beforeEach(async () => {
  root = await copyExampleFleet();
});

/** Turns one add-on off on one cluster, the way a platform team would: in its cluster.yaml. */
async function disable(cluster: string, addon: string): Promise<void> {
  const file = join(root, 'clusters', cluster, 'cluster.yaml');
  await writeFile(file, `${await readFile(file, 'utf8')}addons:\n  ${addon}:\n    enabled: false\n`);
}

describe('fleetform validate (cluster add-ons)', () => {
  it('GIVEN cert-manager removed from a cluster whose apps use Certificates THEN validate fails naming the app, the kind and the cluster', async () => {
    await disable('eu-west-1-prod', 'cert-manager');
    expect((await run('render', '--root', root)).code).toBe(0);
    const { code, out } = await run('validate', '--root', root);
    expect(code).toBe(1);
    expect(out).toContain('error FF409 at /apiVersion: [addon-provides-crds] apps/dbupgrade uses Certificate (cert-manager.io) but cluster eu-west-1-prod has no add-on providing it');
    expect(out).toContain('hint: install the `cert-manager` add-on on eu-west-1-prod');
  });

  it('GIVEN the example fleet THEN every cluster\'s root delivers its add-ons, each in a wave before the apps', async () => {
    const root_ = await readFile(join(root, 'clusters/eu-west-1-prod/root.yaml'), 'utf8');
    expect(root_).toContain('include: "{apps/*.yaml,appsets/*.yaml,projects/*.yaml,bootstrap/*.yaml,addons/*.yaml}"');
    const certManager = await readFile(join(root, 'clusters/eu-west-1-prod/addons/cert-manager.yaml'), 'utf8');
    const issuer = await readFile(join(root, 'clusters/eu-west-1-prod/addons/cert-manager-resources.yaml'), 'utf8');
    expect(certManager).toContain('argocd.argoproj.io/sync-wave: "-2"');
    expect(issuer).toContain('argocd.argoproj.io/sync-wave: "-1"');
    expect(await readFile(join(root, 'clusters/eu-west-1-prod/addon-resources/cert-manager/clusterissuer-cluster-issuer.yaml'), 'utf8')).toContain('name: cluster-issuer');
  });

  it('GIVEN a misspelt catalogue key THEN render refuses it with a suggestion and writes nothing', async () => {
    const fleet = join(root, 'clusters/fleet.yaml');
    await writeFile(fleet, (await readFile(fleet, 'utf8')).replace('catalogue: istiod', 'catalogue: istio-d'));
    const before = await snapshotTree(root);
    const { code, err } = await run('render', '--root', root);
    expect(await snapshotTree(root)).toEqual(before);
    expect(code).toBe(1);
    expect(err).toMatch(/clusters\/fleet\.yaml:\d+:\d+: error FF131 at \/addons\/istiod\/catalogue: unknown catalogue add-on `istio-d`/);
    expect(err).toContain('hint: did you mean `istiod`?');
  });
});
