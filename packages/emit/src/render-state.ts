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
export interface RenderState<Memo = unknown> {
  readonly version: typeof STATE_VERSION;
  /** Identifies the fleetform that wrote the state; another build of it ignores the state. */
  readonly codeKey: string;
  /** Identifies every input file's content; the same key means the same render. */
  readonly inputsKey: string;
  readonly files: Readonly<Record<string, FileStamp>>;
  /** What else the caller keeps to redo less next time (the render's app records, say), in its own form. */
  readonly memo: Memo;
  /** The warnings the render printed, printed again when nothing changed. */
  readonly warnings: readonly unknown[];
}

export interface FileStamp {
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

export const STATE_VERSION = 2;
export const STATE_FILE = '.fleetform/render-state.json';

export async function readRenderState<Memo>(root: string, codeKey: string): Promise<RenderState<Memo> | undefined> {
  try {
    const state = JSON.parse(await readFile(join(root, STATE_FILE), 'utf8')) as RenderState<Memo>;
    return state.version === STATE_VERSION && state.codeKey === codeKey ? state : undefined;
  } catch {
    // Missing or unreadable: render in full, as on a fresh clone.
    return undefined;
  }
}

/** Written with a rename, so a reader sees the old state or the new one, never half of one. */
export async function writeRenderState(root: string, state: RenderState): Promise<void> {
  const path = join(root, STATE_FILE);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(state), 'utf8');
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
