import { describe, expect, it } from 'vitest';
import { loadFleet } from '@fleetform/values';

const FLEET = 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n';
const CLUSTER = ['clusters/c1/cluster.yaml', 'environment: prod\nregion: r1\n'] as const;
const lines = (files: Map<string, string>) => loadFleet(files).diagnostics.map((d) => `${d.code} ${d.position?.file}:${d.position?.line} ${d.path} ${d.message} | ${d.hint}`);

describe('add-on checks across files', () => {
  it('GIVEN catalogue add-ons with values, overrides and targets THEN the fleet loads without diagnostics', () => {
    const fleet = `${FLEET}addons:\n  cert-manager:\n    catalogue: cert-manager\n    values: {replicaCount: 2, nested: {list: [1, 2]}}\n    overrides: {environments: {prod: {a: 1}}, clusters: {c1: {b: 2}}}\n    targets: {regions: [r1], labels: {tier: production}}\n  keda:\n    chart: {repoURL: 'https://kedacore.github.io/charts', chart: keda, version: 2.16.0}\n    provides: [keda.sh]\n`;
    const files = new Map([['clusters/fleet.yaml', fleet], [CLUSTER[0], `${CLUSTER[1]}addons:\n  keda: {enabled: false}\n  cert-manager: {values: {c: 3}}\n`]]);
    expect(loadFleet(files).diagnostics).toEqual([]);
  });

  it('GIVEN a misspelt catalogue key THEN it suggests the right one', () => {
    const files = new Map([['clusters/fleet.yaml', `${FLEET}addons:\n  cert-manager:\n    catalogue: cert-manger\n`], CLUSTER]);
    expect(lines(files)).toEqual(['FF131 clusters/fleet.yaml:6 /addons/cert-manager/catalogue unknown catalogue add-on `cert-manger` | did you mean `cert-manager`?']);
  });

  it('GIVEN unknown names in overrides and targets THEN each is reported where it is written', () => {
    const fleet = `${FLEET}addons:\n  istiod:\n    catalogue: istiod\n    overrides:\n      regions: {r2: {}}\n    targets:\n      environments: [prd]\n      clusters: [c1, c9]\n`;
    expect(lines(new Map([['clusters/fleet.yaml', fleet], CLUSTER]))).toEqual([
      'FF112 clusters/fleet.yaml:8 /addons/istiod/overrides/regions/r2 unknown region `r2` | did you mean `r1`?',
      'FF112 clusters/fleet.yaml:10 /addons/istiod/targets/environments/0 unknown environment `prd` | did you mean `prod`?',
      'FF112 clusters/fleet.yaml:11 /addons/istiod/targets/clusters/1 unknown cluster `c9` | did you mean `c1`?',
    ]);
  });

  it('GIVEN an add-on name that is not DNS-1123, or a chart without a version THEN both are errors', () => {
    const fleet = `${FLEET}addons:\n  Cert_Manager:\n    catalogue: cert-manager\n  keda:\n    chart: {repoURL: 'https://kedacore.github.io/charts', chart: keda}\n`;
    expect(lines(new Map([['clusters/fleet.yaml', fleet], CLUSTER]))).toEqual([
      'FF130 clusters/fleet.yaml:6 /addons/Cert_Manager add-on name `Cert_Manager` is not a DNS-1123 label | rename it `cert-manager`',
      'FF132 clusters/fleet.yaml:8 /addons/keda/chart add-on `keda` has no catalogue entry and its chart lacks `version` | give the chart in full, pinned to an exact version',
    ]);
  });

  it('GIVEN a cluster that sets an add-on fleet.yaml does not declare THEN it suggests the declared one', () => {
    const files = new Map([['clusters/fleet.yaml', `${FLEET}addons:\n  istiod: {catalogue: istiod}\n`], [CLUSTER[0], `${CLUSTER[1]}addons:\n  istio: {enabled: true}\n`]]);
    expect(lines(files)).toEqual(['FF133 clusters/c1/cluster.yaml:4 /addons/istio cluster c1 sets add-on `istio`, which clusters/fleet.yaml does not declare | did you mean `istiod`?']);
  });

  it('GIVEN an add-on named like an app THEN it refuses two Applications of one name', () => {
    const files = new Map([['clusters/fleet.yaml', `${FLEET}addons:\n  web: {catalogue: istiod}\n`], CLUSTER, ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\n']]);
    expect(lines(files)).toEqual(['FF134 clusters/fleet.yaml:5 /addons/web add-on `web` and app `web` would both be Argo CD Applications of that name | rename the add-on']);
  });

  it('GIVEN an unknown property inside an add-on THEN the schema rejects it, while Helm values stay free-form', () => {
    const files = new Map([['clusters/fleet.yaml', `${FLEET}addons:\n  istiod:\n    catalogue: istiod\n    valeus: {}\n    values: {anything: {goes: [1]}}\n`], CLUSTER]);
    expect(loadFleet(files).diagnostics).toMatchObject([{ code: 'FF101', path: '/addons/istiod/valeus' }]);
  });
});
