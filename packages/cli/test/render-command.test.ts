import { rm, writeFile, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

let root = '';
beforeEach(async () => {
  root = await copyExampleFleet();
});

describe('fleetform render', () => {
  it('GIVEN the committed example fleet THEN --check finds no drift', async () => {
    const { code, out } = await run('render', '--check', '--root', root);
    expect(code).toBe(0);
    expect(out).toMatch(/generated files are up to date/);
  });

  it('GIVEN a render WHEN run again THEN nothing changes, byte for byte', async () => {
    await run('render', '--root', root);
    const before = await snapshotTree(root);
    const { code, out } = await run('render', '--root', root);
    expect(code).toBe(0);
    expect(out).toMatch(/0 created, 0 updated, 0 removed/);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('GIVEN a changed value WHEN --check THEN it exits 1 listing the drifted files and writes nothing', async () => {
    const app = join(root, 'apps/dbupgrade/app.yaml');
    await writeFile(app, (await readFile(app, 'utf8')).replace('replicas: 2', 'replicas: 1'));
    const before = await snapshotTree(root);
    const { code, err } = await run('render', '--check', '--root', root);
    expect(code).toBe(1);
    expect(err).toContain('changed   apps/dbupgrade/overlays/us-east-1-staging/patches/deployment-dbupgrade-controller.yaml');
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('GIVEN an app deleted WHEN rendered THEN exactly its generated files go, and files fleetform did not write stay', async () => {
    await mkdir(join(root, 'apps/dbupgrade/overlays/us-east-1-prod'), { recursive: true });
    await writeFile(join(root, 'apps/dbupgrade/overlays/us-east-1-prod/NOTES.md'), 'hand-written\n');
    const before = await snapshotTree(root);
    await rm(join(root, 'apps/dbupgrade/app.yaml'));
    await rm(join(root, 'apps/dbupgrade/resources'), { recursive: true });
    const { code, out } = await run('render', '--root', root);
    expect(code).toBe(0);
    const after = await snapshotTree(root);
    const removed = [...before.keys()].filter((p) => !after.has(p));
    expect(removed.every((p) => p.startsWith('apps/dbupgrade/') || /^clusters\/[^/]+\/(apps\/dbupgrade|projects\/platform)\.yaml$/.test(p))).toBe(true);
    expect(removed.filter((p) => p.startsWith('apps/dbupgrade/base/'))).toHaveLength(14);
    expect(after.get('apps/dbupgrade/overlays/us-east-1-prod/NOTES.md')).toBe('hand-written\n');
    expect([...after.keys()].filter((p) => p.startsWith('apps/dbupgrade/'))).toEqual(['apps/dbupgrade/overlays/us-east-1-prod/NOTES.md']);
    expect(out).toMatch(/rendered 28 apps on 5 clusters: 0 created, 4 updated, \d+ removed/);
  });

  it('GIVEN a hand-written file in a generated folder THEN every render leaves it and names it in a warning', async () => {
    await writeFile(join(root, 'apps/dbupgrade/base/NOTES.md'), 'why the CRD is kept\n');
    for (const args of [['render'], ['render', '--check']]) {
      const { code, err } = await run(...args, '--root', root);
      expect(code).toBe(0);
      expect(err).toContain('fleetform: warning: apps/dbupgrade/base/NOTES.md was not written by fleetform and is left alone');
    }
    expect(await readFile(join(root, 'apps/dbupgrade/base/NOTES.md'), 'utf8')).toBe('why the CRD is kept\n');
  });

  it('GIVEN a typo, a wrong type and an unknown region THEN three errors with file:line:col, exit 1, no file changed', async () => {
    const cluster = join(root, 'clusters/eu-west-1-prod/cluster.yaml');
    await writeFile(cluster, '# broken on purpose\nenviroment: prod\nregion: eu-west1\nlabels: [tier]\n');
    const before = await snapshotTree(root);
    const { code, err } = await run('render', '--root', root);
    expect(code).toBe(1);
    expect(err).toContain('clusters/eu-west-1-prod/cluster.yaml:2:1: error FF101 at /enviroment: unknown property `enviroment`');
    expect(err).toContain('hint: did you mean `environment`?');
    expect(err).toContain('clusters/eu-west-1-prod/cluster.yaml:3:9: error FF112 at /region: unknown region `eu-west1`');
    expect(err).toContain('clusters/eu-west-1-prod/cluster.yaml:4:9: error FF103 at /labels: wrong type (expected object, found a list)');
    expect(err).not.toMatch(/\n\s+at /);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('GIVEN no fleet here THEN it says how to point at one', async () => {
    const { code, err } = await run('render', '--root', join(root, 'apps'));
    expect(code).toBe(1);
    expect(err).toContain('no clusters/fleet.yaml here');
  });
});

describe('the command line', () => {
  it('exits 2 on an unknown command or option', async () => {
    expect((await run('rendr')).code).toBe(2);
    expect((await run('render', '--chek')).code).toBe(2);
  });

  it('prints help and exits 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('render');
  });
});

describe('a damaged .fleetform/ (the state of the last render)', () => {
  it('GIVEN .fleetform is a file THEN render writes the files all the same, warns that the state could not be saved, and exits 0', async () => {
    await writeFile(join(root, '.fleetform'), 'not a folder\n');
    const app = join(root, 'apps/dbupgrade/app.yaml');
    await writeFile(app, (await readFile(app, 'utf8')).replace('replicas: 2', 'replicas: 1'));
    const { code, out, err } = await run('render', '--root', root);
    expect(code).toBe(0);
    expect(out).toMatch(/rendered \d+ apps on 5 clusters: 0 created, [1-9]\d* updated/);
    expect(err).toMatch(/^fleetform: warning: the render state could not be saved in \.fleetform\/ \(EEXIST[^)]*\); the files are written, and the next render renders every app$/m);
    expect((await run('render', '--check', '--root', root)).code).toBe(0);
  });
});

describe('a --root that is not a folder', () => {
  const commands = [['render'], ['render', '--watch'], ['render', '--check'], ['bump', 'web', '1.0.0'], ['promote', 'web', '--from', 'staging', '--to', 'prod']];
  it.each(commands.map((args) => [args.join(' '), args] as const))('GIVEN fleetform %s THEN FF100 names it, exit 1, no internal error', async (_, args) => {
    const missing = join(root, 'no-such-fleet');
    const { code, err } = await run(...args, '--root', missing);
    expect(code).toBe(1);
    expect(err).toContain('error FF100: no clusters/fleet.yaml here');
    expect(err).not.toMatch(/internal error/);
  });
});
