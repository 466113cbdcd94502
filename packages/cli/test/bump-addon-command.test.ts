import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FakeGitHub, FleetRepository } from '@fleetform/pull-request/testing';
import { runBump, type BumpOptions } from '../src/commands/bump.js';
import { repoRoot, run } from './fleet-copy.js';

const TOKEN = 'ghp_TEST_TOKEN_never_printed_0123';
const FLEET = 'clusters/fleet.yaml';

/** A clone of the example fleet's clusters and the DBUpgrade app, rendered and committed, with a bare origin. */
function fleet(): Promise<FleetRepository> {
  return FleetRepository.create({
    source: repoRoot,
    folders: ['clusters', 'schemas', 'apps/dbupgrade'],
    owner: 'example-org',
    repo: 'fleet',
    prepare: async (root) => {
      expect((await run('render', '--root', root)).code).toBe(0);
    },
  });
}

const clustersOf = async (root: string): Promise<string[]> =>
  (await readdir(join(root, 'clusters'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const addedLines = (diff: string): string[] => diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
const changedFiles = async (repo: FleetRepository): Promise<string[]> => (await repo.git('diff', '--name-only')).trim().split('\n');

let shared: FleetRepository;
beforeAll(async () => {
  shared = await fleet();
});

describe('fleetform bump --addon', () => {
  it('GIVEN the catalogue cert-manager WHEN bumped with --dry-run THEN it shows every cluster and changes nothing; without it THEN fleet.yaml gains an explicit pin and only the cert-manager Applications change', async () => {
    const repo = await fleet();
    const clusters = await clustersOf(repo.root);
    const dry = await run('bump', 'cert-manager', 'v1.16.3', '--addon', '--dry-run', '--root', repo.root);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('fleetform: bump add-on cert-manager to v1.16.3 on every cluster\n');
    for (const cluster of clusters) expect(dry.out).toMatch(new RegExp(`\\n  ${cluster} +v1\\.16\\.2 → v1\\.16\\.3\\n`));
    expect(dry.out).toContain(`  updated  ${FLEET}\n`);
    expect(await repo.git('status', '--porcelain')).toBe('');

    const { code } = await run('bump', 'cert-manager', 'v1.16.3', '--addon', '--root', repo.root);
    expect(code).toBe(0);
    const diff = await repo.git('diff', '--unified=0', '--', FLEET);
    expect(addedLines(diff)).toEqual(['+    chart:', '+      version: v1.16.3']);
    expect(await changedFiles(repo)).toEqual([FLEET, ...clusters.map((c) => `clusters/${c}/addons/cert-manager.yaml`)].sort());
    expect(await repo.git('diff', '--unified=0', '--', `clusters/${clusters[0]}/addons/cert-manager.yaml`)).toMatch(/^-\s+targetRevision: v1\.16\.2\n\+\s+targetRevision: v1\.16\.3$/m);
    expect((await run('render', '--check', '--root', repo.root)).code).toBe(0);
  });

  it('GIVEN --cluster THEN that cluster.yaml pins the version and only that cluster\'s add-on Application changes', async () => {
    const repo = await fleet();
    const { code } = await run('bump', 'argo-rollouts', '2.38.0', '--addon', '--cluster', 'eu-west-1-prod', '--root', repo.root);
    expect(code).toBe(0);
    expect(addedLines(await repo.git('diff', '--unified=0', '--', 'clusters/eu-west-1-prod/cluster.yaml'))).toEqual(['+addons:', '+  argo-rollouts:', '+    version: 2.38.0']);
    expect(await changedFiles(repo)).toEqual(['clusters/eu-west-1-prod/addons/argo-rollouts.yaml', 'clusters/eu-west-1-prod/cluster.yaml']);
  });

  it.each([
    ['an environment scope', ['cert-manager', 'v1.16.3', '--env', 'prod'], 'FF514', "an add-on's chart version cannot be set per environment"],
    ['a misspelt add-on', ['cert-manger', 'v1.16.3'], 'FF515', 'hint: did you mean `cert-manager`?'],
    ['a version range', ['cert-manager', '~1.16'], 'FF518', '`~1.16` is not an exact chart version'],
    ['a lower version', ['cert-manager', 'v1.15.0'], 'FF517', 'hint: pass --allow-downgrade to roll back on purpose'],
  ])('GIVEN %s THEN it exits 1 with %s and changes nothing', async (_, args, code, text) => {
    const result = await run('bump', ...args, '--addon', '--root', shared.root);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`error ${code}`);
    expect(result.err).toContain(text);
    expect(await shared.git('status', '--porcelain')).toBe('');
  });

  it('GIVEN wrong usage THEN it exits 2 and names the add-on form', async () => {
    expect(await run('bump', 'cert-manager', '--addon', '--root', shared.root)).toMatchObject({ code: 2, err: expect.stringContaining('give `ADDON VERSION`, or one or more `ADDON=VERSION`') });
  });
});

describe('fleetform bump --addon --pr', () => {
  it('GIVEN a clone and GitHub THEN the version bump is pushed on its own branch and proposed, and the clone is untouched', async () => {
    const repo = await fleet();
    const before = await repo.state();
    const server = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet', gitDir: repo.remote });
    onTestFinished(async () => {
      expect(server.violations).toEqual([]);
      await server.close();
    });
    const options: BumpOptions = { root: repo.root, allowDowngrade: false, dryRun: false, pr: true, addon: true };
    let out = '';
    const code = await runBump({ out: (t) => void (out += t), err: () => undefined }, ['cert-manager', 'v1.16.3'], options, { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url }, retry: { sleep: async () => undefined } });
    expect(code).toBe(0);
    expect(out).toMatch(/fleetform: pushed fleetform\/bump-addon-cert-manager-v1\.16\.3 \([0-9a-f]{12}\) and opened pull request #1: /);
    expect(server.pulls).toMatchObject([{ title: 'Bump add-on cert-manager to v1.16.3 on every cluster', base: 'main' }]);
    expect(server.pulls[0]!.body).toMatch(/\| add-on cert-manager \| eu-west-1-prod \| `v1\.16\.2` \| `v1\.16\.3` \|/);
    const branch = 'fleetform/bump-addon-cert-manager-v1.16.3';
    expect(await repo.remoteFile(branch, FLEET)).toContain('    catalogue: cert-manager\n    chart:\n      version: v1.16.3\n');
    expect(await repo.state()).toEqual(before);
  });
});
