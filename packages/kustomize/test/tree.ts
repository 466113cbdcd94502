import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Reads a folder into a file tree keyed by paths relative to `root`. */
export async function readTree(root: string, dir = root): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of await readTree(root, path)) files.set(k, v);
    else files.set(relative(root, path), await readFile(path, 'utf8'));
  }
  return files;
}

/** Objects keyed by kind/namespace/name, for comparing builds whatever their order. */
export function byIdentity(objects: readonly { kind: string; metadata: { name: string; namespace?: string } }[]): Record<string, unknown> {
  return Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
}
