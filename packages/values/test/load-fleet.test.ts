import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, sortDiagnostics } from '@fleetform/diagnostics';
import { loadFleet, readInputs } from '@fleetform/values';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

describe('loadFleet', () => {
  it('GIVEN a valid fleet WHEN loaded THEN it has every app and cluster and no diagnostics', async () => {
    const { inputs, diagnostics } = loadFleet(await readInputs(fixture('valid')));
    expect(diagnostics).toEqual([]);
    expect([...inputs!.apps.keys()]).toEqual(['web']);
    expect([...inputs!.clusters.keys()]).toEqual(['prod-1']);
  });

  it('GIVEN a typo, a wrong type and an unknown region THEN it reports each with file:line:col', async () => {
    const { inputs, diagnostics } = loadFleet(await readInputs(fixture('three-mistakes')));
    expect(inputs).toBeUndefined();
    const lines = sortDiagnostics(diagnostics.filter((d) => d.code !== 'FF102')).map((d) => formatDiagnostic(d));
    expect(lines).toEqual([
      'clusters/prod-1/cluster.yaml:2:1: error FF101 at /enviroment: unknown property `enviroment` (expected one of `$schema`, `environment`, `region`, `server`, `labels`, `values`, `addons`, found `enviroment`)\n  hint: did you mean `environment`?',
      'clusters/prod-1/cluster.yaml:3:9: error FF112 at /region: unknown region `eu-west1` (expected one of `eu-west-1`, found `eu-west1`)\n  hint: did you mean `eu-west-1`?',
      'clusters/prod-1/cluster.yaml:5:3: error FF103 at /labels: wrong type (expected object, found a list)',
    ]);
  });

  it('reports the missing property that a typo leaves behind', async () => {
    const { diagnostics } = loadFleet(await readInputs(fixture('three-mistakes')));
    expect(diagnostics.find((d) => d.code === 'FF102')).toMatchObject({ message: 'missing required property `environment`', path: '/' });
  });

  it('says where to start when there is no fleet.yaml', () => {
    const { diagnostics } = loadFleet(new Map());
    expect(diagnostics).toMatchObject([{ code: 'FF100', hint: expect.stringContaining('--root') }]);
  });

  it('checks names across files: unknown targets and override keys, duplicate environments', () => {
    const files = new Map([
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments:\n  - name: prod\n  - name: prod\n'],
      ['clusters/c1/cluster.yaml', 'environment: prod\nregion: r1\n'],
      ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\ntargets:\n  clusters: [c2]\noverrides:\n  environments:\n    staging: {}\n'],
    ]);
    const codes = loadFleet(files).diagnostics.map((d) => `${d.code} ${d.position?.file}:${d.position?.line} ${d.message}`);
    expect(codes).toEqual([
      'FF110 clusters/fleet.yaml:5 environment `prod` is listed twice',
      'FF112 apps/web/app.yaml:4 unknown cluster `c2`',
      'FF112 apps/web/app.yaml:7 unknown environment `staging`',
    ]);
  });

  it('rejects a folder name that is not DNS-1123', () => {
    const files = new Map([
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n'],
      ['apps/My_App/app.yaml', 'team: t\nnamespace: {name: web}\n'],
    ]);
    expect(loadFleet(files).diagnostics).toMatchObject([{ code: 'FF111', hint: 'rename the folder to `my-app`' }]);
  });

  it('allows null anywhere a value may be left out, since null removes an inherited value', () => {
    const files = new Map([
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n'],
      ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\noverrides:\n  environments:\n    prod:\n      workloads:\n        api:\n          autoscaling: null\n'],
    ]);
    expect(loadFleet(files).diagnostics).toEqual([]);
  });
});
