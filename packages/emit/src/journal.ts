import { renameSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeEmptyParents } from './tidy.js';

/** Where a render records what it is about to move into place. Its existence means "half done". */
export const JOURNAL_FILE = '.fleetform-journal.json';
export const TEMP_SUFFIX = '.fleetform-tmp';
/**
 * Present while a render stages files, until every one is renamed or removed. Only then can staged
 * files be anywhere, so a command looks for them (a walk of every generated folder) only then.
 */
export const STAGING_FILE = '.fleetform-staging';

/** The second phase of a render, written down before it starts so it can be finished after a crash. */
export interface Journal {
  readonly version: 1;
  /** Files whose new content sits in `<path>.fleetform-tmp`, to be renamed over `<path>`. */
  readonly replace: readonly string[];
  /** Generated files to delete. */
  readonly remove: readonly string[];
}

export async function writeJournal(root: string, journal: Journal): Promise<void> {
  const path = join(root, JOURNAL_FILE);
  const temp = `${path}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(journal), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The rename is the commit point: before it the render rolls back, after it the render rolls forward.
  await rename(temp, path);
  await syncDir(root);
}

export async function readJournal(root: string): Promise<Journal | undefined> {
  const text = await readFile(join(root, JOURNAL_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Journal;
  } catch {
    // Only a whole journal is ever renamed into place; an unreadable one was never committed.
    return undefined;
  }
}

/**
 * Carries out the second phase: every staged file renamed into place, every stale file removed, then
 * the journal deleted. Safe to run again on a journal it already partly carried out.
 */
export async function completeJournal(root: string, journal: Journal): Promise<void> {
  for (const path of journal.replace) {
    const target = join(root, path);
    const staged = `${target}${TEMP_SUFFIX}`;
    // Synchronous, as the staging writes (see apply.ts). A staged file already moved (by a run that
    // was killed partway) is skipped: asking first would cost a second system call for every file.
    try {
      renameSync(staged, target);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    }
  }
  for (const path of journal.remove) {
    await rm(join(root, path), { force: true });
    await removeEmptyParents(root, dirname(path));
  }
  await rm(join(root, JOURNAL_FILE), { force: true });
  await rm(join(root, STAGING_FILE), { force: true });
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems do not sync folders; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
