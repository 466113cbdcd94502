import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@fleetform/diagnostics';
import { openPullRequest } from '../src/index.js';
import { FakeGitHub, type FleetRepository } from '../src/testing.js';
import { BRANCH, TOKEN, eachProposal, options } from './proposal.js';

let repo: FleetRepository;
let github: FakeGitHub;
eachProposal(
  (proposal) => ({ repo, github } = proposal),
  async () => expect(await repo.remoteBranch(BRANCH)).toBeUndefined(),
);

/** The one diagnostic a failed proposal carries; neither it nor anything said holds a token. */
async function failure(o: ReturnType<typeof options>): Promise<Diagnostic> {
  const cause = (await openPullRequest(o).then(
    () => expect.unreachable('the proposal succeeded'),
    (e: unknown) => e,
  )) as { diagnostics: Diagnostic[] };
  expect(JSON.stringify(cause.diagnostics) + String(cause) + o.said.join('\n')).not.toMatch(/ghp_/);
  expect(cause.diagnostics).toHaveLength(1);
  return cause.diagnostics[0]!;
}

describe('a proposal that fails before anything is pushed', () => {
  it('GIVEN a token GitHub refuses THEN FF605, and the clone and the remote are as they were', async () => {
    expect(await failure(options(repo, github, { token: 'ghp_REVOKED_TOKEN' }))).toMatchObject({ code: 'FF605', hint: expect.stringContaining('GITHUB_TOKEN or GH_TOKEN') });
    expect(github.operations()).toEqual(['repos/get']);
  });

  it('GIVEN a repository GitHub does not know THEN FF607', async () => {
    const elsewhere = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'another-fleet' });
    try {
      expect(await failure(options(repo, elsewhere, {}))).toMatchObject({ code: 'FF607', message: expect.stringContaining('example-org/fleet was not found (404 Not Found)') });
      expect(elsewhere.violations).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('GIVEN a rate limit that resets much later THEN FF609 at once, without waiting', async () => {
    github.fail({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 7200) }, body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' } });
    const o = options(repo, github);
    expect(await failure(o)).toMatchObject({ code: 'FF609' });
    expect(o.waits).toEqual([]);
  });

  it('GIVEN git does not know who commits THEN FF603 says how to set it', async () => {
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };
    await repo.git('config', '--unset', 'user.name');
    await repo.git('config', '--unset', 'user.email');
    await repo.git('config', 'user.useConfigOnly', 'true');
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    try {
      expect(await failure(options(repo, github))).toMatchObject({ code: 'FF603', hint: expect.stringContaining('git config user.email') });
    } finally {
      for (const [key, value] of [['GIT_CONFIG_GLOBAL', saved.global], ['GIT_CONFIG_NOSYSTEM', saved.system]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(github.operations()).toEqual([]);
  });

  it('GIVEN no such remote THEN FF602 lists the ones there are', async () => {
    expect(await failure(options(repo, github, { remote: 'upstream' }))).toMatchObject({ code: 'FF602', message: 'no git remote `upstream`', expected: 'one of `origin`' });
  });

  it('GIVEN a folder outside any git repository THEN FF601', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'fleetform-no-git-'));
    expect(await failure(options(repo, github, { root: outside }))).toMatchObject({ code: 'FF601' });
  });
});
