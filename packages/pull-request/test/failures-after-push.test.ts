import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@fleetform/diagnostics';
import { openPullRequest } from '../src/index.js';
import type { FakeGitHub, FleetRepository } from '../src/testing.js';
import { BRANCH, TOKEN, eachProposal, options } from './proposal.js';

let repo: FleetRepository;
let github: FakeGitHub;
eachProposal((proposal) => ({ repo, github } = proposal));

const DOCS = 'https://docs.github.com/rest';

async function failure(o: ReturnType<typeof options>): Promise<Diagnostic> {
  const cause = (await openPullRequest(o).then(
    () => expect.unreachable('the proposal succeeded'),
    (e: unknown) => e,
  )) as { diagnostics: Diagnostic[] };
  expect(JSON.stringify(cause.diagnostics) + String(cause) + o.said.join('\n')).not.toContain(TOKEN);
  return cause.diagnostics[0]!;
}

describe('a pull request GitHub will not open after the push', () => {
  it.each([
    ['403', { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } }, 'FF606'],
    ['422', { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and x' }], documentation_url: DOCS } }, 'FF608'],
    ['5xx four times', { status: 502, times: 4, body: { message: 'Server Error' } }, 'FF610'],
  ])('GIVEN %s on opening it THEN the branch it pushed is removed again and the error says what to do', async (_, fault, code) => {
    github.fail({ operationId: 'pulls/create', ...fault });
    const o = options(repo, github);
    expect(await failure(o)).toMatchObject({ code });
    expect(o.said).toContain(`removed ${BRANCH} from origin again, since the pull request could not be opened`);
    expect(await repo.remoteBranch(BRANCH)).toBeUndefined();
    expect(github.pulls).toEqual([]);
  });

  it('GIVEN a branch an earlier run pushed WHEN opening fails THEN that branch stays', async () => {
    await openPullRequest(options(repo, github));
    const pushed = await repo.remoteBranch(BRANCH);
    github.pulls.length = 0;
    github.fail({ operationId: 'pulls/create', status: 422, body: { message: 'Validation Failed', documentation_url: DOCS } });
    expect(await failure(options(repo, github))).toMatchObject({ code: 'FF608' });
    expect(await repo.remoteBranch(BRANCH)).toBe(pushed);
  });

  it('GIVEN a spent rate limit that resets in a moment THEN it says it waits, waits, and opens the pull request', async () => {
    github.fail({ operationId: 'pulls/create', status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60) }, body: { message: 'API rate limit exceeded', documentation_url: DOCS } });
    const o = options(repo, github);
    expect(await openPullRequest(o)).toMatchObject({ outcome: 'created' });
    expect(o.waits).toHaveLength(1);
    // The reset is a minute away; the push before the request may take seconds on a busy machine.
    expect(o.waits[0]).toBeGreaterThan(30_000);
    expect(o.waits[0]).toBeLessThanOrEqual(62_000);
    expect(o.said).toContainEqual(expect.stringMatching(/^GitHub rate limit reached \(POST \/repos\/\{owner\}\/\{repo\}\/pulls\); waiting \d+ s before trying again \(retry 1 of 3\)$/));
  });
});
