import { describe, expect, it } from 'vitest';
import { openPullRequest } from '../src/index.js';
import type { FakeGitHub, FleetRepository } from '../src/testing.js';
import { APP, BRANCH, commitsOnBranch, eachProposal, options, setTag } from './proposal.js';

let repo: FleetRepository;
let github: FakeGitHub;
eachProposal((proposal) => ({ repo, github } = proposal));

describe('opening a pull request', () => {
  it('GIVEN a clone WHEN a change is proposed THEN one commit by the configured author lands on a new branch of origin and a pull request opens, labelled, and the clone is untouched', async () => {
    const result = await openPullRequest(options(repo, github));
    expect(result).toMatchObject({ outcome: 'created', branch: BRANCH, base: 'main', pullRequest: { number: 1, url: 'https://github.com/example-org/fleet/pull/1' }, pushed: true });
    expect(await commitsOnBranch(repo)).toEqual(['Fleet Tester <tester@example.com>|Bump dbupgrade to v1.1.0']);
    expect(await repo.remoteFile(BRANCH, APP)).toContain('  tag: v1.1.0\n');
    expect(await repo.remoteGit('log', '-1', '--format=%B', `refs/heads/${BRANCH}`)).toBe('Bump dbupgrade to v1.1.0\n\n- dbupgrade in every cluster: v1.0.0 → v1.1.0 (us-east-1-staging)\n\n');
    expect(github.pulls).toMatchObject([{ number: 1, title: 'Bump dbupgrade to v1.1.0', head: BRANCH, base: 'main', labels: ['fleetform'], body: expect.stringContaining('| dbupgrade | us-east-1-staging | `v1.0.0` | `v1.1.0` |') }]);
    expect(github.operations()).toEqual(['repos/get', 'pulls/list', 'pulls/create', 'issues/add-labels']);
  });

  it('GIVEN the pull request was opened before WHEN proposed again THEN nothing new is pushed and the same pull request is updated, not duplicated', async () => {
    await openPullRequest(options(repo, github));
    const head = await repo.remoteBranch(BRANCH);
    github.pulls[0]!.title = 'edited by hand';
    const again = await openPullRequest(options(repo, github, { base: 'main' }));
    expect(again).toMatchObject({ outcome: 'updated', pullRequest: { number: 1 }, pushed: false, commit: head });
    expect(await repo.remoteBranch(BRANCH)).toBe(head);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]!.title).toBe('Bump dbupgrade to v1.1.0');
    expect(github.operations().slice(4)).toEqual(['repos/get', 'pulls/list', 'pulls/update', 'issues/add-labels']);
  });

  it('GIVEN main has the change already THEN nothing is pushed or opened', async () => {
    const result = await openPullRequest(options(repo, github, { apply: setTag('v1.0.0') }));
    expect(result).toMatchObject({ outcome: 'unchanged', pushed: false });
    expect(await repo.remoteBranch(BRANCH)).toBeUndefined();
    expect(github.operations()).toEqual(['repos/get']);
  });

  it('GIVEN a base branch THEN the pull request targets it; GIVEN a missing one THEN FF613', async () => {
    await repo.remoteGit('branch', 'release', 'main');
    expect(await openPullRequest(options(repo, github, { base: 'release' }))).toMatchObject({ base: 'release', outcome: 'created' });
    expect(github.pulls[0]!.base).toBe('release');
    await expect(openPullRequest(options(repo, github, { base: 'nope' }))).rejects.toThrow(/^FF613: origin has no branch nope/);
  });
});
