import { readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Removes folders left empty by a deletion, up to (not including) the top-level folder. */
export async function removeEmptyParents(root: string, relativeDir: string): Promise<void> {
  let dir = relativeDir;
  while (dir.includes('/')) {
    const entries = await readdir(join(root, dir)).catch(() => ['?']);
    if (entries.length > 0) return;
    await rmdir(join(root, dir)).catch(() => undefined);
    dir = dirname(dir);
  }
}
