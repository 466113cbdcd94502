import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '@fleetform/diagnostics';
import { DEFAULT_RETRY, GitHub } from '../src/index.js';
import { FakeGitHub } from '../src/testing.js';

const TOKEN = 'ghp_SECRET_TOKEN_0123456789';
const repository = { host: 'github.com', owner: 'example-org', repo: 'fleet' };
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const fields = { title: 'Bump dbupgrade to v1.1.0', body: 'body', base: 'main' };

let server: FakeGitHub;
let waits: number[];
let said: string[];
const client = (token = TOKEN, url = server.url) =>
  new GitHub(repository, token, url, { ...DEFAULT_RETRY, sleep: async (ms) => void waits.push(ms), now: () => NOW, notify: (line) => void said.push(line) });

/** The diagnostic a failed call carries, checked to hold no token. */
async function failure(promise: Promise<unknown>): Promise<Diagnostic> {
  const cause = (await promise.then(
    () => expect.unreachable('the call succeeded'),
    (e: unknown) => e,
  )) as { diagnostics?: Diagnostic[]; message: string };
  expect(JSON.stringify(cause.diagnostics) + cause.message + said.join('\n')).not.toContain(TOKEN);
  return cause.diagnostics![0]!;
}

beforeEach(async () => {
  server = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet' });
  [waits, said] = [[], []];
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

describe('the GitHub client', () => {
  it('GIVEN a new branch THEN it finds no pull request, opens one, updates it and labels it, with every request as GitHub documents it', async () => {
    const github = client();
    await github.checkRepository();
    expect(await github.findOpenPullRequest('fleetform/bump-x')).toBeUndefined();
    const opened = await github.createPullRequest('fleetform/bump-x', fields);
    expect(opened).toEqual({ number: 1, url: 'https://github.com/example-org/fleet/pull/1' });
    expect(await github.findOpenPullRequest('fleetform/bump-x')).toEqual(opened);
    await github.updatePullRequest(1, { ...fields, title: 'new title' });
    await github.addLabels(1, ['fleetform', 'image-bump']);
    expect(server.pulls).toEqual([{ number: 1, title: 'new title', body: 'body', head: 'fleetform/bump-x', base: 'main', state: 'open', labels: ['fleetform', 'image-bump'] }]);
    expect(server.exchanges.map((e) => [e.operationId, e.status])).toEqual([
      ['repos/get', 200],
      ['pulls/list', 200],
      ['pulls/create', 201],
      ['pulls/list', 200],
      ['pulls/update', 200],
      ['issues/add-labels', 200],
    ]);
    expect(server.exchanges[1]!.query).toEqual({ head: 'example-org:fleetform/bump-x', state: 'open', per_page: '10' });
    expect(new Set(server.authorizations)).toEqual(new Set([`token ${TOKEN}`]));
  });

  it('GIVEN a wrong token THEN FF605, and neither token appears anywhere', async () => {
    const d = await failure(client('ghp_WRONG').checkRepository());
    expect(d).toMatchObject({ code: 'FF605', message: 'GitHub refused the token (401 Bad credentials) while reading repository example-org/fleet' });
    expect(JSON.stringify(d)).not.toContain('ghp_WRONG');
  });

  it('GIVEN a repository the token cannot see THEN FF607', async () => {
    const other = new GitHub({ ...repository, repo: 'missing' }, TOKEN, server.url, { ...DEFAULT_RETRY, notify: () => undefined });
    expect(await failure(other.checkRepository())).toMatchObject({ code: 'FF607', message: 'GitHub repository example-org/missing was not found (404 Not Found) while reading repository example-org/missing' });
  });

  it('GIVEN a token without permission THEN FF606 names the permissions it needs', async () => {
    server.fail({ operationId: 'pulls/create', status: 403, body: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' } });
    expect(await failure(client().createPullRequest('b', fields))).toMatchObject({
      code: 'FF606',
      message: 'GitHub did not allow opening a pull request from b into main (403 Resource not accessible by personal access token)',
      hint: expect.stringContaining('write access to the pull requests of example-org/fleet'),
    });
  });

  it('GIVEN a validation failure THEN FF608 with what GitHub said; a message that echoes the token is redacted', async () => {
    server.fail({ operationId: 'pulls/create', status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between main and b (${TOKEN})` }], documentation_url: 'https://docs.github.com/rest' } });
    expect(await failure(client().createPullRequest('b', fields))).toMatchObject({ code: 'FF608', message: 'GitHub did not accept opening a pull request from b into main (422 Validation Failed: No commits between main and b (***))' });
  });

  it('GIVEN a spent rate limit that resets soon THEN it waits until the reset, says so, and goes on', async () => {
    const reset = String(NOW / 1000 + 30);
    server.fail({ operationId: 'pulls/create', status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' } });
    expect(await client().createPullRequest('b', fields)).toMatchObject({ number: 1 });
    expect(waits).toEqual([31_000]);
    expect(said).toEqual(['GitHub rate limit reached (POST /repos/{owner}/{repo}/pulls); waiting 31 s before trying again (retry 1 of 3)']);
  });

  it('GIVEN a secondary rate limit (429, retry-after) THEN it waits as told and goes on', async () => {
    server.fail({ operationId: 'pulls/list', status: 429, headers: { 'retry-after': '2' }, body: { message: 'You have exceeded a secondary rate limit', documentation_url: 'https://docs.github.com/rest' } });
    expect(await client().findOpenPullRequest('b')).toBeUndefined();
    expect(waits).toEqual([2_000]);
  });

  it('GIVEN a rate limit that resets in an hour THEN FF609 at once, saying when', async () => {
    server.fail({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) }, body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' } });
    expect(await failure(client().checkRepository())).toMatchObject({ code: 'FF609', message: "GitHub's rate limit is spent until 2025-01-01T13:00:00.000Z (403 API rate limit exceeded) while reading repository example-org/fleet" });
    expect(waits).toEqual([]);
  });

  it('GIVEN server errors THEN it retries with doubling back-off and succeeds, or gives up with FF610', async () => {
    server.fail({ operationId: 'pulls/update', status: 502, times: 2, body: { message: 'Server Error' } });
    await client().createPullRequest('b', fields);
    await client().updatePullRequest(1, fields);
    expect(waits).toEqual([1_000, 2_000]);
    server.fail({ status: 503, times: 4, body: { message: 'Service Unavailable' } });
    expect(await failure(client().checkRepository())).toMatchObject({ code: 'FF610', message: 'GitHub failed while reading repository example-org/fleet (503 Service Unavailable), also after retrying' });
    expect(waits).toEqual([1_000, 2_000, 1_000, 2_000, 4_000]);
  });

  it('GIVEN nothing listening THEN FF610 says it could not reach the API URL', async () => {
    const d = await failure(client(TOKEN, 'http://127.0.0.1:9').checkRepository());
    expect(d).toMatchObject({ code: 'FF610', message: expect.stringContaining('could not reach GitHub at http://127.0.0.1:9 while reading repository example-org/fleet') });
  });
});

describe('the test server', () => {
  it('records a request GitHub would not understand, and an answer GitHub would not give', async () => {
    await fetch(`${server.url}/repos/example-org/fleet/pulls?colour=red`, { headers: { accept: 'application/vnd.github+json', 'user-agent': 't', authorization: `token ${TOKEN}` } });
    await fetch(`${server.url}/repos/example-org/fleet/pulls`, { method: 'POST', body: JSON.stringify({ title: 3 }), headers: { accept: 'application/vnd.github+json', 'user-agent': 't', authorization: `token ${TOKEN}` } });
    await fetch(`${server.url}/no/such/endpoint`, { headers: { accept: 'application/vnd.github+json', 'user-agent': 't' } });
    server.fail({ status: 201, body: { number: 'one' } });
    await fetch(`${server.url}/repos/example-org/fleet`, { headers: { accept: 'application/json', 'user-agent': 't' } });
    expect(server.violations).toEqual([
      'GET /repos/example-org/fleet/pulls (pulls/list): query parameter `colour` is not documented',
      'POST /repos/example-org/fleet/pulls (pulls/create): request body.title: should be string',
      "POST /repos/example-org/fleet/pulls (pulls/create): request body: should have required property 'head'",
      "POST /repos/example-org/fleet/pulls (pulls/create): request body: should have required property 'base'",
      'GET /no/such/endpoint: no such operation in GitHub\'s API',
      'GET /repos/example-org/fleet (repos/get): accept header application/json',
      'GET /repos/example-org/fleet (repos/get) answered 201: status 201 is not documented for repos/get',
    ]);
    server.violations.length = 0;
  });

  it('GIVEN a path prefix THEN it serves there, as GitHub Enterprise Server serves /api/v3', async () => {
    const ghe = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet', pathPrefix: '/api/v3' });
    try {
      await client(TOKEN, ghe.url).checkRepository();
      expect(ghe.url).toMatch(/\/api\/v3$/);
      expect(ghe.violations).toEqual([]);
    } finally {
      await ghe.close();
    }
  });
});
