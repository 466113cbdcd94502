import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * What the last render left on disk, so the next one can tell an unchanged file without reading it
 * (the way git's index does): per generated file the key of its content and the file's stamp as
 * the render left it. A file whose stamp still matches has not been touched since, so it still holds
 * the content of its key. Anything that does not match is read and compared as if there were no state.
 * It lives outside the repository's tracked files; deleting it only makes the next render a full one.
 */
export interface RenderState {
  readonly version: typeof STATE_VERSION;
  /** Identifies the fleetform that wrote the state; another build of it ignores the state. */
  readonly codeKey: string;
  /** Identifies every input file's content; the same key means the same render. */
  readonly inputsKey: string;
  readonly files: Readonly<Record<string, FileStamp>>;
  /** The warnings the render printed, printed again when nothing changed. */
  readonly warnings: readonly unknown[];
  /** Identifies the memo written with this state (see readRenderMemo). */
  readonly memoKey: string;
}

export interface FileStamp {
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

export const STATE_VERSION = 3;
export const STATE_FILE = '.fleetform/render-state.json';
/**
 * What else a render keeps to redo less next time (its app records, say), in the caller's own form.
 * It is most of what a render keeps, and a check of an unchanged fleet never needs it, so it has a
 * file of its own, read only when asked for.
 */
export const MEMO_FILE = '.fleetform/render-memo.json';

/** On disk a stamp is `[key, size, mtimeMs, ctimeMs, ino]`: a third of the size of the object, and read that much faster. */
type StoredStamp = readonly [string, number, number, number, number];
type StoredState = Omit<RenderState, 'files'> & { readonly files: Readonly<Record<string, StoredStamp>> };

export async function readRenderState(root: string, codeKey: string): Promise<RenderState | undefined> {
  try {
    const stored = JSON.parse(await readFile(join(root, STATE_FILE), 'utf8')) as StoredState;
    if (stored.version !== STATE_VERSION || stored.codeKey !== codeKey) return undefined;
    const files: Record<string, FileStamp> = {};
    for (const path in stored.files) {
      const [key, size, mtimeMs, ctimeMs, ino] = stored.files[path]!;
      files[path] = { key, size, mtimeMs, ctimeMs, ino };
    }
    return { ...stored, files };
  } catch {
    // Missing or unreadable: render in full, as on a fresh clone.
    return undefined;
  }
}

/** The memo written with `state`, or undefined if there is none or it is from another render. */
export async function readRenderMemo<Memo>(root: string, state: RenderState): Promise<Memo | undefined> {
  try {
    const text = await readFile(join(root, MEMO_FILE), 'utf8');
    return memoKeyOf(text) === state.memoKey ? (JSON.parse(text) as Memo) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the memo, then the state that names it, each with a rename, so a reader sees an old file or
 * a new one, never half of one; a memo without its state is ignored (readRenderMemo).
 */
export async function writeRenderState(root: string, state: Omit<RenderState, 'memoKey'>, memo: unknown): Promise<void> {
  await mkdir(join(root, dirname(STATE_FILE)), { recursive: true });
  const memoText = JSON.stringify(memo);
  await replaceFile(join(root, MEMO_FILE), memoText);
  const files: Record<string, StoredStamp> = {};
  for (const path in state.files) {
    const { key, size, mtimeMs, ctimeMs, ino } = state.files[path]!;
    files[path] = [key, size, mtimeMs, ctimeMs, ino];
  }
  const stored: StoredState = { ...state, files, memoKey: memoKeyOf(memoText) };
  await replaceFile(join(root, STATE_FILE), JSON.stringify(stored));
}

const memoKeyOf = (text: string): string => createHash('sha1').update(text).digest('base64url');

async function replaceFile(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text, 'utf8');
  await rename(`${path}.tmp`, path);
}

// Stamps are taken and checked with synchronous calls: for the thousands of small files of a fleet,
// a stat from the page cache costs microseconds, and the promise and thread-pool round trip of the
// asynchronous call costs several times that.

/** Stamps of the given files (path → key) as they are now; a file that cannot be read has none. */
export function stampFiles(root: string, files: ReadonlyMap<string, string>): Record<string, FileStamp> {
  const stamps: Record<string, FileStamp> = {};
  for (const [path, key] of files) {
    const s = statSync(join(root, path), { throwIfNoEntry: false });
    if (s) stamps[path] = { key, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
  }
  return stamps;
}

/** Whether a file is untouched since it was stamped (and so still holds the content of the stamp's key). */
export function matchesStamp(root: string, path: string, stamp: FileStamp | undefined): boolean {
  if (!stamp) return false;
  const s = statSync(join(root, path), { throwIfNoEntry: false });
  return s !== undefined && s.size === stamp.size && s.mtimeMs === stamp.mtimeMs && s.ctimeMs === stamp.ctimeMs && s.ino === stamp.ino;
}

/** The files the stamps list that are untouched since. */
export function untouchedFiles(root: string, stamps: Readonly<Record<string, FileStamp>>): Set<string> {
  return new Set(Object.keys(stamps).filter((path) => matchesStamp(root, path, stamps[path])));
}
