import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import type { ScaffoldFile } from './scaffold-file.js';

/**
 * Writes files that must not exist yet. If any does, nothing is written and each one is an FF900
 * error; if writing fails half way, what was written is removed again, so a failed command leaves
 * the repository as it was.
 */
export async function writeNewFiles(root: string, files: readonly ScaffoldFile[], hint = 'choose another name, or move the file away first'): Promise<Diagnostic[]> {
  const existing = [];
  for (const file of files) if (await exists(join(root, file.path))) existing.push(file.path);
  if (existing.length > 0) {
    return existing.map((path) =>
      error('FF900', `${path} exists already: fleetform never overwrites a file it did not generate`, {
        position: { file: path, line: 1, col: 1 },
        hint,
      }),
    );
  }
  const created: string[] = [];
  try {
    for (const file of files) {
      const firstNewDir = await mkdir(dirname(join(root, file.path)), { recursive: true });
      if (firstNewDir) created.push(firstNewDir);
      // `wx` fails rather than overwrite a file that appeared since the check above.
      await writeFile(join(root, file.path), file.content, { flag: 'wx' });
      created.push(join(root, file.path));
    }
  } catch (cause) {
    for (const path of created.reverse()) await rm(path, { recursive: true, force: true });
    throw cause;
  }
  return [];
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);
