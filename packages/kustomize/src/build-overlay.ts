import jsonPatch, { type Operation } from 'fast-json-patch';
import { parseYamlStream } from '@fleetform/yaml';
import { posix } from 'node:path';
import { applyImageOverrides } from './images-transformer.js';
import { KUSTOMIZATION_FILE, type Kustomization, type PatchTarget } from './kustomization.js';

export type Manifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * The files a build reads, by path: a Map, or a view that produces each file when it is read. A
 * view that made a file from values may also give them back (`parsed`), so the build need not parse
 * the text it has just serialised: fleetform's own output, whose YAML round trip is the YAML library's
 * to keep (and the yaml package's tests hold it to that). The build only reads what `parsed` gives,
 * so a view may give the same values to every build.
 */
export type FileTree = Pick<ReadonlyMap<string, string>, 'get' | 'has'> & { parsed?(path: string): unknown[] | undefined };

export class KustomizeBuildError extends Error {
  override readonly name = 'KustomizeBuildError';
}

/**
 * Parsed files by path, kept across builds that share files (every overlay of an app shares its base).
 * An entry is used only while the file's text is the text it was parsed from.
 */
export type ParseCache = Map<string, { readonly text: string; readonly values: readonly unknown[] }>;

/**
 * Builds a kustomization in process: `resources` (files and folders with a kustomization), then
 * `images`, then `patches` (JSON 6902 with a target, or a strategic-merge `$patch: delete`).
 * It covers exactly the fields fleetform writes, and a test holds it to the real `kubectl kustomize`.
 */
export function buildKustomization(files: FileTree, dir: string, cache: ParseCache = new Map()): Manifest[] {
  const readYaml = <T>(path: string): T[] => {
    // Values a tree gives back are taken as they are: no text to serialise, nothing to parse.
    const given = files.parsed?.(path);
    if (given) return given as T[];
    const text = files.get(path);
    if (text === undefined) throw new KustomizeBuildError(`${path}: no such file or kustomization`);
    const cached = cache.get(path);
    if (cached?.text === text) return cached.values as T[];
    const values = files.parsed?.(path) ?? parseFile(path, text);
    cache.set(path, { text, values });
    return values as T[];
  };
  const kustomization = readYaml<Kustomization>(posix.join(dir, KUSTOMIZATION_FILE))[0];
  if (!kustomization) throw new KustomizeBuildError(`${dir}: empty ${KUSTOMIZATION_FILE}`);
  let objects: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = posix.normalize(posix.join(dir, resource));
    if (files.has(path)) objects.push(...readYaml<Manifest>(path));
    else if (files.has(posix.join(path, KUSTOMIZATION_FILE))) objects.push(...buildKustomization(files, path, cache));
    else throw new KustomizeBuildError(`${path}: no such file or kustomization`);
  }
  objects = objects.map((o) => applyImageOverrides(o, kustomization.images ?? []));
  for (const patch of kustomization.patches ?? []) {
    const path = posix.join(dir, patch.path);
    if (patch.target) {
      const operations = readYaml<Operation[]>(path)[0] ?? [];
      // Not in place (`mutateDocument` false): the patch is applied to a copy, as the files read are shared.
      objects = objects.map((o) => (matches(o, patch.target!) ? (jsonPatch.applyPatch(o, operations, true, false).newDocument as Manifest) : o));
    } else {
      const deletion = readYaml<Manifest & { $patch?: string }>(path)[0];
      if (deletion?.$patch !== 'delete') throw new KustomizeBuildError(`${path}: only \`$patch: delete\` strategic-merge patches are supported`);
      objects = objects.filter((o) => !(o.kind === deletion.kind && o.metadata.name === deletion.metadata.name && (deletion.metadata.namespace === undefined || o.metadata.namespace === deletion.metadata.namespace)));
    }
  }
  return objects;
}

function matches(object: Manifest, target: PatchTarget): boolean {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  return (
    object.kind === target.kind &&
    object.metadata.name === target.name &&
    (target.group ?? '') === group &&
    target.version === version &&
    (target.namespace === undefined || target.namespace === object.metadata.namespace)
  );
}

function parseFile(path: string, text: string): unknown[] {
  const { documents, diagnostics } = parseYamlStream(text, path);
  if (diagnostics.length > 0) throw new KustomizeBuildError(`${path}: ${diagnostics[0]!.message}`);
  return documents.map((d) => d.value);
}
