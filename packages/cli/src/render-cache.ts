import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '@fleetform/diagnostics';
import type { Wanted } from '@fleetform/emit';
import type { AppRecord, ClusterRecord, InstanceRecord, ReusableApp } from '@fleetform/render';
import type { InputFiles } from '@fleetform/values';
import type { ParsedText } from '@fleetform/yaml';

/**
 * The render cache: how `fleetform render` redoes only what an edit changed. The state the last
 * render left (@fleetform/emit's RenderState) says, per generated file, the key of its content and
 * its stamp on disk, and per app the key of its inputs and what the cluster-level files read of it.
 * - Same inputs, same fleetform, every file untouched: nothing to render at all.
 * - Otherwise an app whose key is unchanged and whose files are untouched is reused as it is; the
 *   others are built and laid out, and every cluster-level file is made again (cheaply: a file is
 *   serialised only when its key differs from what is on disk).
 * Whatever cannot be shown unchanged is recomputed, so the cache can make a render faster, never
 * different; a test renders every kind of edit both ways and compares the trees.
 */

/** Thrown when a file the state vouched for changed while the command ran; the command starts again without the cache. */
export class StaleCacheError extends Error {
  override readonly name = 'StaleCacheError';
  constructor(path: string) {
    super(`${path} changed while fleetform was rendering`);
  }
}

/** A file the state vouches for, known by its key; its text is never needed while its stamp matches. */
class VouchedFile {
  constructor(
    private readonly path: string,
    readonly key: string,
  ) {}

  text(): string {
    throw new StaleCacheError(this.path);
  }
}

export const vouched = (path: string, key: string): Wanted => new VouchedFile(path, key);

/** Whether a wanted file is one the state vouched for (whose text is not known). */
export const isVouched = (file: Wanted | undefined): boolean => file instanceof VouchedFile;

/** Identifies every input file's content. */
export function inputsKey(files: InputFiles): string {
  const hash = createHash('sha1');
  for (const path of [...files.keys()].sort()) hash.update(`${path}\u0000${files.get(path)}\u0000`);
  return hash.digest('base64url');
}

/** What a render keeps beside the file stamps: its app records, and its parses of the value files (see ParseMemo). */
export interface RenderMemo {
  readonly apps: PackedApps;
  /** Per cluster, the key of its own files and their `[path, file key]` pairs (see ClusterRecord). */
  readonly clusters: Readonly<Record<string, { readonly key: string; readonly files: readonly (readonly [string, string])[] }>>;
  readonly parsed: Readonly<Record<string, ParsedText>>;
}

export function packClusters(records: ReadonlyMap<string, ClusterRecord>): RenderMemo['clusters'] {
  return Object.fromEntries([...records].map(([cluster, { key, files }]) => [cluster, { key, files: [...files].map(([path, file]) => [path, file.key] as const) }]));
}

/** The clusters of the state that a render may reuse: those whose files are all untouched. */
export function reusableClusters(clusters: RenderMemo['clusters'], untouched: ReadonlySet<string>): (cluster: string, key: string) => ClusterRecord | undefined {
  return (cluster, key) => {
    const record = clusters[cluster];
    if (record?.key !== key) return undefined;
    const files = vouchedIfUntouched(record.files, untouched);
    return files && { key, files };
  };
}

/**
 * The app records as the state stores them. Most of a record is its instances' values and object
 * identities, and the instances of one app mostly share them (all the clusters of one environment
 * and region, say), so each distinct one is stored once, as JSON text in `shared`, and referred to
 * by its index: a state a tenth of the size, read and written that much faster.
 */
export interface PackedApps {
  readonly shared: readonly string[];
  readonly records: Readonly<Record<string, PackedRecord>>;
}

type PackedRecord = Omit<AppRecord, 'instances'> & { readonly instances: readonly PackedInstance[] };
type PackedInstance = Omit<InstanceRecord, 'values' | 'objects'> & { readonly values: number; readonly objects: number };

/**
 * The JSON text each value unpackApps parsed came from: an app reused unchanged is packed again
 * from it, not stringified again (its values and identities are most of a state).
 */
const packedText = new WeakMap<object, string>();

