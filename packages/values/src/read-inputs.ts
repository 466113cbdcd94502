import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { error, FleetformError, type Diagnostic } from '@fleetform/diagnostics';
import { isInputFile } from './paths.js';

/** The input files of a fleet as repository-relative paths and their text, in path order. */
export type InputFiles = ReadonlyMap<string, string>;

/** The largest input file fleetform reads. Real value files are a few kilobytes; this refuses a huge one before parsing it. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/**
 * Reads every input file under `root` (fleet.yaml, cluster.yaml, app.yaml, raw resources). A file
 * that cannot be read safely is refused before it is parsed, every such file reported at once as a
 * FleetformError: a link (or a file in a linked folder) that leads out of the repository, a file
 * over MAX_INPUT_BYTES, text that is not UTF-8.
 */
export async function readInputs(root: string): Promise<InputFiles> {
  const candidates: string[] = [];
  for (const area of ['clusters', 'apps']) {
    for (const entry of readdirSafe(join(root, area))) {
      const first = `${area}/${entry}`;
      candidates.push(first);
      for (const child of readdirSafe(join(root, first))) {
        candidates.push(`${first}/${child}`);
        if (child === 'resources') {
          for (const resource of readdirSafe(join(root, first, child))) {
            candidates.push(`${first}/${child}/${resource}`);
          }
        }
      }
    }
  }
  // Vendored chart files: charts/CHART/VERSION/values.schema.json and values.yaml.
  for (const chart of readdirSafe(join(root, 'charts'))) {
    for (const version of readdirSafe(join(root, 'charts', chart))) {
      for (const file of readdirSafe(join(root, 'charts', chart, version))) candidates.push(`charts/${chart}/${version}/${file}`);
    }
  }
  const files = new Map<string, string>();
  const problems: Diagnostic[] = [];
  const realRoot = realpathOrUndefined(root) ?? root;
  for (const path of candidates.filter(isInputFile).sort()) {
    const text = readInput(realRoot, root, path, problems);
    if (text !== undefined) files.set(path, text);
  }
  if (problems.length > 0) throw new FleetformError(problems);
  return files;
}

/**
 * `previous` with the given paths read again, dropped where they are gone: what a watching render
 * needs after the edits it was told of. An input is known by its path alone (isInputFile), so this
 * finds what readInputs would, as long as no folder was added or removed (those need readInputs).
 * Refuses what readInputs refuses, the same way.
 */
export function rereadInputs(root: string, previous: InputFiles, paths: Iterable<string>): InputFiles {
  const files = new Map(previous);
  const problems: Diagnostic[] = [];
  const realRoot = realpathOrUndefined(root) ?? root;
  for (const path of paths) {
    if (!isInputFile(path)) continue;
    files.delete(path);
    // Gone, not a link to nothing: a link is there, and readInput says where it leads.
    if (!lstatSync(join(root, path), { throwIfNoEntry: false })) continue;
    const text = readInput(realRoot, root, path, problems);
    if (text !== undefined) files.set(path, text);
  }
  if (problems.length > 0) throw new FleetformError(problems);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// Synchronous calls: a fleet has hundreds of small input files, and each asynchronous call's
// promise and thread-pool round trip costs more than reading the file.
function readInput(realRoot: string, root: string, path: string, problems: Diagnostic[]): string | undefined {
  const full = join(root, path);
  const position = { file: path, line: 1, col: 1 };
  // A link may point anywhere; following one out of the repository would read (and, through
  // error messages, show) a file nobody reviewed in it. Links inside the repository are fine.
  const target = realpathOrUndefined(full);
  if (target === undefined) {
    problems.push(error('FF009', `${path} is a link to nothing`, { position, hint: 'remove the broken link or restore its target' }));
    return undefined;
  }
  const inside = relative(realRoot, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    const link = lstatSync(full).isSymbolicLink() ? 'is a link' : 'is in a linked folder that leads';
    problems.push(
      error('FF009', `${path} ${link} out of the repository`, {
        position,
        found: `a link to ${target}`,
        hint: 'copy the file into the repository, or link to a file inside it',
      }),
    );
    return undefined;
  }
  const stat = statSync(target);
  if (!stat.isFile()) {
    problems.push(error('FF010', `${path} is a folder, not a file`, { position: { file: path, line: 1, col: 1 }, hint: 'a value file is a YAML file; move what the folder holds elsewhere' }));
    return undefined;
  }
  const { size } = stat;
  if (size > MAX_INPUT_BYTES) {
    problems.push(
      error('FF007', 'file too large to read', {
        position,
        expected: `at most ${MAX_INPUT_BYTES / 1024 / 1024} MB`,
        found: `${(size / 1024 / 1024).toFixed(1)} MB`,
        hint: 'a value file this large is almost certainly a mistake; split out what does not belong',
      }),
    );
    return undefined;
  }
  const bytes = readFileSync(target);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    problems.push(
      error('FF008', `not UTF-8 text: invalid byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at byte offset ${offset}`, {
        position: { file: path, ...lineAndColumn(bytes, offset) },
        expected: 'UTF-8 text',
        hint: 'save the file as UTF-8',
      }),
    );
    return undefined;
  }
}

/** The offset of the first byte that does not start a valid UTF-8 sequence (-1 when all are valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + length)); // rejects bad continuations, overlong forms, surrogates
      } catch {
        return i;
      }
    }
    i += length;
  }
  return -1;
}

/** The 1-based line and column (in characters) of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; col: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
