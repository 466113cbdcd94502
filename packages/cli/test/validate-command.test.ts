import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyExampleFleet, run } from './fleet-copy.js';

let root = '';
beforeEach(async () => {
  root = await copyExampleFleet();
});

describe('fleetform validate (the rendered fleet)', () => {
  it('GIVEN the example fleet THEN every value file and rendered object is valid', async () => {
    const { code, out } = await run('validate', '--root', root);
    expect(out).toMatch(/^Summary: 2001 resources found in \d+ files - Valid: 2001, Invalid: 0, Errors: 0, Skipped: 0$/m);
    expect(code).toBe(0);
  });

  it('GIVEN broken raw resources THEN each problem points into the file its author wrote', async () => {
    const resources = join(root, 'apps/dbupgrade/resources');
    await writeFile(
      join(resources, 'secret-db.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\n',
    );
    await writeFile(
      join(resources, 'dbupgrade-sample.yaml'),
      [
        'apiVersion: dbupgrade.subbug.learning/v1alpha1',
        'kind: DBUpgrade',
        'metadata:',
        '  name: sample',
        '  annotations:',
        '    argocd.argoproj.io/sync-wave: "-1"',
        'spec:',
        '  migrations:',
        '    image: migrations:v1',
        '  database:',
        '    type: awsRds',
        '  backoffLimit: many',
        '  retries: 3',
        '',
      ].join('\n'),
    );
    const { code, out } = await run('validate', '--root', root);
    expect(code).toBe(1);
    expect(out).toContain('apps/dbupgrade/resources/dbupgrade-sample.yaml:12:17: error FF310 DBUpgrade/sample on ap-south-1-prod at /spec/backoffLimit: got string, want integer');
    expect(out).toContain("apps/dbupgrade/resources/dbupgrade-sample.yaml:13:3: error FF310 DBUpgrade/sample on ap-south-1-prod at /spec/retries: additional property 'retries' is not allowed");
    expect(out).toContain('apps/dbupgrade/resources/dbupgrade-sample.yaml:6:35: error FF401 at /metadata/annotations/argocd.argoproj.io/sync-wave: [sync-wave-order] DBUpgrade sample syncs in wave -1, not after its CRD dbupgrades.dbupgrade.subbug.learning (wave -1)');
    expect(out).toContain('apps/dbupgrade/resources/secret-db.yaml:6:3: error FF404 at /data: [no-secret-data] Secret db carries data in git');
  });

  it('GIVEN a finding on an object fleetform generates THEN it points into the generated file, at the line of the value', async () => {
    const fleet = join(root, 'clusters/fleet.yaml');
    await writeFile(fleet, (await readFile(fleet, 'utf8')).replace('repoURL: https://github.com/example-org/fleet.git', 'repoURL: https://github.com/example-org/*'));
    const { code, out } = await run('validate', '--root', root);
    expect(code).toBe(1);
    // The line, as the file reads once rendered.
    expect((await run('render', '--root', root)).code).toBe(0);
    const project = 'clusters/eu-west-1-prod/projects/platform.yaml';
    const line = (await readFile(join(root, project), 'utf8')).split('\n').findIndex((l) => l.includes('example-org/*')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(out).toContain(`${project}:${line}:7: error FF407 at /spec/sourceRepos/0: [appproject-no-wildcards] AppProject platform allows source https://github.com/example-org/*`);
  });

  it('GIVEN a waiver in the values THEN the finding is printed with its reason and does not fail', async () => {
    await writeFile(join(root, 'apps/dbupgrade/resources/secret-db.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: aHVudGVyMg==\n');
    const app = join(root, 'apps/dbupgrade/app.yaml');
    const { readFile } = await import('node:fs/promises');
    await writeFile(app, `${await readFile(app, 'utf8')}\nwaivers:\n  no-secret-data: a throwaway password for the e2e cluster\n`);
    const { code, out } = await run('validate', '--root', root);
    expect(out).toContain('warning FF404 at /data: [no-secret-data] waived: a throwaway password for the e2e cluster');
    expect(code).toBe(0);
  });

  it('GIVEN an invalid value file THEN it reports it and exits 1', async () => {
    await writeFile(join(root, 'clusters/eu-west-1-prod/cluster.yaml'), 'environment: prod\nregion: eu-west1\n');
    const { code, out } = await run('validate', '--root', root);
    expect(code).toBe(1);
    expect(out).toContain('clusters/eu-west-1-prod/cluster.yaml:2:9: error FF112 at /region: unknown region `eu-west1`');
  });

  it('refuses a Kubernetes version it has no schemas for', async () => {
    const { code, err } = await run('validate', '--root', root, '--kubernetes-version', '1.29.0');
    expect(code).toBe(2);
    expect(err).toContain('bundles the Kubernetes 1.32 schemas');
  });
});

describe('fleetform validate PATH…', () => {
  it('validates files and standard input, and --schema-dir supplies CRDs', async () => {
    await writeFile(join(root, 'cr.yaml'), 'apiVersion: dbupgrade.subbug.learning/v1alpha1\nkind: DBUpgrade\nmetadata: {name: x}\nspec: {migrations: {image: m:1}, database: {type: mysql}}\n');
    const withoutCrd = await run('validate', join(root, 'cr.yaml'));
    expect(withoutCrd.code).toBe(1);
    expect(withoutCrd.out).toContain('could not find schema for DBUpgrade (dbupgrade.subbug.learning/v1alpha1)');
    const withCrd = await run('validate', '--schema-dir', join(root, 'apps/dbupgrade/resources'), join(root, 'cr.yaml'));
    expect(withCrd.out).toContain('Valid: 1, Invalid: 0, Errors: 0');
    expect(withCrd.code).toBe(0);
  });

  it('reads - as standard input', async () => {
    let out = '';
    const { main } = await import('../src/main.js');
    const code = await main(['validate', '-'], { out: (t) => (out += t), err: () => undefined, readStdin: async () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n' });
    expect(code).toBe(1);
    expect(out).toContain('stdin:4:11: error FF310 ConfigMap/a at /data/k: got number, want string');
  });

  it('exits 2 for an unknown format', async () => {
    expect((await run('validate', '--format', 'yaml')).code).toBe(2);
  });
});
