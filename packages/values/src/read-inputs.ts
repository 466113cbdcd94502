import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isInputFile } from './paths.js';

/** The input files of a fleet as repository-relative paths and their text, in path order. */
export type InputFiles = ReadonlyMap<string, string>;

/** Reads every input file under `root` (fleet.yaml, cluster.yaml, app.yaml, raw resources). */
export async function readInputs(root: string): Promise<InputFiles> {
  const candidates: string[] = [];
  for (const area of ['clusters', 'apps']) {
    for (const entry of await readdirSafe(join(root, area))) {
      const first = `${area}/${entry}`;
      candidates.push(first);
      for (const child of await readdirSafe(join(root, first))) {
        candidates.push(`${first}/${child}`);
        if (child === 'resources') {
          for (const resource of await readdirSafe(join(root, first, child))) {
            candidates.push(`${first}/${child}/${resource}`);
          }
        }
      }
    }
  }
  const files = new Map<string, string>();
  for (const path of candidates.filter(isInputFile).sort()) {
    files.set(path, await readFile(join(root, path), 'utf8'));
  }
  return files;
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}
