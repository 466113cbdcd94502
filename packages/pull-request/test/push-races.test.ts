import { describe, expect, it } from 'vitest';
import { openPullRequest } from '../src/index.js';
import type { FakeGitHub, FleetRepository } from '../src/testing.js';
import { BRANCH, commitsOnBranch, eachProposal, options, setTag, teammatePushes } from './proposal.js';

let repo: FleetRepository;
let github: FakeGitHub;
eachProposal((proposal) => ({ repo, github } = proposal));

describe('pushing while the remote moves', () => {
  it('GIVEN a teammate pushes to the branch while the change is made THEN the push is refused, the change is made again on their commit, and both commits land', async () => {
    let once = false;
    const apply = setTag('v1.1.0', async () => {
      if (once) return;
      once = true;
      await teammatePushes(repo, BRANCH, 'NOTES.md');
    });
    const o = options(repo, github, { apply });
    const result = await openPullRequest(o);
    expect(result).toMatchObject({ outcome: 'created', pushed: true });
    expect(o.said).toContain(`origin moved while pushing ${BRANCH} (attempt 1 of 3); fetching it and making the change again`);
    expect(await commitsOnBranch(repo)).toEqual(['Fleet Tester <tester@example.com>|Bump dbupgrade to v1.1.0', 'Teammate <mate@example.com>|Teammate changes NOTES.md']);
    expect(await repo.remoteFile(BRANCH, 'NOTES.md')).toContain('by a teammate');
  });

  it('GIVEN the remote moves before every push THEN it gives up after three tries with FF611, leaving only the teammate commits', async () => {
    const o = options(repo, github, { apply: setTag('v1.1.0', () => teammatePushes(repo, BRANCH, 'NOTES.md')) });
    await expect(openPullRequest(o)).rejects.toThrow(/^FF611: origin kept moving/);
    expect((await commitsOnBranch(repo)).every((c) => c.startsWith('Teammate'))).toBe(true);
    expect(github.pulls).toEqual([]);
  });

  it('GIVEN the same change started twice at once THEN both succeed with one branch commit and one pull request', async () => {
    const results = await Promise.all([openPullRequest(options(repo, github)), openPullRequest(options(repo, github))]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'updated']);
    expect(await commitsOnBranch(repo)).toHaveLength(1);
    expect(github.pulls).toHaveLength(1);
  });

});
