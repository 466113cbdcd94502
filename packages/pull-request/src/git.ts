import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { error, FleetformError, type Diagnostic } from '@fleetform/diagnostics';

const fail = (diagnostic: Diagnostic): FleetformError => new FleetformError([diagnostic]);
const firstLine = (cause: unknown): string =>
  (cause instanceof Error ? cause.message : String(cause))
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^(fatal|error|remote):/.test(line)) ?? String(cause).split('\n')[0]!;

/**
 * The user's clone. fleetform never changes it: the change is made in a temporary worktree on a
 * detached HEAD and pushed from there, so the checked-out branch, the working tree, the index and
 * every local branch stay as they were, whatever happens.
 */
export class LocalRepository {
  private constructor(
    private readonly git: SimpleGit,
    /** The fleet root relative to the top of the clone; empty when they are the same. */
    readonly prefix: string,
  ) {}

  static async open(root: string): Promise<LocalRepository> {
    const git = simpleGit({ baseDir: root });
    const top = await git.revparse(['--show-toplevel']).catch(() => undefined);
    if (!top) {
      throw fail(error('FF601', `${root} is not in a git repository`, { hint: 'run --pr in a clone of the fleet repository, or pass --root' }));
    }
    return new LocalRepository(git, relative(await realpath(top.trim()), await realpath(root)));
  }

  async remoteUrl(remote: string): Promise<string> {
    const url = (await this.git.raw(['config', '--get', `remote.${remote}.url`])).trim();
    if (url !== '') return url;
    const remotes = (await this.git.raw(['remote'])).split('\n').filter(Boolean);
    throw fail(
      error('FF602', `no git remote \`${remote}\``, {
        expected: remotes.length > 0 ? `one of ${remotes.map((r) => `\`${r}\``).join(', ')}` : 'a remote (git remote add origin URL)',
        hint: 'pick one with --remote',
      }),
    );
  }

  /** The branch the remote's HEAD points at, as `git ls-remote --symref` reports it. */
  async defaultBranch(remote: string): Promise<string> {
    const output = await this.git.raw(['ls-remote', '--symref', remote, 'HEAD']).catch((cause: unknown) => {
      throw fail(error('FF612', `could not read the default branch of ${remote}: ${firstLine(cause)}`, { hint: 'check the remote and your git credentials, or pass --base' }));
    });
    const branch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(output)?.[1];
    if (!branch) throw fail(error('FF613', `${remote} does not say which branch is its default`, { hint: 'pass --base BRANCH' }));
    return branch;
  }

  /** Fails before anything is done when git could not sign a commit with a name and address. */
  async checkIdentity(): Promise<void> {
    try {
      await this.git.raw(['var', 'GIT_AUTHOR_IDENT']);
      await this.git.raw(['var', 'GIT_COMMITTER_IDENT']);
    } catch (cause) {
      throw fail(error('FF603', `git does not know who commits: ${firstLine(cause)}`, { hint: 'set it with git config user.name "…" and git config user.email "…"' }));
    }
  }

  /** Runs `work` in a fresh worktree with a detached HEAD, and removes the worktree afterwards. */
  async withWorktree<T>(work: (worktree: Worktree) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'fleetform-pr-'));
    try {
      await this.git.raw(['worktree', 'add', '--detach', '--no-checkout', dir]);
      return await work(new Worktree(simpleGit({ baseDir: dir }), dir, join(dir, this.prefix)));
    } finally {
      await this.git.raw(['worktree', 'remove', '--force', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      await this.git.raw(['worktree', 'prune']).catch(() => undefined);
    }
  }
}

export type PushResult = 'pushed' | 'moved';

/** A temporary checkout in which one change is committed and pushed. */
export class Worktree {
  constructor(
    private readonly git: SimpleGit,
    readonly dir: string,
    /** The fleet root inside the worktree. */
    readonly root: string,
  ) {}

  /** The commits the remote's branches point at now; absent branches are left out. */
  async remoteHeads(remote: string, branches: readonly string[]): Promise<Map<string, string>> {
    const output = await this.git.raw(['ls-remote', '--heads', remote, ...branches.map((b) => `refs/heads/${b}`)]).catch((cause: unknown) => {
      throw fail(error('FF612', `could not read the branches of ${remote}: ${firstLine(cause)}`, { hint: 'check the remote URL and your git credentials' }));
    });
    const heads = new Map<string, string>();
    for (const line of output.split('\n')) {
      const [sha, ref] = line.split('\t');
      if (sha && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha);
    }
    return heads;
  }

  /** Fetches one branch into this worktree only (FETCH_HEAD is per worktree) and checks it out. */
  async checkoutRemote(remote: string, branch: string): Promise<string> {
    try {
      await this.git.raw(['fetch', '--quiet', '--no-tags', '--refmap=', remote, `refs/heads/${branch}`]);
      const sha = (await this.git.raw(['rev-parse', 'FETCH_HEAD'])).trim();
      await this.git.raw(['checkout', '--quiet', '--force', '--detach', sha]);
      await this.git.raw(['clean', '--quiet', '--force', '-d']);
      return sha;
    } catch (cause) {
      throw fail(error('FF612', `could not fetch ${branch} from ${remote}: ${firstLine(cause)}`, { hint: 'check the remote and your git credentials' }));
    }
  }

  /** Commits the given fleet files (created, changed or removed); undefined when none differs. */
  async commit(files: readonly string[], message: string): Promise<string | undefined> {
    const paths = files.map((file) => relative(this.dir, join(this.root, file)));
    await this.git.raw(['add', '--all', '--', ...paths]);
    if ((await this.git.raw(['diff', '--cached', '--name-only'])).trim() === '') return undefined;
    try {
      await this.git.raw(['commit', '--quiet', '--cleanup=whitespace', '--message', message]);
    } catch (cause) {
      throw fail(error('FF612', `git could not commit the change: ${firstLine(cause)}`, { hint: 'a commit hook may have refused it' }));
    }
    return (await this.git.raw(['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Pushes HEAD to the branch, never forcing. `moved` when the remote branch changed since it was
   * fetched. Pushing to the remote's URL rather than its name leaves the clone's remote-tracking
   * branches alone.
   */
  async push(remote: string, branch: string): Promise<PushResult> {
    try {
      await this.git.raw(['push', '--porcelain', await this.pushUrl(remote), `HEAD:refs/heads/${branch}`]);
      return 'pushed';
    } catch (cause) {
      const output = cause instanceof Error ? cause.message : String(cause);
      const status = output.split('\n').find((line) => /^!\t/.test(line)) ?? '';
      if (/\t\[rejected\]/.test(status)) return 'moved';
      const refused = /\t\[remote rejected\] \((.*)\)/.exec(status)?.[1];
      if (refused && /lock|expected|failed to update ref/i.test(refused)) return 'moved';
      throw fail(
        error('FF612', `${remote} refused the push of ${branch}: ${refused ?? firstLine(cause)}`, {
          hint: refused ? 'a hook or branch protection on the remote refused it' : 'check your git credentials and that you may push to the remote',
        }),
      );
    }
  }

  /** Deletes a branch this run created, only if it still points at `expected`. */
  async deleteRemoteBranch(remote: string, branch: string, expected: string): Promise<void> {
    await this.git.raw(['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${expected}`, await this.pushUrl(remote), `:refs/heads/${branch}`]);
  }

  private async pushUrl(remote: string): Promise<string> {
    return (await this.git.raw(['remote', 'get-url', '--push', remote])).trim();
  }
}
