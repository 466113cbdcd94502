import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, sortDiagnostics } from '@fleetform/diagnostics';
import { loadFleet, readInputs } from '@fleetform/values';
import { ParseMemo } from '@fleetform/yaml';

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

  it('remembers a valid file as valid for the next run, and an invalid one never', async () => {
    const memo = new ParseMemo();
    expect(loadFleet(await readInputs(fixture('three-mistakes')), memo.parse).inputs).toBeUndefined();
    expect(loadFleet(await readInputs(fixture('valid')), memo.parse).diagnostics).toEqual([]);
    const verdicts = Object.values(memo.entries()).flatMap((e) => e.verdicts?.flat() ?? []);
    expect(verdicts.filter((v) => v === 'valid cluster.schema.json')).toHaveLength(1);
    // The next run reports the invalid file's problems again, in full.
    const next = new ParseMemo(memo.entries());
    expect(loadFleet(await readInputs(fixture('three-mistakes')), next.parse).diagnostics.filter((d) => d.code === 'FF101')).toHaveLength(1);
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

  it('warns about an app whose targets select no cluster, and still loads the fleet', () => {
    const files = new Map([
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: staging}, {name: prod}]\n'],
      ['clusters/c1/cluster.yaml', 'environment: staging\nregion: r1\n'],
      ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\ntargets:\n  environments: [prod]\n'],
      ['apps/api/app.yaml', 'team: t\nnamespace: {name: api}\ntargets:\n  excludeClusters: [c1]\n'],
      ['apps/all/app.yaml', 'team: t\nnamespace: {name: all}\n'],
    ]);
    const { inputs, diagnostics } = loadFleet(files);
    expect(inputs).toBeDefined();
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.position?.file}:${d.position?.line} ${d.message}`)).toEqual([
      'warning FF118 apps/api/app.yaml:4 app `api` runs on no cluster: its targets select none',
      'warning FF118 apps/web/app.yaml:4 app `web` runs on no cluster: its targets select none',
    ]);
  });

  it('rejects a workload or Service key that makes `<app>-<key>` longer than 63 characters', () => {
    const long = 'k'.repeat(60);
    const files = new Map([
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n'],
      ['apps/web/app.yaml', `team: t\nnamespace: {name: web}\nworkloads:\n  ${long}:\n    services:\n      ${long}: {}\n  named:\n    name: short\n`],
    ]);
    expect(loadFleet(files).diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([
      `FF111 /workloads/${long} workload name \`web-${'k'.repeat(36)}…\` is 64 characters long`,
      `FF111 /workloads/${long}/services/${long} Service name \`web-${'k'.repeat(36)}…\` is 64 characters long`,
    ]);
  });

  it('says what a value file that is not one mapping holds instead', () => {
    const found = (text: string) => loadFleet(new Map([['clusters/fleet.yaml', text]])).diagnostics.find((d) => d.code === 'FF003')?.found;
    expect(found('')).toBe('an empty file');
    expect(found('- a\n- b\n')).toBe('a list');
    expect(found('just text\n')).toBe('a string');
    expect(found('a: 1\n---\nb: 2\n')).toBe('2 documents');
  });

  it('loads apps, clusters and raw resources in path order, whatever order the files were read in', () => {
    const files: [string, string][] = [
      ['clusters/fleet.yaml', 'git: {repoURL: x}\nregions: {r1: {registry: reg}}\nenvironments: [{name: prod}]\n'],
      ['clusters/c1/cluster.yaml', 'environment: prod\nregion: r1\n'],
      ['clusters/c2/cluster.yaml', 'environment: prod\nregion: r1\n'],
      ['apps/a/app.yaml', 'team: t\nnamespace: {name: a}\n'],
      ['apps/a/resources/1.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n'],
      ['apps/a/resources/2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n'],
      ['apps/b/app.yaml', 'team: t\nnamespace: {name: b}\n'],
    ];
    const { inputs } = loadFleet(new Map(files.reverse()));
    expect([...inputs!.apps.keys()]).toEqual(['a', 'b']);
    expect([...inputs!.clusters.keys()]).toEqual(['c1', 'c2']);
    expect(inputs!.apps.get('a')!.resources.map((r) => r.object.metadata.name)).toEqual(['one', 'two']);
  });
});
