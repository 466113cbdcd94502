import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import { manifestsOf, type Manifest } from './manifest.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/;

export interface ReadResult {
  readonly files: number;
  readonly manifests: Manifest[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads manifest streams from files, folders (recursively, .yaml/.yml/.json) and `-` for standard input.
 * Paths are reported relative to `cwd` when they are inside it.
 */
export async function readManifests(paths: readonly string[], cwd: string, stdin: () => Promise<string>): Promise<ReadResult> {
  const manifests: Manifest[] = [];
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  const add = (text: string, file: string) => {
    files++;
    const stream = manifestsOf(text, file);
    manifests.push(...stream.manifests);
    diagnostics.push(...stream.diagnostics);
  };
  for (const path of paths) {
    if (path === '-') {
      add(await stdin(), 'stdin');
      continue;
    }
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      diagnostics.push(error('FF300', `no such file or folder: ${path}`, { hint: 'check the path, or pass - to read standard input' }));
    } else if (info.isDirectory()) {
      for (const file of await listManifestFiles(absolute)) add(await readFile(file, 'utf8'), display(cwd, file));
    } else {
      add(await readFile(absolute, 'utf8'), display(cwd, absolute));
    }
  }
  return { files, manifests, diagnostics };
}

export async function listManifestFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listManifestFiles(path)));
    else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
