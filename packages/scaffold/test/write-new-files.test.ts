import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewFiles } from '../src/index.js';

const scratch = () => mkdtemp(join(tmpdir(), 'fleetform-scaffold-'));

describe('writeNewFiles', () => {
  it('GIVEN new paths THEN it writes them, creating folders', async () => {
    const root = await scratch();
    const problems = await writeNewFiles(root, [
      { path: 'apps/web/app.yaml', content: 'team: a\n' },
      { path: 'README.md', content: '# fleet\n' },
    ]);
    expect(problems).toEqual([]);
    expect(await readFile(join(root, 'apps/web/app.yaml'), 'utf8')).toBe('team: a\n');
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe('# fleet\n');
  });

  it('GIVEN one path that exists THEN it is an FF900 error, and no file is written, not even the new ones', async () => {
    const root = await scratch();
    await mkdir(join(root, 'apps/web'), { recursive: true });
    await writeFile(join(root, 'apps/web/app.yaml'), 'mine\n');
    const problems = await writeNewFiles(root, [
      { path: 'apps/api/app.yaml', content: 'new\n' },
      { path: 'apps/web/app.yaml', content: 'new\n' },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'FF900', message: 'apps/web/app.yaml exists already: fleetform never overwrites a file it did not generate' });
    expect(await readFile(join(root, 'apps/web/app.yaml'), 'utf8')).toBe('mine\n');
    expect(await readdir(join(root, 'apps'))).toEqual(['web']);
  });

  it('GIVEN a write that fails half way THEN what it wrote is removed again', async () => {
    const root = await scratch();
    // A file where a folder must go: the second write cannot happen.
    await writeFile(join(root, 'blocker'), '');
    await expect(
      writeNewFiles(root, [
        { path: 'apps/web/app.yaml', content: 'new\n' },
        { path: 'blocker/inside.yaml', content: 'new\n' },
      ]),
    ).rejects.toThrow();
    expect((await readdir(root)).sort()).toEqual(['blocker']);
  });
});
