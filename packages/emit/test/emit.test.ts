import { mkdtemp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FleetformError } from '@fleetform/diagnostics';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChanges, listFiles, planChanges, stampFiles, type Ownership } from '@fleetform/emit';

const MARK = '# generated';
const ownership: Ownership = {
  folders: ['out'],
  isGenerated: (head) => head.startsWith(MARK),
  isInput: (path) => path.endsWith('/input.yaml'),
};

let root = '';
async function put(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}
async function tree(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const path of await listFiles(root, ['out'])) result[path] = await readFile(join(root, path), 'utf8');
  return result;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fleetform-emit-'));
});

describe('planChanges', () => {
  it('sorts wanted files into create, update and unchanged, finds stale generated files, and names the hand-written ones', async () => {
    await put({
      'out/same.yaml': `${MARK}\nsame\n`,
      'out/old.yaml': `${MARK}\nold\n`,
      'out/stale.yaml': `${MARK}\nstale\n`,
      'out/hand-written.yaml': 'mine\n',
      'out/app/input.yaml': `${MARK}\nan input that looks generated\n`,
    });
    const wanted = new Map([
      ['out/same.yaml', `${MARK}\nsame\n`],
      ['out/old.yaml', `${MARK}\nnew\n`],
      ['out/new/file.yaml', `${MARK}\nfresh\n`],
    ]);
    expect(await planChanges(root, wanted, ownership)).toEqual({
      create: ['out/new/file.yaml'],
      update: ['out/old.yaml'],
      remove: ['out/stale.yaml'],
      unchanged: 1,
      // Left alone, and named: a hand-written file in a folder fleetform writes into.
      foreign: ['out/hand-written.yaml'],
      untouched: new Set(),
    });
  });

  it('with the stamps of an earlier render, knows an untouched file unchanged without making its text, and reads any file that was touched', async () => {
    await put({ 'out/a.yaml': `${MARK}
a
`, 'out/b.yaml': `${MARK}
b
` });
    const stamps = stampFiles(root, new Map([['out/a.yaml', 'key-a'], ['out/b.yaml', 'key-b']]));
    // Touched since: same size, new content. Its stamp no longer matches, so it is read and compared.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(join(root, 'out/b.yaml'), `${MARK}
B
`);
    const never = (path: string) => ({
      key: `key-${path}`,
      text: () => {
        throw new Error(`the text of ${path} was made`);
      },
    });
    const wanted = new Map([
      ['out/a.yaml', never('a')],
      ['out/b.yaml', { key: 'key-b', text: () => `${MARK}
b
` }],
    ]);
    const plan = await planChanges(root, wanted, ownership, { stamps });
    expect(plan).toMatchObject({ create: [], update: ['out/b.yaml'], remove: [], unchanged: 1 });
    expect([...plan.untouched!]).toEqual(['out/a.yaml']);
  });
});

describe('planChanges with a listing of the disk', () => {
  it('GIVEN the listing a watching render keeps THEN it plans from it without walking the folders, and a listed file that is gone is no stale file', async () => {
    await put({ 'out/kept.yaml': `${MARK}\nkept\n`, 'out/unlisted.yaml': `${MARK}\nnot in the listing\n`, 'out/stale.yaml': `${MARK}\nstale\n` });
    const wanted = new Map([['out/kept.yaml', `${MARK}\nkept\n`]]);
    const plan = await planChanges(root, wanted, ownership, { onDisk: ['out/stale.yaml', 'out/kept.yaml', 'out/deleted-meanwhile.yaml'] });
    expect(plan).toMatchObject({ create: [], update: [], remove: ['out/stale.yaml'], unchanged: 1, foreign: [] });
    // Without the listing the same disk has two stale files.
    expect((await planChanges(root, wanted, ownership)).remove).toEqual(['out/stale.yaml', 'out/unlisted.yaml']);
  });
});

describe('planChanges and linked folders', () => {
  it('GIVEN a generated folder that is a link out of the repository THEN it refuses with FF009 before reading or writing anything there', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'fleetform-outside-'));
    await put({ 'out/kept.yaml': `${MARK}\nkept\n` });
    await symlink(outside, join(root, 'out/linked'));
    const wanted = new Map([
      ['out/kept.yaml', `${MARK}\nkept\n`],
      ['out/linked/app/deployment.yaml', `${MARK}\nwould land outside\n`],
    ]);
    const failure = await planChanges(root, wanted, ownership).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FleetformError);
    expect((failure as FleetformError).diagnostics[0]).toMatchObject({ code: 'FF009', message: expect.stringContaining(`out/linked is a link to ${outside}`) });
    expect(await readdir(outside)).toEqual([]);
  });
});

describe('planChanges and what blocks a write', () => {
  it('GIVEN a file where a folder of generated files goes, or a folder where a generated file goes, THEN FF010 before anything is written', async () => {
    await put({ 'out/blocker': 'a file where a folder is needed\n', 'out/folder/note.md': 'a folder where a file is needed\n' });
    for (const [path, message] of [
      ['out/blocker/x.yaml', 'out/blocker is a file where fleetform writes a folder of generated files'],
      ['out/folder', 'out/folder is a folder where fleetform writes a generated file'],
    ] as const) {
      const failure = await planChanges(root, new Map([[path, `${MARK}\nx\n`]]), ownership).catch((e: unknown) => e);
      expect((failure as FleetformError).diagnostics[0]).toMatchObject({ code: 'FF010', message });
    }
  });
});

describe('applyChanges', () => {
  it('writes, updates and removes, then drops folders left empty', async () => {
    await put({ 'out/gone/stale.yaml': `${MARK}\n`, 'out/old.yaml': `${MARK}\nold\n` });
    const wanted = new Map([
      ['out/old.yaml', `${MARK}\nnew\n`],
      ['out/a/b.yaml', `${MARK}\nb\n`],
    ]);
    await applyChanges(root, wanted, await planChanges(root, wanted, ownership));
    expect(await tree()).toEqual({ 'out/a/b.yaml': `${MARK}\nb\n`, 'out/old.yaml': `${MARK}\nnew\n` });
    expect(await readdir(join(root, 'out'))).toEqual(['a', 'old.yaml']);
  });

  it('GIVEN a write that fails halfway THEN the previous tree is left exactly as it was', async () => {
    await put({ 'out/old.yaml': `${MARK}\nold\n` });
    const wanted = new Map([
      ['out/old.yaml', `${MARK}\nnew\n`],
      ['out/fresh/new.yaml', `${MARK}\nnew\n`],
      ['out/blocker/x.yaml', `${MARK}\ncannot be written\n`],
    ]);
    const plan = await planChanges(root, wanted, ownership);
    // Made after the plan (planChanges refuses it, see above), so the write fails partway.
    await put({ 'out/blocker': 'a file where a folder is needed\n' });
    const before = await tree();
    await expect(applyChanges(root, wanted, plan)).rejects.toThrow();
    expect(await tree()).toEqual(before);
    expect(await readdir(join(root, 'out'))).toEqual(['blocker', 'old.yaml']);
  });

  it('GIVEN temporary files left by an interrupted run THEN the next plan removes them', async () => {
    await put({ 'out/old.yaml.fleetform-tmp': `${MARK}\nhalf\n` });
    expect((await planChanges(root, new Map(), ownership)).remove).toEqual(['out/old.yaml.fleetform-tmp']);
  });
});
