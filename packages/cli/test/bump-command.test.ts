import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FakeGitHub, FleetRepository } from '@fleetform/pull-request/testing';
import { runBump, type BumpOptions, type CommandContext } from '../src/commands/bump.js';
import { repoRoot, run, snapshotTree } from './fleet-copy.js';

const TOKEN = 'ghp_TEST_TOKEN_never_printed_0123';
const APP = 'apps/dbupgrade/app.yaml';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** A tiny second app that exists only in the copies these tests make. */
const HELLO = `# A tiny app, only in this test's copy of the fleet.
team: web
namespace:
  name: hello
image:
  repository: hello
  tag: v2.0.0
workloads:
  web:
    replicas: 1
    ports:
      http:
        port: 8080
    probes:
      liveness:
        http:
          path: /healthz
          port: http
      readiness:
        http:
          path: /readyz
          port: http
`;

const PULL_REQUESTS = `
pullRequests:
  labels: [fleetform, image-bump]
  title: "{{summary}} ({{clusters.length}} clusters)"
`;

interface Copy {
  readonly folders?: string[];
  readonly hello?: boolean;
  readonly fleetYaml?: string;
}

/**
 * A git clone of a copy of the example fleet (by default its clusters and the DBUpgrade app), with
 * a bare origin, rendered and committed first so a bump shows only its own change.
 */
function fleet({ folders = ['clusters', 'schemas', 'apps/dbupgrade'], hello = false, fleetYaml = '' }: Copy = {}): Promise<FleetRepository> {
  return FleetRepository.create({
    source: repoRoot,
    folders,
    owner: 'example-org',
    repo: 'fleet',
    prepare: async (root) => {
      if (hello) {
        await mkdir(join(root, 'apps/hello'));
        await writeFile(join(root, 'apps/hello/app.yaml'), HELLO);
      }
      if (fleetYaml) await writeFile(join(root, 'clusters/fleet.yaml'), (await readFile(join(root, 'clusters/fleet.yaml'), 'utf8')) + fleetYaml);
      expect((await run('render', '--root', root)).code).toBe(0);
    },
  });
}

/** The prod clusters of a copy, and the overlays they share, read from it rather than assumed. */
async function prodOf(root: string): Promise<{ clusters: string[]; overlays: string[] }> {
  const tree = await snapshotTree(root);
  const prod = [...tree].filter(([path, text]) => /^clusters\/[^/]+\/cluster\.yaml$/.test(path) && /^environment: prod$/m.test(text));
  const regions = prod.map(([, text]) => /^region: (\S+)$/m.exec(text)![1]!);
  return { clusters: prod.map(([path]) => path.split('/')[1]!).sort(), overlays: [...new Set(regions.map((r) => `${r}-prod`))].sort() };
}

const options = (root: string, more: Partial<BumpOptions> = {}): BumpOptions => ({ root, allowDowngrade: false, dryRun: false, pr: false, ...more });

async function bump(targets: string[], o: BumpOptions, context: CommandContext) {
  let [out, err] = ['', ''];
  const code = await runBump({ out: (t) => void (out += t), err: (t) => void (err += t) }, targets, o, context);
  return { code, out, err };
}

async function gitHub(repo: FleetRepository): Promise<{ server: FakeGitHub; context: CommandContext }> {
  const server = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet', gitDir: repo.remote });
  onTestFinished(async () => {
    expect(server.violations).toEqual([]);
    await server.close();
  });
  return { server, context: { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url }, retry: { sleep: async () => undefined } } };
}

/** One clone for the tests that must change nothing; each proves it did not. */
let shared: FleetRepository;
beforeAll(async () => {
  shared = await fleet({ hello: true, fleetYaml: PULL_REQUESTS });
});

