import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetformError } from '@fleetform/diagnostics';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../src/read-inputs.js';
import { MAX_INPUT_BYTES, readInputs, rereadInputs } from '../src/index.js';

async function fleetWith(files: Record<string, string | Buffer>): Promise<{ scratch: string; root: string }> {
  const scratch = await mkdtemp(join(tmpdir(), 'fleetform-read-inputs-'));
  const root = join(scratch, 'fleet');
  for (const [path, content] of Object.entries({ 'clusters/fleet.yaml': 'git: {}\n', ...files })) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return { scratch, root };
}

async function problemsOf(root: string): Promise<string[]> {
  const failure = await readInputs(root).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(FleetformError);
  return (failure as FleetformError).diagnostics.map((d) => `${d.position!.file}:${d.position!.line}:${d.position!.col} ${d.code} ${d.message}`);
}

describe('readInputs', () => {
  it('reads the input files in path order', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': 'team: a\n', 'clusters/c1/cluster.yaml': 'region: r\n' });
    expect([...(await readInputs(root)).keys()]).toEqual(['apps/web/app.yaml', 'clusters/c1/cluster.yaml', 'clusters/fleet.yaml']);
  });

  it('refuses a value file that links out of the repository, and one in a linked folder, naming each', async () => {
    const { scratch, root } = await fleetWith({});
    await mkdir(join(scratch, 'outside'));
    await writeFile(join(scratch, 'outside/app.yaml'), 'team: a\n');
    await mkdir(join(root, 'apps/web'), { recursive: true });
    await symlink('../../../outside/app.yaml', join(root, 'apps/web/app.yaml'));
    await symlink('../../outside', join(root, 'apps/evil'));
    expect(await problemsOf(root)).toEqual([
      'apps/evil/app.yaml:1:1 FF009 apps/evil/app.yaml is in a linked folder that leads out of the repository',
      'apps/web/app.yaml:1:1 FF009 apps/web/app.yaml is a link out of the repository',
    ]);
  });

  it('follows a link that stays inside the repository', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': 'team: a\n' });
    await mkdir(join(root, 'apps/api'));
    await symlink('../web/app.yaml', join(root, 'apps/api/app.yaml'));
    expect((await readInputs(root)).get('apps/api/app.yaml')).toBe('team: a\n');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': `# ${'x'.repeat(MAX_INPUT_BYTES)}\n` });
    expect(await problemsOf(root)).toEqual(['apps/web/app.yaml:1:1 FF007 file too large to read']);
  });

  it('refuses text that is not UTF-8 at the line and column of the first bad byte', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': Buffer.concat([Buffer.from('team: a\nname: é'), Buffer.from([0xff, 0x41]), Buffer.from('\n')]) });
    expect(await problemsOf(root)).toEqual(['apps/web/app.yaml:2:8 FF008 not UTF-8 text: invalid byte 0xff at byte offset 16']);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid text', Buffer.from('añ€😀'), -1],
    ['a stray continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['a sequence cut short at the end', Buffer.from([0x61, 0xe2, 0x82]), 1],
    ['an overlong form', Buffer.from([0xc0, 0xaf]), 0],
    ['a surrogate', Buffer.from([0x61, 0xed, 0xa0, 0x80]), 1],
  ])('finds %s', (_, bytes, offset) => {
    expect(firstInvalidUtf8(bytes)).toBe(offset);
  });
});

describe('rereadInputs', () => {
  it('GIVEN files edited, added and deleted THEN reading only those again finds what readInputs finds', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': 'team: a\n', 'apps/web/resources/cm.yaml': 'kind: ConfigMap\n', 'clusters/c1/cluster.yaml': 'region: r\n' });
    const before = await readInputs(root);
    await writeFile(join(root, 'apps/web/app.yaml'), 'team: b\n');
    await writeFile(join(root, 'apps/web/resources/secret.yaml'), 'kind: Secret\n');
    await rm(join(root, 'apps/web/resources/cm.yaml'));
    await writeFile(join(root, 'apps/web/NOTES.md'), 'not an input\n');
    const changed = ['apps/web/app.yaml', 'apps/web/resources/secret.yaml', 'apps/web/resources/cm.yaml', 'apps/web/NOTES.md'];
    const reread = rereadInputs(root, before, changed);
    expect([...reread]).toEqual([...(await readInputs(root))]);
    expect(reread.get('apps/web/app.yaml')).toBe('team: b\n');
    expect(reread.has('apps/web/resources/cm.yaml')).toBe(false);
  });

  it('refuses what readInputs refuses, with the same message', async () => {
    const { root } = await fleetWith({ 'apps/web/app.yaml': 'team: a\n' });
    const before = await readInputs(root);
    await writeFile(join(root, 'apps/web/app.yaml'), Buffer.from([0x74, 0x3a, 0xff, 0x0a]));
    const failure = (() => {
      try {
        rereadInputs(root, before, ['apps/web/app.yaml']);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(failure).toBeInstanceOf(FleetformError);
    expect((failure as FleetformError).diagnostics.map((d) => d.code)).toEqual((await problemsOf(root)).map((p) => p.split(' ')[1]));
  });
});
