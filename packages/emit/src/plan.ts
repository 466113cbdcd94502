import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { error, FleetformError } from '@fleetform/diagnostics';
import { matchesStamp, type FileStamp } from './render-state.js';
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
  /**
   * Files fleetform did not write, in folders it writes into (a note left in an overlay, say). They
   * are never touched; the command names them, since whoever wrote one may expect it to take effect.
   */
  readonly foreign?: readonly string[];
  /** Wanted files shown unchanged by their stamp (see RenderState), without being read. */
  readonly untouched?: ReadonlySet<string>;
}

/** A wanted file: its text, or a key identifying its content and the text made on demand. */
export type Wanted = string | { readonly key: string; text(): string };

export const contentOf = (wanted: Wanted): string => (typeof wanted === 'string' ? wanted : wanted.text());

export interface Ownership {
  /** The top-level folders generated files live in, e.g. `apps`, `clusters`. */
  readonly folders: readonly string[];
  /** Whether a file's first line says fleetform generated it. Only such files are ever removed. */
  readonly isGenerated: (head: string) => boolean;
  /** Inputs are never removed, whatever their first line says. */
  readonly isInput: (path: string) => boolean;
}

export function hasChanges(plan: ChangePlan): boolean {
  return plan.create.length + plan.update.length + plan.remove.length > 0;
}

/** A wanted path that could write outside the generated folders. A bug upstream, never written. */
export class UnsafePathError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`refusing to write ${paths.length === 1 ? 'a path' : `${paths.length} paths`} outside the generated folders: ${paths.slice(0, 3).map((p) => JSON.stringify(p)).join(', ')}`);
    this.name = 'UnsafePathError';
  }
}

const MAX_SEGMENT_BYTES = 255;

/**
 * Why a wanted path is unsafe to write, or undefined. Names are validated where they are read; this
 * is the last line, so that no name, however it got through, can make the one writer leave its folders.
 * (Input files may be written: bump and promote write their value edits through the same writer.)
 */
export function unsafePathReason(path: string, ownership: Ownership): string | undefined {
  const segments = path.split('/');
  if (/[\\\0]/.test(path)) return 'holds a backslash or NUL';
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'is absolute or has an empty, `.` or `..` segment';
  if (!ownership.folders.includes(segments[0]!) || segments.length < 2) return 'is not inside a generated folder';
  if (segments.some((s) => Buffer.byteLength(s) > MAX_SEGMENT_BYTES)) return `has a segment over ${MAX_SEGMENT_BYTES} bytes`;
  return undefined;
}

/** What a caller already knows of the disk, so planChanges need not find it out again. */
export interface KnownDisk {
  /** The stamps an earlier render left (see RenderState). */
  readonly stamps?: Readonly<Record<string, FileStamp>>;
  /** Paths the caller has just shown to match their stamps, so they are not checked twice. */
  readonly untouched?: ReadonlySet<string>;
  /**
   * Every file under the ownership's folders, as listFiles would find them: a watching render keeps
   * the listing up to date from the file system's notifications instead of walking the folders.
   */
  readonly onDisk?: Iterable<string>;
}

/**
 * Compares the wanted files with the disk. Reads only; changes nothing. Throws UnsafePathError before
 * reading anything. With the stamps an earlier render left (see RenderState), a file whose key and
 * stamp both match is known unchanged without being read or serialised.
 */
