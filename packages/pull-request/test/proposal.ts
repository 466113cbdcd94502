import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { branchName, compileTemplates, type AppliedChange, type ChangeContext, type PullRequestOptions } from '../src/index.js';
import { afterEach, beforeEach, expect } from 'vitest';
import { FakeGitHub, FleetRepository, type CloneState } from '../src/testing.js';

export const repoRoot = join(import.meta.dirname, '../../..');
export const TOKEN = 'ghp_SECRET_TOKEN_0123456789';
export const APP = 'apps/dbupgrade/app.yaml';
export const BRANCH = branchName(['bump', 'dbupgrade', 'v1.1.0']);
const run = promisify(execFile);

/** A clone of a copy of the example fleet (its clusters and the DBUpgrade app), with a bare origin, and a GitHub that knows it. */
export async function setUp(): Promise<{ repo: FleetRepository; github: FakeGitHub }> {
  const repo = await FleetRepository.create({ source: repoRoot, folders: ['apps/dbupgrade', 'clusters', 'schemas'], owner: 'example-org', repo: 'fleet' });
  const github = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet', gitDir: repo.remote });
  return { repo, github };
}

export function context(tag: string): ChangeContext {
  return {
    command: 'bump',
    summary: `Bump dbupgrade to ${tag}`,
    scope: 'every cluster',
    apps: [{ app: 'dbupgrade', scope: 'every cluster', before: 'v1.0.0', after: tag, clusters: ['us-east-1-staging'] }],
    changes: [{ app: 'dbupgrade', cluster: 'us-east-1-staging', environment: 'staging', region: 'us-east-1', before: 'v1.0.0', after: tag }],
    clusters: ['us-east-1-staging'],
    files: [{ path: APP, change: 'updated' }],
    promotion: null,
    diff: `- updated \`${APP}\``,
  };
}

/** A change that sets the app's tag; `meanwhile` runs after it is written, before the push. */
export function setTag(tag: string, meanwhile?: () => Promise<void>): (root: string) => Promise<AppliedChange | undefined> {
  return async (root) => {
    const path = join(root, APP);
    const text = await readFile(path, 'utf8');
    const next = text.replace(/^ {2}tag: .*$/m, `  tag: ${tag}`);
    if (next === text) return undefined;
    await writeFile(path, next);
    await meanwhile?.();
    return { files: [APP], context: context(tag) };
  };
}

export function options(repo: FleetRepository, github: FakeGitHub, more: Partial<PullRequestOptions> = {}): PullRequestOptions & { said: string[]; waits: number[] } {
  const said: string[] = [];
  const waits: number[] = [];
  return {
    root: repo.root,
    remote: 'origin',
    branch: BRANCH,
    labels: ['fleetform'],
    token: TOKEN,
    apiUrls: [github.url],
    apply: setTag('v1.1.0'),
    render: compileTemplates(),
    notify: (line) => void said.push(line),
    retry: { sleep: async (ms) => void waits.push(ms) },
    said,
    waits,
    ...more,
  };
}

/** Someone else pushes a commit to `branch` of the remote (created from main when absent). */
export async function teammatePushes(repo: FleetRepository, branch: string, file: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetform-teammate-'));
  const git = (...args: string[]) => run('git', args, { cwd: dir });
  await git('clone', '--quiet', repo.remote, '.');
  const exists = (await repo.remoteBranch(branch)) !== undefined;
  await git('checkout', '--quiet', '-B', branch, exists ? `origin/${branch}` : 'origin/main');
  await writeFile(join(dir, file), `${file} by a teammate, ${Date.now()}\n`);
  await git('add', file);
  await git('-c', 'user.name=Teammate', '-c', 'user.email=mate@example.com', 'commit', '--quiet', '-m', `Teammate changes ${file}`);
  await git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
}

export interface Proposal {
  readonly repo: FleetRepository;
  readonly github: FakeGitHub;
}

/**
 * A fresh clone and GitHub for every test, handed to `use`, and the checks every test of a proposal
 * ends with: GitHub saw only what its OpenAPI description allows, the clone is exactly as it was, and
 * the token is nowhere on disk. `alsoAfter` adds a file's own closing check.
 */
export function eachProposal(use: (proposal: Proposal) => void, alsoAfter?: (proposal: Proposal) => Promise<void>): void {
  let current: Proposal;
  let before: CloneState;
  beforeEach(async () => {
    current = await setUp();
    use(current);
    before = await current.repo.state();
  });
  afterEach(async () => {
    expect(current.github.violations).toEqual([]);
    expect(await current.repo.state()).toEqual(before);
    await alsoAfter?.(current);
    expect(await current.repo.placesHolding(TOKEN)).toEqual([]);
    await current.github.close();
  });
}

/** The commits a branch of the remote adds to main, as `author|subject`, oldest last. */
export async function commitsOnBranch(repo: FleetRepository, branch = BRANCH): Promise<string[]> {
  return (await repo.remoteGit('log', '--format=%an <%ae>|%s', `refs/heads/main..refs/heads/${branch}`)).trim().split('\n');
}
