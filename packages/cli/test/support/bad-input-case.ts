// Builds one case of the bad-input suite: the base fleet of fixtures/bad-input/_base with the case's
// files laid over it, in a scratch folder. Three files of a case are instructions, not fleet files:
//   expected.txt  the fragments the command must print, one a line
//   links.txt     symbolic links to create, `PATH -> TARGET` (TARGET relative to the link, as ln -s)
//   large.txt     large files to create, `PATH BYTES` (YAML comment lines), too big to commit
// Next to the fleet, `outside/app.yaml` is a valid app file that no link may lead render to read.
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, open, readFile, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../fixtures/bad-input');
const INSTRUCTIONS = new Set(['expected.txt', 'links.txt', 'large.txt']);

export interface BadInputCase {
  readonly name: string;
  readonly root: string;
  /** Fragments the output must contain. */
  readonly expected: readonly string[];
  /** `ok-` cases are accepted input: render must succeed. */
  readonly accepted: boolean;
  /** Removes the scratch folder (one case writes 50 MB). */
  readonly remove: () => Promise<void>;
}

export async function caseNames(): Promise<string[]> {
  return (await readdir(FIXTURES)).filter((name) => !name.startsWith('_')).sort();
}

export async function prepareCase(name: string): Promise<BadInputCase> {
  const scratch = await mkdtemp(join(tmpdir(), `fleetform-bad-${name}-`));
  const root = join(scratch, 'fleet');
  const source = join(FIXTURES, name);
  await cp(join(FIXTURES, '_base'), root, { recursive: true });
  await cp(source, root, { recursive: true, filter: (path) => !INSTRUCTIONS.has(relative(source, path)) });
  await mkdir(join(scratch, 'outside'));
  await cp(join(FIXTURES, '_base/apps/web/app.yaml'), join(scratch, 'outside/app.yaml'));
  for (const [path, target] of await instructions(source, 'links.txt', ' -> ')) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await rm(join(root, path), { force: true });
    await symlink(target, join(root, path));
  }
  for (const [path, bytes] of await instructions(source, 'large.txt', ' ')) await writeLargeFile(join(root, path), Number(bytes));
  const expected = (await readFile(join(source, 'expected.txt'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return { name, root, expected, accepted: name.startsWith('ok-'), remove: () => rm(scratch, { recursive: true, force: true }) };
}

async function instructions(folder: string, file: string, separator: string): Promise<[string, string][]> {
  let text: string;
  try {
    text = await readFile(join(folder, file), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(separator) as [string, string]);
}

async function writeLargeFile(path: string, bytes: number): Promise<void> {
  const line = `# ${'x'.repeat(1021)}\n`;
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; written += line.length) await handle.write(line);
  } finally {
    await handle.close();
  }
}

/** Every entry under `dir`: folders, links with their target, files with a hash of their bytes. */
export async function fingerprintTree(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    const stat = await lstat(path);
    if (stat.isSymbolicLink()) entries.set(key, `link ${await readlink(path)}`);
    else if (stat.isDirectory()) entries.set(key, 'folder');
    else entries.set(key, `file ${createHash('sha256').update(await readFile(path)).digest('hex')}`);
  }
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}