describe('fleetform bump', () => {
  it('GIVEN the example fleet WHEN prod is bumped with --dry-run THEN it shows the plan and changes nothing; without it THEN app.yaml gains one block and exactly the prod overlays change', async () => {
    const repo = await fleet({ folders: ['apps', 'clusters', 'schemas'] });
    const { clusters, overlays } = await prodOf(repo.root);
    const tag = /^ {2}tag: (\S+)$/m.exec(await readFile(join(repo.root, APP), 'utf8'))![1]!;

    const dry = await run('bump', 'dbupgrade', 'v99.1.0', '--env', 'prod', '--dry-run', '--root', repo.root);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('fleetform: bump dbupgrade to v99.1.0 in environment prod\n');
    for (const cluster of clusters) expect(dry.out).toMatch(new RegExp(`\\n  ${cluster} +${tag} → v99\\.1\\.0\\n`));
    expect(dry.out).toContain(`  updated  ${APP}\n`);
    expect(dry.out).toMatch(/fleetform: dry run: nothing written\n$/);
    expect(await repo.git('status', '--porcelain')).toBe('');

    const { code, out } = await run('bump', 'dbupgrade', 'v99.1.0', '--env', 'prod', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toMatch(/fleetform: wrote \d+ files\n$/);
    const diff = await repo.git('diff', '--unified=0', '--', APP);
    expect(diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l))).toEqual(['+    prod:', '+      image:', '+        tag: v99.1.0']);
    expect(diff.match(/^@@/gm)).toHaveLength(1);
    const changed = (await repo.git('diff', '--name-only')).trim().split('\n');
    expect(changed[0]).toBe(APP);
    expect([...new Set(changed.slice(1).map((path) => /^apps\/dbupgrade\/overlays\/([^/]+)\//.exec(path)?.[1] ?? path))].sort()).toEqual(overlays);
  });

  it('GIVEN prod runs the tag already THEN it says so, exits 0 and changes nothing', async () => {
    const repo = shared;
    const tag = /^ {2}tag: (\S+)$/m.exec(await readFile(join(repo.root, APP), 'utf8'))![1]!;
    const { code, out } = await run('bump', 'dbupgrade', tag, '--env', 'prod', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^fleetform: dbupgrade already runs ${tag.replace(/\./g, '\\.')} in environment prod \\([^)]+\\); nothing to do\\n$`));
    expect(await repo.git('status', '--porcelain')).toBe('');
  });

  it('GIVEN a digest for one cluster THEN only that cluster is pinned, by digest, what it wrote is what a full render writes, and the render after it has nothing to do', async () => {
    const repo = await fleet();
    const { code, out } = await run('bump', 'dbupgrade', `@${DIGEST}`, '--cluster', 'eu-west-1-prod', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}eu-west-1-prod +\S+ → @sha256:0123456789ab\n/);
    expect(await readFile(join(repo.root, APP), 'utf8')).toContain(`    eu-west-1-prod:\n      image:\n        digest: ${DIGEST}\n`);
    expect((await repo.git('diff', '--name-only')).trim().split('\n').slice(1).every((p) => p.startsWith('apps/dbupgrade/overlays/eu-west-1-prod/'))).toBe(true);
    // The bump renders as `render` does, from the state the last render left, and leaves one for the next.
    expect((await run('render', '--check', '--no-cache', '--root', repo.root)).code).toBe(0);
    expect((await run('render', '--root', repo.root)).out).toMatch(/nothing changed since the last render/);
  });

  it.each([
    ['a lower version', ['dbupgrade', 'v0.0.1', '--env', 'prod'], 'FF504', 'hint: pass --allow-downgrade to roll back on purpose'],
    ['a mutable tag in an immutable environment', ['dbupgrade', 'latest', '--env', 'prod'], 'FF503', 'environment prod refuses the mutable tag `latest`'],
    ['a misspelt environment', ['dbupgrade', 'v9.0.0', '--env', 'prd'], 'FF501', 'hint: did you mean `prod`?'],
  ])('GIVEN %s THEN it exits 1 with %s and changes nothing', async (_, args, code, text) => {
    const repo = shared;
    const result = await run('bump', ...args, '--root', repo.root);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`error ${code}`);
    expect(result.err).toContain(text);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await repo.git('status', '--porcelain')).toBe('');
  });

  it('GIVEN a bump whose re-render fails THEN nothing is written, the value file included', async () => {
    const repo = shared;
    const path = join(repo.root, APP);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^ {6}readiness:\n(?: {8}.*\n)+/m, ''));
    try {
      const before = await snapshotTree(repo.root);
      const { code, err } = await run('bump', 'dbupgrade', 'v99.0.0', '--env', 'prod', '--root', repo.root);
      expect(code).toBe(1);
      expect(err).toMatch(/error FF2\d\d/);
      expect(await snapshotTree(repo.root)).toEqual(before);
    } finally {
      await repo.git('checkout', '--', APP);
    }
  });

  it('GIVEN wrong usage THEN it exits 2 and says how to call it', async () => {
    const repo = shared;
    expect(await run('bump', 'dbupgrade=v2', 'hello', '--root', repo.root)).toMatchObject({ code: 2, err: expect.stringContaining('give `APP TAG`, or one or more `APP=TAG`') });
    expect(await run('bump', 'dbupgrade', 'v2', '--env', 'prod', '--region', 'eu-west-1', '--root', repo.root)).toMatchObject({ code: 2 });
    expect(await run('bump', 'dbupgrade', 'v2', '--base', 'main', '--root', repo.root)).toMatchObject({ code: 2, err: expect.stringContaining('only apply with --pr') });
    expect(await run('bump', '--root', repo.root)).toMatchObject({ code: 2 });
  });

  it('GIVEN two bumps of different apps at once in one working tree THEN both land, and the rendered files match both', async () => {
    const repo = await fleet({ hello: true });
    const results = await Promise.all([
      run('bump', 'dbupgrade', 'v99.6.0', '--env', 'staging', '--root', repo.root),
      run('bump', 'hello', 'v2.6.0', '--env', 'staging', '--root', repo.root),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(await readFile(join(repo.root, APP), 'utf8')).toContain('tag: v99.6.0');
    expect(await readFile(join(repo.root, 'apps/hello/app.yaml'), 'utf8')).toContain('tag: v2.6.0');
    expect((await run('render', '--check', '--root', repo.root)).code).toBe(0);
  });

  it('GIVEN several APP=TAG pairs THEN they make one change', async () => {
    const repo = shared;
    const { code, out } = await run('bump', 'dbupgrade=v99.0.0', 'hello=v2.1.0', '--env', 'staging', '--dry-run', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toContain('fleetform: bump dbupgrade to v99.0.0 in environment staging\n');
    expect(out).toContain('fleetform: bump hello to v2.1.0 in environment staging\n');
    expect(out).toContain(`  updated  ${APP}\n`);
    expect(out).toContain('  updated  apps/hello/app.yaml\n');
    expect(await repo.git('status', '--porcelain')).toBe('');
  });
});

describe('fleetform bump --pr', () => {
  it('GIVEN a clone and GitHub THEN the change is pushed on its own branch and a pull request opens with the fleet template and labels, and the clone is untouched', async () => {
    const repo = await fleet({ fleetYaml: PULL_REQUESTS });
    const { clusters } = await prodOf(repo.root);
    const before = await repo.state();
    const { server, context } = await gitHub(repo);

    const first = await bump(['dbupgrade', 'v99.2.0'], options(repo.root, { env: 'prod', pr: true }), context);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/fleetform: pushed fleetform\/bump-dbupgrade-v99\.2\.0-prod \([0-9a-f]{12}\) and opened pull request #1: https:\/\/github\.com\/example-org\/fleet\/pull\/1\n$/);
    expect(server.pulls).toMatchObject([{ title: `Bump dbupgrade to v99.2.0 in environment prod (${clusters.length} clusters)`, labels: ['fleetform', 'image-bump'], base: 'main' }]);
    const body = server.pulls[0]!.body;
    expect(body).toContain('| scope | environment prod |');
    expect(body).toContain(`| clusters | ${clusters.join(', ')} |`);
    for (const cluster of clusters) expect(body).toMatch(new RegExp(`\\| dbupgrade \\| ${cluster} \\| \`\\S+\` \\| \`v99\\.2\\.0\` \\|`));
    // The body carries the rendered diff, as `fleetform diff --format markdown` prints it.
    expect(body).toContain('<!-- fleetform-diff -->');
    for (const cluster of clusters) expect(body).toContain(`<code>${cluster}</code> changed <code>Deployment.apps dbupgrade-system/dbupgrade-controller</code>`);
    const branch = 'fleetform/bump-dbupgrade-v99.2.0-prod';
    expect(await repo.remoteFile(branch, APP)).toContain('    prod:\n      image:\n        tag: v99.2.0\n');
    const files = (await repo.remoteGit('diff', '--name-only', 'refs/heads/main', `refs/heads/${branch}`)).trim().split('\n');
    expect(files[0]).toBe(APP);
    expect(files.slice(1).every((f) => /^apps\/dbupgrade\/overlays\/[^/]+-prod\//.test(f))).toBe(true);
    expect(await repo.state()).toEqual(before);
  });

  it('GIVEN --dry-run THEN it prints branch, commit message, files and pull request without a token, and touches nothing', async () => {
    const repo = shared;
    const before = await repo.state();
    const { code, out } = await bump(['dbupgrade', 'v99.3.0'], options(repo.root, { env: 'prod', pr: true, dryRun: true }), { env: {} });
    expect(code).toBe(0);
    expect(out).toContain('branch: fleetform/bump-dbupgrade-v99.3.0-prod, pushed to origin, into main\n');
    expect(out).toContain('commit message:\n  Bump dbupgrade to v99.3.0 in environment prod\n\n  - dbupgrade in environment prod: ');
    expect(out).toMatch(/pull request: Bump dbupgrade to v99\.3\.0 in environment prod \(\d+ clusters\)\nlabels: fleetform, image-bump\n {2}Bump dbupgrade/);
    expect(out).toMatch(/fleetform: dry run: nothing written, committed or pushed\n$/);
    expect(await repo.state()).toEqual(before);
    expect(await repo.remoteGit('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\n');
  });

  it('GIVEN no token THEN FF600 before anything happens; GIVEN a token GitHub refuses THEN FF605, and the token is printed nowhere and written nowhere', async () => {
    const repo = shared;
    const before = await repo.state();
    const none = await bump(['dbupgrade', 'v99.0.0'], options(repo.root, { env: 'prod', pr: true }), { env: { GITHUB_TOKEN: '', GH_TOKEN: '' } });
    expect(none).toMatchObject({ code: 1, err: expect.stringContaining('error FF600: no GitHub token to open the pull request with') });

    const { server } = await gitHub(repo);
    const wrong = 'ghp_WRONG_TOKEN_also_never_printed';
    const refused = await bump(['dbupgrade', 'v99.0.0'], options(repo.root, { env: 'prod', pr: true, apiUrl: server.url }), { env: { GH_TOKEN: wrong } });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('error FF605: GitHub refused the token (401 Bad credentials)');
    expect(refused.out + refused.err).not.toContain(wrong);
    expect(server.authorizations).toEqual([`token ${wrong}`]);
    expect(await repo.placesHolding(wrong)).toEqual([]);
    expect(await repo.state()).toEqual(before);
  });

  it('GIVEN two bumps of different apps started at the same time THEN both end up on the remote, each with its pull request, and nothing is lost', async () => {
    const repo = await fleet({ hello: true });
    const before = await repo.state();
    const { server, context } = await gitHub(repo);
    const [a, b] = await Promise.all([
      bump(['dbupgrade', 'v99.4.0'], options(repo.root, { env: 'staging', pr: true }), context),
      bump(['hello', 'v2.4.0'], options(repo.root, { env: 'staging', pr: true }), context),
    ]);
    expect([a.code, b.code, a.err + b.err]).toEqual([0, 0, expect.not.stringContaining('error')]);
    expect(await repo.remoteFile('fleetform/bump-dbupgrade-v99.4.0-staging', APP)).toContain('tag: v99.4.0');
    expect(await repo.remoteFile('fleetform/bump-hello-v2.4.0-staging', 'apps/hello/app.yaml')).toContain('tag: v2.4.0');
    expect(await repo.remoteFile('fleetform/bump-hello-v2.4.0-staging', APP)).not.toContain('v99.4.0');
    expect(server.pulls.map((p) => p.head).sort()).toEqual(['fleetform/bump-dbupgrade-v99.4.0-staging', 'fleetform/bump-hello-v2.4.0-staging']);
    expect(await repo.remoteBranch('main')).toBe(before.head);
    expect(await repo.state()).toEqual(before);
  });
});
