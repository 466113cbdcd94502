import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface FleetRepositoryOptions {
  /** The folders to copy from `source`, e.g. clusters, schemas, apps/web. */
  readonly source: string;
  readonly folders: readonly string[];
  readonly owner: string;
  readonly repo: string;
  /** Runs in the clone before the first commit, e.g. to add an app to the copy. */
  readonly prepare?: (root: string) => Promise<void>;
}

/** What a test compares to prove fleetform left a clone as it found it. */
export interface CloneState {
  readonly head: string;
  readonly branch: string;
  readonly refs: string;
  readonly status: string;
  readonly worktrees: string;
  readonly stashes: string;
}

/**
 * A real git clone of a copy of a fleet, with a local bare repository as its `origin`. `origin`
 * points at the GitHub URL (https://github.com/OWNER/REPO.git), which git maps to the bare
 * repository with `url.<bare>.insteadOf`, so the repository name comes from the URL as in real
 * life while pushes stay on this machine.
 */
export class FleetRepository {
  private constructor(
    /** The clone: the fleet root. */
    readonly root: string,
    /** The bare repository pushes land in. */
    readonly remote: string,
    readonly url: string,
  ) {}

  static async create(options: FleetRepositoryOptions): Promise<FleetRepository> {
    const dir = await mkdtemp(join(tmpdir(), 'fleetform-repo-'));
    const [root, remote] = [join(dir, 'clone'), join(dir, 'origin.git')];
    const url = `https://github.com/${options.owner}/${options.repo}.git`;
    await git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    await mkdir(root);
    for (const folder of options.folders) {
      await mkdir(dirname(join(root, folder)), { recursive: true });
      await cp(join(options.source, folder), join(root, folder), { recursive: true });
    }
    const repository = new FleetRepository(root, remote, url);
    await repository.git('init', '--quiet', '--initial-branch=main');
    await repository.git('config', 'user.name', 'Fleet Tester');
    await repository.git('config', 'user.email', 'tester@example.com');
    await repository.git('config', 'commit.gpgsign', 'false');
    await repository.git('remote', 'add', 'origin', url);
    await repository.git('config', `url.${remote}.insteadOf`, url);
    // As in a fleet `fleetform init` made: what fleetform keeps for itself (its render state) is never committed.
    await writeFile(join(root, '.gitignore'), '.fleetform*\n*.fleetform-tmp\n');
    await options.prepare?.(root);
    await repository.git('add', '--all');
    await repository.git('commit', '--quiet', '--message', 'The fleet');
    await repository.git('push', '--quiet', '--set-upstream', 'origin', 'main');
    return repository;
  }

  /** Runs git in the clone and returns its output. */
  git(...args: string[]): Promise<string> {
    return git(this.root, ...args);
  }

  /** Runs git in the bare repository. */
  remoteGit(...args: string[]): Promise<string> {
    return execFileAsync('git', ['--git-dir', this.remote, ...args], { encoding: 'utf8' }).then((r) => r.stdout);
  }

  /** The commit a branch of the remote points at, or undefined. */
  async remoteBranch(branch: string): Promise<string | undefined> {
    const out = await this.remoteGit('for-each-ref', '--format=%(objectname)', `refs/heads/${branch}`);
    return out.trim() || undefined;
  }

  /** A file as a branch of the remote has it. */
  remoteFile(branch: string, path: string): Promise<string> {
    return this.remoteGit('show', `refs/heads/${branch}:${path}`);
  }

  /**
   * Where `secret` appears: in any file of the clone or the remote (.git included), or in any git
   * object of either, decompressed (a committed file is stored compressed, so grep alone misses it).
   */
  async placesHolding(secret: string): Promise<string[]> {
    const places: string[] = [];
    for (const dir of [this.root, this.remote]) {
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        const path = join(entry.parentPath, entry.name);
        if (entry.isFile() && (await readFile(path)).includes(secret)) places.push(path);
      }
    }
    const objects = async (gitDir: string) =>
      (await execFileAsync('git', ['--git-dir', gitDir, 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 })).stdout;
    if ((await objects(join(this.root, '.git'))).includes(secret)) places.push(`objects of ${this.root}`);
    if ((await objects(this.remote)).includes(secret)) places.push(`objects of ${this.remote}`);
    return places;
  }

  async state(): Promise<CloneState> {
    return {
      head: (await this.git('rev-parse', 'HEAD')).trim(),
      branch: (await this.git('symbolic-ref', '--short', 'HEAD')).trim(),
      refs: await this.git('for-each-ref', '--format=%(refname) %(objectname)'),
      status: await this.git('status', '--porcelain', '--untracked-files=all', '--ignored'),
      worktrees: (await this.git('worktree', 'list', '--porcelain')).replace(/^HEAD .*$/m, ''),
      stashes: await this.git('stash', 'list'),
    };
  }
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, encoding: 'utf8' });
  return stdout;
}
