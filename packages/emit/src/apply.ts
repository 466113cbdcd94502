import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChangePlan } from './plan.js';

const TEMP_SUFFIX = '.fleetform-tmp';

/**
 * Applies a plan. Every new content is first written and flushed to a temporary file beside its
 * target; only when all of them are on disk are they renamed into place (each rename is atomic) and
 * stale files removed. A failure while writing removes the temporary files and leaves the previous
 * tree exactly as it was.
 */
export async function applyChanges(root: string, wanted: ReadonlyMap<string, string>, plan: ChangePlan): Promise<void> {
  const targets = [...plan.create, ...plan.update];
  const staged: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const path of targets) {
      const target = join(root, path);
      const made = await mkdir(dirname(target), { recursive: true });
      if (made) createdDirs.push(made);
      const temp = `${target}${TEMP_SUFFIX}`;
      staged.push(temp);
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(wanted.get(path)!, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (cause) {
    await Promise.all(staged.map((temp) => rm(temp, { force: true })));
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    throw cause;
  }
  for (const path of targets) await rename(join(root, path) + TEMP_SUFFIX, join(root, path));
  for (const path of plan.remove) {
    await rm(join(root, path), { force: true });
    await removeEmptyParents(root, dirname(path));
  }
}

async function removeEmptyParents(root: string, relativeDir: string): Promise<void> {
  let dir = relativeDir;
  while (dir.includes('/')) {
    const entries = await readdir(join(root, dir)).catch(() => ['?']);
    if (entries.length > 0) return;
    await rmdir(join(root, dir)).catch(() => undefined);
    dir = dirname(dir);
  }
}
