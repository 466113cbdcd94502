import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { completeJournal, JOURNAL_FILE, readJournal, STAGING_FILE, TEMP_SUFFIX } from './journal.js';
import { listFiles } from './scan.js';
import { removeEmptyParents } from './tidy.js';

export type TornState = { readonly journal: boolean; readonly staged: readonly string[] };

/**
 * What an interrupted render left behind, if anything: a committed journal, staged temporary files
 * (looked for only when a render was staging, see STAGING_FILE).
 */
export async function findTornState(root: string, folders: readonly string[]): Promise<TornState | undefined> {
  const journal = (await readJournal(root)) !== undefined;
  const staging = journal || existsSync(join(root, STAGING_FILE));
  const staged = staging ? (await listFiles(root, folders)).filter((p) => p.endsWith(TEMP_SUFFIX)) : [];
  return journal || staged.length > 0 ? { journal, staged } : undefined;
}

/**
 * Finishes or rolls back a render that was interrupted: a committed journal is carried out (the tree
 * becomes entirely new); staged files without one are deleted (the tree stays entirely old).
 * Returns what it did, for the command to say so.
 */
export async function recoverInterruptedRender(root: string, folders: readonly string[]): Promise<'rolled-forward' | 'rolled-back' | undefined> {
  const journal = await readJournal(root);
  if (journal) {
    await completeJournal(root, journal);
    return 'rolled-forward';
  }
  const torn = await findTornState(root, folders);
  await rm(join(root, JOURNAL_FILE), { force: true });
  for (const path of torn?.staged ?? []) {
    await rm(join(root, path), { force: true });
    await removeEmptyParents(root, dirname(path));
  }
  await rm(join(root, STAGING_FILE), { force: true });
  return torn ? 'rolled-back' : undefined;
}
