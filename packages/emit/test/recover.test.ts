import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findTornState, JOURNAL_FILE, recoverInterruptedRender, STAGING_FILE, withWriteLock, LockedError, LOCK_FILE } from '@fleetform/emit';

let root = '';
const put = async (files: Record<string, string>) => {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
};
const read = (path: string) => readFile(join(root, path), 'utf8').catch(() => undefined);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fleetform-recover-'));
});

describe('recoverInterruptedRender', () => {
  it('GIVEN staged files and no journal (killed while writing) THEN it rolls back to the old tree', async () => {
    await put({ 'out/a.yaml': 'old\n', 'out/a.yaml.fleetform-tmp': 'new\n', 'out/new/b.yaml.fleetform-tmp': 'new\n', [STAGING_FILE]: '' });
    expect(await findTornState(root, ['out'])).toEqual({ journal: false, staged: ['out/a.yaml.fleetform-tmp', 'out/new/b.yaml.fleetform-tmp'] });
    expect(await recoverInterruptedRender(root, ['out'])).toBe('rolled-back');
    expect(await read('out/a.yaml')).toBe('old\n');
    expect(await readdir(join(root, 'out'))).toEqual(['a.yaml']);
    expect(await read(STAGING_FILE)).toBeUndefined();
  });

  it('GIVEN no render was staging (no marker, no journal) THEN it does not look for staged files', async () => {
    await put({ 'out/a.yaml': 'old\n', 'out/a.yaml.fleetform-tmp': 'left by hand\n' });
    expect(await findTornState(root, ['out'])).toBeUndefined();
  });

  it('GIVEN a render killed after it finished but before it removed the marker THEN there is nothing to recover', async () => {
    await put({ 'out/a.yaml': 'new\n', [STAGING_FILE]: '' });
    expect(await findTornState(root, ['out'])).toBeUndefined();
    expect(await recoverInterruptedRender(root, ['out'])).toBeUndefined();
    expect(await read(STAGING_FILE)).toBeUndefined();
  });

  it('GIVEN a committed journal, partly carried out (killed while renaming) THEN it rolls forward to the new tree', async () => {
    await put({
      'out/a.yaml': 'new\n',
      'out/b.yaml': 'old\n',
      'out/b.yaml.fleetform-tmp': 'new\n',
      'out/stale.yaml': 'old\n',
      [JOURNAL_FILE]: JSON.stringify({ version: 1, replace: ['out/a.yaml', 'out/b.yaml'], remove: ['out/stale.yaml'] }),
    });
    expect(await recoverInterruptedRender(root, ['out'])).toBe('rolled-forward');
    expect([await read('out/a.yaml'), await read('out/b.yaml'), await read('out/stale.yaml'), await read(JOURNAL_FILE)]).toEqual(['new\n', 'new\n', undefined, undefined]);
    expect(await findTornState(root, ['out'])).toBeUndefined();
  });

  it('does nothing on a clean tree', async () => {
    await put({ 'out/a.yaml': 'x\n' });
    expect(await recoverInterruptedRender(root, ['out'])).toBeUndefined();
  });
});

describe('withWriteLock', () => {
  it('GIVEN the lock is held by a live process THEN a second writer waits, then refuses naming it', async () => {
    await writeFile(join(root, LOCK_FILE), String(process.pid));
    await expect(withWriteLock(root, async () => 'ran', { waitMs: 200, pollMs: 50 })).rejects.toBeInstanceOf(LockedError);
  });

  it('releases the lock when the work fails', async () => {
    await expect(withWriteLock(root, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await read(LOCK_FILE)).toBeUndefined();
  });
});
