import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles, readHead } from './scan.js';

/** What a render would change on disk. */
export interface ChangePlan {
  /** Files to create, by path. */
  readonly create: readonly string[];
  /** Files whose content changes. */
  readonly update: readonly string[];
  /** Files fleetform generated earlier that the render no longer produces. */
  readonly remove: readonly string[];
  readonly unchanged: number;
}

export interface Ownership {
  /** The top-level folders generated files live in, e.g. `apps`, `clusters`. */
  readonly folders: readonly string[];
  /** Whether a file's first line says fleetform generated it. Only such files are ever removed. */
  readonly isGenerated: (head: string) => boolean;
  /** Inputs are never removed, whatever their first line says. */
  readonly isInput: (path: string) => boolean;
}

const READ_BATCH = 64;

export function hasChanges(plan: ChangePlan): boolean {
  return plan.create.length + plan.update.length + plan.remove.length > 0;
}

/** Compares the wanted files with the disk. Reads only; changes nothing. */
export async function planChanges(root: string, wanted: ReadonlyMap<string, string>, ownership: Ownership): Promise<ChangePlan> {
  const create: string[] = [];
  const update: string[] = [];
  let unchanged = 0;
  const entries = [...wanted];
  // Reads run a batch at a time: one at a time leaves the disk idle, all at once runs out of handles.
  for (let start = 0; start < entries.length; start += READ_BATCH) {
    const batch = entries.slice(start, start + READ_BATCH);
    const current = await Promise.all(batch.map(([path]) => readFile(join(root, path), 'utf8').catch(() => undefined)));
    batch.forEach(([path, content], i) => {
      if (current[i] === undefined) create.push(path);
      else if (current[i] !== content) update.push(path);
      else unchanged++;
    });
  }
  const remove: string[] = [];
  for (const path of await listFiles(root, ownership.folders)) {
    if (wanted.has(path) || ownership.isInput(path)) continue;
    if (ownership.isGenerated(await readHead(join(root, path)))) remove.push(path);
  }
  return { create, update, remove, unchanged };
}