export async function planChanges(root: string, wanted: ReadonlyMap<string, Wanted>, ownership: Ownership, known: KnownDisk = {}): Promise<ChangePlan> {
  const { stamps = {}, untouched: untouchedBefore } = known;
  const matches = (path: string): boolean => (untouchedBefore ? untouchedBefore.has(path) : matchesStamp(root, path, stamps[path]));
  const unsafe = [...wanted.keys()].filter((path) => unsafePathReason(path, ownership) !== undefined);
  if (unsafe.length > 0) throw new UnsafePathError(unsafe);
  const create: string[] = [];
  const update: string[] = [];
  const untouched = new Set<string>();
  let unchanged = 0;
  // One walk finds what is on disk: a wanted file that is not is created without trying to read it
  // (thousands of them in a first render), and any other file there may be stale.
  const onDisk = known.onDisk ? [...known.onDisk].sort() : await listFiles(root, ownership.folders);
  const existing = new Set(onDisk);
  // A file that is not on disk is created, and one whose key and stamp match is untouched, both
  // without reading it; only the rest are read.
  const toRead: (readonly [string, Wanted])[] = [];
  for (const [path, file] of wanted) {
    if (!existing.has(path)) create.push(path);
    else if (typeof file !== 'string' && stamps[path]?.key === file.key && matches(path)) {
      untouched.add(path);
      unchanged++;
    } else toRead.push([path, file]);
  }
  assertWritable(root, create, toRead.map(([path]) => path));
  // Synchronous reads: the files are small and, just written or checked out, in the page cache,
  // where a read costs microseconds and each asynchronous one's open, stat and thread-pool round trip
  // several times that (a check of 10,000 files without a state spent a fifth of its time there).
  for (const [path, file] of toRead) {
    const current = readIfThere(join(root, path));
    // Listed but gone by now (deleted meanwhile): created, like a file never there.
    if (current === undefined) create.push(path);
    else if (current !== contentOf(file)) update.push(path);
    else unchanged++;
  }
  const remove: string[] = [];
  const foreign: string[] = [];
  const generatedFolders = new Set([...wanted.keys()].map((path) => dirname(path)));
  for (const path of onDisk) {
    if (wanted.has(path) || ownership.isInput(path)) continue;
    // A stamp that matches is a file fleetform wrote and nobody touched since: its header is fleetform's.
    if (stamps[path] !== undefined && matches(path)) {
      remove.push(path);
      continue;
    }
    const head = await readHead(join(root, path));
    // Listed but gone by now: nothing to remove.
    if (head === undefined) continue;
    if (ownership.isGenerated(head)) remove.push(path);
    else if (generatedFolders.has(dirname(path))) foreign.push(path);
  }
  return { create, update, remove, unchanged, foreign, untouched };
}

/**
 * Refuses, before anything is read or written, a wanted file whose way is blocked by something
 * fleetform did not write: a folder on the way that is a symbolic link (writing through it would write
 * wherever it leads: `apps/web/base -> /etc`) or a file, or a folder where the file itself goes. Each
 * folder is looked at once, and a file to create only when its folder exists (never in a first
 * render). Files that are links are no danger: a render renames its file over the link itself.
 */
function assertWritable(root: string, create: readonly string[], update: readonly string[]): void {
  const folders = new Map<string, 'folder' | 'absent'>();
  const folderState = (folder: string): 'folder' | 'absent' => {
    for (let at = folder; at !== '.' && !folders.has(at); at = dirname(at)) {
      const stat = lstatSync(join(root, at), { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) throw blocked('FF009', `${at} is a link to ${readlinkSync(join(root, at))}: fleetform writes generated files only into folders of the repository itself`, `remove the link (\`rm ${at}\`); the next render makes the folder`);
      if (stat && !stat.isDirectory()) throw blocked('FF010', `${at} is a file where fleetform writes a folder of generated files`, `move or remove ${at}; the next render makes the folder`);
      folders.set(at, stat ? 'folder' : 'absent');
    }
    return folders.get(folder) ?? 'folder';
  };
  for (const path of update) folderState(dirname(path));
  for (const path of create) {
    if (folderState(dirname(path)) === 'absent') continue;
    const stat = lstatSync(join(root, path), { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw blocked('FF010', `${path} is a folder where fleetform writes a generated file`, `move or remove ${path}; the next render writes the file`);
  }
}

const blocked = (code: string, message: string, hint: string): FleetformError => new FleetformError([error(code, message, { hint })]);

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