export function packApps(records: ReadonlyMap<string, AppRecord>): PackedApps {
  const shared: string[] = [];
  const index = new Map<string, number>();
  // A value met again (one build's identities, shared by the clusters that resolve alike) is not stringified again.
  const byValue = new Map<object, number>();
  const ref = (value: unknown): number => {
    const object = typeof value === 'object' && value !== null ? value : undefined;
    const known = object && byValue.get(object);
    if (known !== undefined) return known;
    const text = (object && packedText.get(object)) || JSON.stringify(value);
    let i = index.get(text);
    if (i === undefined) {
      i = shared.push(text) - 1;
      index.set(text, i);
    }
    if (object) byValue.set(object, i);
    return i;
  };
  const packed = [...records].map(([name, record]) => [name, { ...record, instances: record.instances.map((i) => ({ ...i, values: ref(i.values), objects: ref(i.objects) })) }] as const);
  return { shared, records: Object.fromEntries(packed) };
}

/** The records back, each shared value parsed once (and shared: records are only read). */
export function unpackApps({ shared, records }: PackedApps): Map<string, AppRecord> {
  const parsed: unknown[] = [];
  const value = <T>(i: number): T => {
    if (parsed[i] === undefined) {
      parsed[i] = JSON.parse(shared[i]!);
      if (typeof parsed[i] === 'object' && parsed[i] !== null) packedText.set(parsed[i], shared[i]!);
    }
    return parsed[i] as T;
  };
  return new Map(
    Object.entries(records).map(([name, record]) => [
      name,
      { ...record, instances: record.instances.map((i) => ({ ...i, values: value<InstanceRecord['values']>(i.values), objects: value<InstanceRecord['objects']>(i.objects) })) },
    ]),
  );
}

/** The apps of the state that a render may reuse: those whose files are all untouched. */
export function reusableApps(apps: ReadonlyMap<string, AppRecord>, untouched: ReadonlySet<string>): (app: string, key: string) => ReusableApp | undefined {
  return (app, key) => {
    const record = apps.get(app);
    if (record?.key !== key) return undefined;
    const files = vouchedIfUntouched(record.files, untouched);
    return files && { record, files };
  };
}

/** Recorded `[path, file key]` pairs as files the state vouches for, if every one is untouched since. */
function vouchedIfUntouched(files: readonly (readonly [string, string])[], untouched: ReadonlySet<string>): Map<string, { key: string; text(): string }> | undefined {
  if (!files.every(([path]) => untouched.has(path))) return undefined;
  return new Map(files.map(([path, fileKey]) => [path, new VouchedFile(path, fileKey)]));
}

export function warningsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'warning');
}

/**
 * Identifies this build of fleetform: the files of its packages (each file's name, size and
 * modification time, in the folder that runs: dist/, or src/ when run from source) and the version
 * of the YAML library that writes every file. A state written by another build is ignored.
 */
export async function fleetformCodeKey(): Promise<string> {
  const hash = createHash('sha1');
  const seen = new Set<string>();
  // This module runs from the same folder as every other fleetform package, and the other folder
  // does not run: an edit to src/ not yet built into dist/ changes no output.
  const here = basename(dirname(fileURLToPath(import.meta.url)));
  const folders = here === 'src' || here === 'dist' ? [here] : ['src', 'dist'];
  const visit = async (root: string): Promise<void> => {
    if (seen.has(root)) return;
    seen.add(root);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies?: Record<string, string> };
    hash.update(`${manifest.name}@${manifest.version}\u0000`);
    if (manifest.name !== 'fleetform' && !manifest.name.startsWith('@fleetform/')) return;
    for (const folder of folders) {
      for (const file of listTree(join(root, folder))) {
        // Synchronous: a stat of a cached file costs microseconds, its promise round trip more.
        const { size, mtimeMs } = statSync(file);
        hash.update(`${file.slice(root.length)}\u0000${size}\u0000${mtimeMs}\u0000`);
      }
    }
    for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
      if (!name.startsWith('@fleetform/') && name !== 'yaml') continue;
      const found = await findPackage(name, root);
      if (found) await visit(found);
    }
  };
  await visit(await packageRoot(fileURLToPath(import.meta.url)));
  return hash.digest('base64url');
}

/** The folder of the package.json nearest above a file. */
async function packageRoot(file: string): Promise<string> {
  let dir = dirname(file);
  while (!(await exists(join(dir, 'package.json')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${file}`);
    dir = parent;
  }
  return dir;
}

/** Where Node would find a package from `from`: the nearest node_modules/NAME above it (links followed). */
async function findPackage(name: string, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await exists(join(candidate, 'package.json'))) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);

function listTree(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
