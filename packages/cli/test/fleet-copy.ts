import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../src/main.js';

export const repoRoot = join(import.meta.dirname, '../../..');

/** A scratch copy of the example fleet (inputs and committed output), so tests never touch the real one. */
export async function copyExampleFleet(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetform-cli-'));
  for (const folder of ['apps', 'clusters', 'schemas']) await cp(join(repoRoot, folder), join(dir, folder), { recursive: true });
  return dir;
}

/** Every file under `dir` with its content: a snapshot to prove that nothing changed. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Runs the command line in-process and captures what it prints. */
export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
