import { error, FleetformError } from '@fleetform/diagnostics';
import { LocalRepository, type Worktree } from './git.js';
import { GitHub, isDuplicatePullRequest, type PullRequestRef } from './github.js';
import { apiUrlFor, parseRemoteUrl } from './github-repository.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { ChangeContext, PullRequestText, TemplateContext } from './templates.js';

/** A change written into a checkout: the files it touched and what to say about it. */
export interface AppliedChange {
  /** Fleet-root-relative paths it created, changed or removed. */
  readonly files: readonly string[];
  readonly context: ChangeContext;
}

export interface PullRequestOptions {
  /** The fleet root inside the user's clone. */
  readonly root: string;
  readonly remote: string;
  /** The branch to merge into; default the remote's default branch. */
  readonly base?: string;
  readonly branch: string;
  readonly labels: readonly string[];
  readonly token: string;
  /** API URLs in order of preference (flag, environment, fleet.yaml); the first set one wins. */
  readonly apiUrls: readonly (string | undefined)[];
  /**
   * Writes the change into the fleet root of a fresh checkout; undefined when that checkout has it
   * already. Called again on the new head whenever the remote moved before the push went through.
   */
  readonly apply: (root: string) => Promise<AppliedChange | undefined>;
  readonly render: (context: TemplateContext) => PullRequestText;
  readonly notify: (line: string) => void;
  readonly retry?: Partial<Omit<RetryPolicy, 'notify'>>;
  /** How often to push before giving up on a remote that keeps moving. Default 3. */
  readonly pushAttempts?: number;
}

export interface PullRequestResult {
  /** `unchanged` when the base branch has the change already: nothing was pushed or opened. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
  readonly branch: string;
  readonly base: string;
  readonly pullRequest?: PullRequestRef;
  /** The commit the branch points at, and whether this run pushed it. */
  readonly commit?: string;
  readonly pushed: boolean;
  readonly change?: AppliedChange;
  readonly text?: PullRequestText;
}

/**
 * Proposes a change as a pull request: checks the token and the repository, makes the change on
 * the remote's base branch (or on the change's branch, when an earlier run pushed it) in a
 * temporary worktree, commits and pushes it, then opens the pull request or updates the open one.
 * The local clone is never changed. A branch this run created is deleted again when the pull
 * request cannot be opened.
 */
export async function openPullRequest(options: PullRequestOptions): Promise<PullRequestResult> {
  const { remote, branch, notify } = options;
  const local = await LocalRepository.open(options.root);
  const repository = parseRemoteUrl(remote, await local.remoteUrl(remote));
  await local.checkIdentity();
  const github = new GitHub(repository, options.token, apiUrlFor(repository, options.apiUrls), { ...DEFAULT_RETRY, ...options.retry, notify });
  await github.checkRepository();
  const base = options.base ?? (await local.defaultBranch(remote));
  if (base === branch) throw new FleetformError([error('FF608', `the base branch and the change branch are both ${branch}`, { hint: 'pass another --base' })]);

  return local.withWorktree(async (worktree) => {
    const pushed = await pushChange(worktree, options, base);
    if (!pushed) return { outcome: 'unchanged', branch, base, pushed: false };
    const { change, text, commit, created } = pushed;
    try {
      const fields = { title: text.title, body: text.body, base };
      const found = await github.findOpenPullRequest(branch);
      let outcome: 'created' | 'updated' = found ? 'updated' : 'created';
      let pullRequest = found ? await github.updatePullRequest(found.number, fields) : undefined;
      if (!pullRequest) {
        pullRequest = await github.createPullRequest(branch, fields).catch(async (cause: unknown) => {
          // Another run opened it between the search and now: update that one instead.
          const other = isDuplicatePullRequest(cause) ? await github.findOpenPullRequest(branch) : undefined;
          if (!other) throw cause;
          outcome = 'updated';
          return github.updatePullRequest(other.number, fields);
        });
      }
      await github.addLabels(pullRequest.number, options.labels);
      return { outcome, branch, base, pullRequest, commit, pushed: pushed.pushed, change, text };
    } catch (cause) {
      if (created) {
        await worktree.deleteRemoteBranch(remote, branch, commit).then(
          () => notify(`removed ${branch} from ${remote} again, since the pull request could not be opened`),
          () => notify(`could not remove ${branch} from ${remote}; delete it by hand if you do not retry`),
        );
      }
      throw cause;
    }
  });
}

interface Pushed {
  readonly change: AppliedChange;
  readonly text: PullRequestText;
  readonly commit: string;
  /** Whether this run pushed a commit (not so when the branch had the change already). */
  readonly pushed: boolean;
  /** Whether this run created the branch on the remote. */
  readonly created: boolean;
}

/** Makes, commits and pushes the change, again on the new head each time the remote moved meanwhile. */
async function pushChange(worktree: Worktree, options: PullRequestOptions, base: string): Promise<Pushed | undefined> {
  const { remote, branch, notify } = options;
  const attempts = options.pushAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const heads = await worktree.remoteHeads(remote, [base, branch]);
    if (!heads.has(base)) throw new FleetformError([error('FF613', `${remote} has no branch ${base}`, { hint: 'pass an existing branch with --base' })]);
    // What the pull request says is always measured against the base branch.
    await worktree.checkoutRemote(remote, base);
    const change = await options.apply(worktree.root);
    if (!change) return undefined;
    const text = options.render({ ...change.context, branch, base });

    const existing = heads.get(branch);
    let files = change.files;
    if (existing) {
      // An earlier run (or a person) pushed to the branch: build on it, never over it.
      await worktree.checkoutRemote(remote, branch);
      const again = await options.apply(worktree.root);
      if (!again) return { change, text, commit: existing, pushed: false, created: false };
      files = again.files;
    }
    const commit = await worktree.commit(files, text.commitMessage);
    if (!commit) return existing ? { change, text, commit: existing, pushed: false, created: false } : undefined;
    notify(`pushing ${branch} to ${remote}`);
    if ((await worktree.push(remote, branch)) === 'pushed') return { change, text, commit, pushed: true, created: !existing };
    if (attempt < attempts) notify(`${remote} moved while pushing ${branch} (attempt ${attempt} of ${attempts}); fetching it and making the change again`);
  }
  throw new FleetformError([
    error('FF611', `${remote} kept moving: ${branch} was refused ${attempts} times because the remote changed before each push`, {
      hint: 'run the command again once the other pushes have settled',
    }),
  ]);
}
