import { describe, expect, it } from 'vitest';
import { addonsForCluster, addonTargetsCluster, mergeValues, type AddonCluster, type FleetAddon } from '@fleetform/addons';

const prod: AddonCluster = { name: 'eu-west-1-prod', environment: 'prod', region: 'eu-west-1', labels: { tier: 'production' } };
const dev: AddonCluster = { name: 'us-east-1-dev', environment: 'dev', region: 'us-east-1' };

describe('mergeValues', () => {
  it('merges maps key by key, replaces lists, and removes a key set to null', () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: true, e: 'x' }, { a: { c: [3] }, d: null }, undefined, { a: { f: 'g' } })).toEqual({ a: { b: 1, c: [3], f: 'g' }, e: 'x' });
  });

  it('never shares nested objects with its inputs', () => {
    const layer = { a: { b: [1] } };
    const merged = mergeValues(layer);
    (merged.a as { b: number[] }).b.push(2);
    expect(layer.a.b).toEqual([1]);
  });
});

describe('addonTargetsCluster', () => {
  it('GIVEN no targets THEN every cluster gets the add-on', () => {
    expect(addonTargetsCluster('x', {}, dev)).toBe(true);
  });

  it('GIVEN environments, regions and labels THEN all of them must match', () => {
    const addon: FleetAddon = { targets: { environments: ['prod'], labels: { tier: 'production' } } };
    expect([prod, dev].map((c) => addonTargetsCluster('x', addon, c))).toEqual([true, false]);
    expect(addonTargetsCluster('x', { targets: { labels: { tier: 'edge' } } }, prod)).toBe(false);
  });

  it('GIVEN clusters by name THEN only those, and cluster.yaml can still opt in or out', () => {
    const addon: FleetAddon = { targets: { clusters: ['us-east-1-dev'] } };
    expect([prod, dev].map((c) => addonTargetsCluster('x', addon, c))).toEqual([false, true]);
    expect(addonTargetsCluster('x', addon, { ...prod, addons: { x: { enabled: true } } })).toBe(true);
    expect(addonTargetsCluster('x', {}, { ...dev, addons: { x: { enabled: false } } })).toBe(false);
  });
});

describe('addonsForCluster', () => {
  it('GIVEN a catalogue add-on with values at every layer THEN the later layer wins, in the documented order', () => {
    const addons: Record<string, FleetAddon> = {
      'cert-manager': {
        catalogue: 'cert-manager',
        values: { replicaCount: 1, crds: { keep: false }, layer: 'fleet' },
        overrides: { environments: { prod: { replicaCount: 2, layer: 'environment' } }, regions: { 'eu-west-1': { layer: 'region' } }, clusters: { 'eu-west-1-prod': { layer: 'cluster override' } } },
      },
    };
    const [addon] = addonsForCluster(addons, { ...prod, addons: { 'cert-manager': { values: { extra: true } } } });
    expect(addon).toMatchObject({
      name: 'cert-manager',
      repoURL: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      version: 'v1.16.2',
      namespace: 'cert-manager',
      values: { crds: { enabled: true, keep: false }, replicaCount: 2, layer: 'cluster override', extra: true },
      provides: ['cert-manager.io', 'acme.cert-manager.io'],
    });
    expect(addon!.objects.map((o) => o.kind)).toEqual(['ClusterIssuer']);
  });

  it('GIVEN a fleet\'s own chart THEN it uses that chart, its provides, and its name as the namespace', () => {
    const addons: Record<string, FleetAddon> = { keda: { chart: { repoURL: 'https://kedacore.github.io/charts', chart: 'keda', version: '2.16.0' }, provides: ['keda.sh'] } };
    expect(addonsForCluster(addons, dev)).toEqual([
      { name: 'keda', repoURL: 'https://kedacore.github.io/charts', chart: 'keda', version: '2.16.0', namespace: 'keda', values: {}, serverSideApply: false, provides: ['keda.sh'], needs: [], objects: [], ignoreDifferences: [] },
    ]);
  });

  it('GIVEN a catalogue add-on with another chart version THEN only the version changes', () => {
    const [addon] = addonsForCluster({ 'cert-manager': { catalogue: 'cert-manager', chart: { version: 'v1.16.3' } } }, dev);
    expect([addon!.repoURL, addon!.chart, addon!.version]).toEqual(['https://charts.jetstack.io', 'cert-manager', 'v1.16.3']);
  });

  it('GIVEN cluster.yaml pins a version THEN that cluster runs it, over fleet.yaml\'s and the catalogue\'s', () => {
    const addons: Record<string, FleetAddon> = { 'cert-manager': { catalogue: 'cert-manager', chart: { version: 'v1.16.3' } } };
    const pinned = { ...dev, addons: { 'cert-manager': { version: 'v1.17.0' } } };
    expect([addonsForCluster(addons, pinned)[0]!.version, addonsForCluster(addons, prod)[0]!.version]).toEqual(['v1.17.0', 'v1.16.3']);
  });

  it('leaves out add-ons the cluster does not get, and returns the rest in name order', () => {
    const addons: Record<string, FleetAddon> = { istiod: { catalogue: 'istiod' }, 'istio-base': { catalogue: 'istio-base' }, 'argo-rollouts': { catalogue: 'argo-rollouts', targets: { environments: ['prod'] } } };
    expect(addonsForCluster(addons, dev).map((a) => a.name)).toEqual(['istio-base', 'istiod']);
  });
});
