import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { completeJournal, STAGING_FILE, TEMP_SUFFIX, writeJournal } from './journal.js';
import { contentOf, type ChangePlan, type Wanted } from './plan.js';

/**
 * Applies a plan in two phases, so that the tree ends entirely old or entirely new whatever happens:
 * 1. every new content is written and flushed to a temporary file beside its target. A failure or a
 *    kill here leaves the old tree; the temporary files are removed (now, or by the next command);
 * 2. a journal listing the renames and removals is committed, then carried out. A kill here is
 *    finished by the next command (`recoverInterruptedRender`).
 * Each rename is atomic, so no file is ever half written.
 */
export async function applyChanges(root: string, wanted: ReadonlyMap<string, Wanted>, plan: ChangePlan): Promise<void> {
  const targets = [...plan.create, ...plan.update];
  const staged: string[] = [];
  const createdDirs: string[] = [];
  if (targets.length > 0) writeFileSync(join(root, STAGING_FILE), '');
  try {
    // Synchronous calls: for thousands of small files they are several times faster than the
    // asynchronous ones, whose promise and thread-pool round trip costs more than the write itself.
    const ensured = new Set<string>();
    for (const path of targets) {
      const target = join(root, path);
      const dir = dirname(target);
      if (!ensured.has(dir)) {
        const made = mkdirSync(dir, { recursive: true });
        if (made) createdDirs.push(made);
        ensured.add(dir);
      }
      const temp = `${target}${TEMP_SUFFIX}`;
      staged.push(temp);
      // No fsync per file: the journal is synced before anything is renamed, and a killed process
      // loses no written data. (A power cut can; a render is cheap to repeat and --check finds it.)
      writeFileSync(temp, contentOf(wanted.get(path)!), 'utf8');
    }
  } catch (cause) {
    await Promise.all(staged.map((temp) => rm(temp, { force: true })));
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    await rm(join(root, STAGING_FILE), { force: true });
    throw cause;
  }
  if (targets.length === 0 && plan.remove.length === 0) return;
  const journal = { version: 1, replace: targets, remove: [...plan.remove] } as const;
  await writeJournal(root, journal);
  await completeJournal(root, journal);
}
