import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** A repository's content at one revision: every folder and file, as paths from its top. */
export interface GitTree {
  readonly commit: string;
  readonly directories: readonly string[];
  /** File path → blob id. */
  readonly files: ReadonlyMap<string, string>;
}

/** What the git generators read. Tests and the command line pass a local repository. */
export interface GitReader {
  /** The tree at `revision`; throws GitProblem when the repository has no such revision. */
  tree(revision: string): Promise<GitTree>;
  read(tree: GitTree, path: string): Promise<string>;
}

/** The repository or the revision is not there: the user's input, reported as a diagnostic. */
export class GitProblem extends Error {
  override readonly name = 'GitProblem';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** git itself failed (not installed, a broken repository): a failure of the machine, not of the input. */
export class GitFailure extends Error {
  override readonly name = 'GitFailure';
}

const run = promisify(execFile);

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    return (await run('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (cause) {
    const { code, stderr } = cause as { code?: unknown; stderr?: string };
    if (code === 'ENOENT') throw new GitFailure('git is not installed or not on PATH');
    throw Object.assign(new Error((stderr ?? String(cause)).trim()), { gitStderr: stderr ?? '' });
  }
}

/**
 * The local repository that contains `dir`, read with git at any revision, whatever repoURL an
 * ApplicationSet names: a preview is for the repository at hand. A revision the repository lacks
 * is also looked for as `origin/REVISION`, so `main` works in a clone that only has origin/main.
 */
export function localRepository(dir: string): GitReader {
  let top: Promise<string> | undefined;
  const trees = new Map<string, Promise<GitTree>>();
  const topLevel = () =>
    (top ??= git(dir, ['rev-parse', '--show-toplevel']).then(
      (out) => out.trim(),
      (cause: unknown) => {
        if (cause instanceof GitFailure) throw cause;
        throw new GitProblem(`${dir} is not in a git repository, so the git generators have nothing to read`, 'run fleetform preview inside the repository, or pass --repo DIR');
      },
    ));

  async function resolve(root: string, revision: string): Promise<string> {
    for (const candidate of [revision, `origin/${revision}`]) {
      try {
        return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`])).trim();
      } catch (cause) {
        if (cause instanceof GitFailure) throw cause;
      }
    }
    throw new GitProblem(`the repository at ${root} has no revision \`${revision}\``, 'fetch it, or point --repo at a clone that has it');
  }

  async function load(revision: string): Promise<GitTree> {
    const root = await topLevel();
    const commit = await resolve(root, revision);
    const listing = await git(root, ['ls-tree', '-r', '-t', '-z', '--full-tree', commit]);
    const directories: string[] = [];
    const files = new Map<string, string>();
    for (const entry of listing.split('\0')) {
      const match = /^\d+ (\w+) ([0-9a-f]+)\t([^]*)$/.exec(entry);
      if (!match) continue;
      const [, type, id, path] = match as unknown as [string, string, string, string];
      if (type === 'tree') directories.push(path);
      else if (type === 'blob') files.set(path, id);
    }
    return { commit, directories, files };
  }

  return {
    tree(revision) {
      const key = revision || 'HEAD';
      let tree = trees.get(key);
      if (!tree) {
        tree = load(key);
        trees.set(key, tree);
      }
      return tree;
    },
    async read(tree, path) {
      const id = tree.files.get(path);
      if (id === undefined) throw new GitProblem(`${path} is not in ${tree.commit.slice(0, 7)}`);
      return git(await topLevel(), ['cat-file', 'blob', id]);
    },
  };
}
