import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { copyExampleFleet, run } from './fleet-copy.js';

const exec = promisify(execFile);
const git = async (cwd: string, ...args: string[]) =>
  (await exec('git', ['-c', 'user.name=fleetform test', '-c', 'user.email=test@fleetform.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd })).stdout;

/** A git repository holding a copy of the example fleet, committed on branch main. */
async function committedFleet(): Promise<string> {
  const root = await copyExampleFleet();
  await git(root, 'init', '--quiet', '--initial-branch=main');
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '--message', 'the example fleet');
  return root;
}

/** Pins the DBUpgrade operator to v1.1.0 in prod, by a text edit like a person's. */
async function bumpProdTag(root: string): Promise<void> {
  const app = join(root, 'apps/dbupgrade/app.yaml');
  const text = await readFile(app, 'utf8');
  await writeFile(app, text.replace('overrides:\n  environments:\n', 'overrides:\n  environments:\n    prod:\n      image:\n        tag: v1.1.0\n'));
}

/** How many objects each cluster of the fleet at `root` receives, as fleetform renders it. */
async function objectCounts(root: string): Promise<Map<string, number>> {
  const { layout } = renderFleet(await readInputs(root));
  return new Map([...layout!.clusters].map(([cluster, { apps, argocd }]) => [cluster, [...apps.values()].flat().length + argocd.length]));
}

const worktrees = async (root: string) => (await git(root, 'worktree', 'list', '--porcelain')).split('\n').filter((l) => l.startsWith('worktree '));
const scratchDirs = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('fleetform-diff-'));

const tableRows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| `'));
const summaries = (markdown: string) => [...markdown.matchAll(/<summary>(.*)<\/summary>/g)].map((m) => m[1]);

let root = '';
// A temporary folder of this file's own, so the check that diff leaves no scratch folder behind sees
// only this file's: other tests, and other processes, make their own in the shared one.
beforeAll(async () => {
  process.env.TMPDIR = await mkdtemp(join(tmpdir(), 'fleetform-test-tmp-'));
});

beforeEach(async () => {
  root = await committedFleet();
});

describe('fleetform diff', () => {
  it('GIVEN the prod tag bumped in the working tree WHEN --format markdown THEN exactly the three prod clusters and their Deployment are listed, v1.0.0 → v1.1.0', async () => {
    await bumpProdTag(root);
    const { code, out, err } = await run('diff', '--root', root, '--format', 'markdown');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.startsWith('<!-- fleetform-diff -->\n')).toBe(true);
    const registry = (region: string) => `123456789012.dkr.ecr.${region}.amazonaws.com/dbupgrade-operator`;
    expect(tableRows(out)).toEqual([
      '| `ap-south-1-prod` | 0 | 0 | 1 |',
      '| `eu-west-1-prod` | 0 | 0 | 1 |',
      '| `us-east-1-prod` | 0 | 0 | 1 |',
      ...['ap-south-1', 'eu-west-1', 'us-east-1'].map(
        (region) => `| \`${region}-prod\` | \`Deployment.apps dbupgrade-system/dbupgrade-controller\` | \`manager\` | \`${registry(region)}\` | \`v1.0.0\` → \`v1.1.0\` |`,
      ),
    ]);
    expect(summaries(out)).toEqual(
      ['ap-south-1-prod', 'eu-west-1-prod', 'us-east-1-prod'].map((c) => `<code>${c}</code> changed <code>Deployment.apps dbupgrade-system/dbupgrade-controller</code>`),
    );
    expect(out).toContain('-          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbupgrade-operator:v1.0.0\n+          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbupgrade-operator:v1.1.0\n');
    expect(out).not.toContain('staging');
    expect(await worktrees(root)).toHaveLength(1);
  });

  it('GIVEN the bump committed on main WHEN --base names the branch it started from THEN the change shows; against HEAD nothing does', async () => {
    await git(root, 'branch', 'before-bump');
    await bumpProdTag(root);
    await git(root, 'commit', '--quiet', '--all', '--message', 'bump dbupgrade to v1.1.0 in prod');
    const since = await run('diff', '--root', root, '--base', 'before-bump');
    expect(since.code).toBe(0);
    expect(since.out.split('\n').filter((line) => /^(cluster|  [-+~] |  image|fleetform)/.test(line))).toEqual([
      'cluster ap-south-1-prod: 0 added, 0 removed, 1 changed',
      '  ~ Deployment.apps dbupgrade-system/dbupgrade-controller',
      '  image Deployment.apps dbupgrade-system/dbupgrade-controller, container manager: 123456789012.dkr.ecr.ap-south-1.amazonaws.com/dbupgrade-operator v1.0.0 → v1.1.0',
      'cluster eu-west-1-prod: 0 added, 0 removed, 1 changed',
      '  ~ Deployment.apps dbupgrade-system/dbupgrade-controller',
      '  image Deployment.apps dbupgrade-system/dbupgrade-controller, container manager: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbupgrade-operator v1.0.0 → v1.1.0',
      'cluster us-east-1-prod: 0 added, 0 removed, 1 changed',
      '  ~ Deployment.apps dbupgrade-system/dbupgrade-controller',
      '  image Deployment.apps dbupgrade-system/dbupgrade-controller, container manager: 123456789012.dkr.ecr.us-east-1.amazonaws.com/dbupgrade-operator v1.0.0 → v1.1.0',
      expect.stringMatching(/^fleetform diff: before-bump \([0-9a-f]{7,}\) → the working tree: 3 clusters affected, 3 objects \(0 added, 0 removed, 3 changed\)$/),
    ]);
    const now = await run('diff', '--root', root);
    expect(now.code).toBe(0);
    expect(now.out).toMatch(/^fleetform diff: no changes: every cluster receives the same objects from the working tree as from HEAD \([0-9a-f]{7,}\)\n$/);
    expect(await worktrees(root)).toHaveLength(1);
  });

  it('GIVEN a cluster added in the working tree THEN every object it receives is listed as added', async () => {
    await mkdir(join(root, 'clusters/eu-west-2-prod'));
    await writeFile(join(root, 'clusters/eu-west-2-prod/cluster.yaml'), 'environment: prod\nregion: eu-west-1\n');
    const { code, out } = await run('diff', '--root', root, '--format', 'markdown');
    expect(code).toBe(0);
    const added = (await objectCounts(root)).get('eu-west-2-prod')!;
    expect(tableRows(out)).toContain(`| \`eu-west-2-prod\` (added) | ${added} | 0 | 0 |`);
    expect(tableRows(out)).toContain('| `eu-west-2-prod` | `Deployment.apps dbupgrade-system/dbupgrade-controller` | `manager` | `123456789012.dkr.ecr.eu-west-1.amazonaws.com/dbupgrade-operator` | `(none)` → `v1.0.0` |');
    // The comment stays under GitHub's size limit: past it, objects are counted rather than shown.
    expect(summaries(out).length).toBeGreaterThan(0);
    expect(summaries(out).length).toBeLessThanOrEqual(added);
    expect(summaries(out).every((s) => s!.startsWith('<code>eu-west-2-prod</code> added '))).toBe(true);
  });

  it('GIVEN the fleet in a subfolder of the repository THEN the base is read from the same subfolder', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'fleetform-cli-'));
    await cp(root, join(repo, 'fleet'), { recursive: true, filter: (path) => !path.endsWith('.git') });
    await git(repo, 'init', '--quiet', '--initial-branch=main');
    await git(repo, 'add', '--all');
    await git(repo, 'commit', '--quiet', '--message', 'a fleet one folder down');
    await bumpProdTag(join(repo, 'fleet'));
    const { code, out } = await run('diff', '--root', join(repo, 'fleet'), '--format', 'markdown');
    expect(code).toBe(0);
    expect(tableRows(out).slice(0, 3)).toEqual(['| `ap-south-1-prod` | 0 | 0 | 1 |', '| `eu-west-1-prod` | 0 | 0 | 1 |', '| `us-east-1-prod` | 0 | 0 | 1 |']);
    expect(await worktrees(repo)).toHaveLength(1);
  });

  it('GIVEN a base revision from before the fleet existed THEN every object of every cluster counts as added, with a notice', async () => {
    await git(root, 'checkout', '--quiet', '--orphan', 'before-fleet');
    await git(root, 'rm', '--quiet', '-r', '--cached', '.');
    await git(root, 'commit', '--quiet', '--allow-empty', '--message', 'an empty repository');
    const { code, out, err } = await run('diff', '--root', root, '--base', 'before-fleet', '--format', 'markdown');
    expect(code).toBe(0);
    expect(err).toMatch(/^fleetform: before-fleet \([0-9a-f]{7,}\) has no clusters\/fleet.yaml at the top; every object counts as added\n$/);
    const counts = await objectCounts(root);
    expect(tableRows(out).slice(0, counts.size)).toEqual([...counts].map(([c, n]) => `| \`${c}\` (added) | ${n} | 0 | 0 |`));
    expect(await worktrees(root)).toHaveLength(1);
  });

  it('GIVEN an unknown REF THEN it exits 1 with a diagnostic naming it, and leaves no worktree', async () => {
    const { code, out, err } = await run('diff', '--root', root, '--base', 'origin/no-such-branch');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('error FF700: unknown revision `origin/no-such-branch`');
    expect(err).toContain('hint: in CI, fetch the base branch too');
    expect(await worktrees(root)).toHaveLength(1);
  });

  it('GIVEN a base revision whose values are invalid THEN it says the base does not render, exits 1, and removes the worktree', async () => {
    const cluster = join(root, 'clusters/eu-west-1-prod/cluster.yaml');
    const good = await readFile(cluster, 'utf8');
    await writeFile(cluster, good.replace('environment:', 'enviroment:'));
    await git(root, 'commit', '--quiet', '--all', '--message', 'a typo');
    await writeFile(cluster, good);
    const before = await scratchDirs();
    const { code, out, err } = await run('diff', '--root', root);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^fleetform: the base revision HEAD \([0-9a-f]{7,}\) does not render, so there is nothing to compare with:\n/);
    expect(err).toContain('clusters/eu-west-1-prod/cluster.yaml:2:1: error FF101 at /enviroment: unknown property `enviroment`');
    expect(await worktrees(root)).toHaveLength(1);
    expect(await scratchDirs()).toEqual(before);
  });

  it('GIVEN a base revision whose files cannot be read (a folder named app.yaml) THEN it says the base does not render, exit 1, and still removes the worktree', async () => {
    await mkdir(join(root, 'apps/odd/app.yaml'), { recursive: true });
    await writeFile(join(root, 'apps/odd/app.yaml/README'), 'a folder where a file belongs\n');
    await git(root, 'add', '--all');
    await git(root, 'commit', '--quiet', '--message', 'a folder named app.yaml');
    await rm(join(root, 'apps/odd'), { recursive: true });
    const before = await scratchDirs();
    const { code, err } = await run('diff', '--root', root);
    expect(code).toBe(1);
    expect(err).toMatch(/^fleetform: the base revision HEAD \(\w+\) does not render/);
    expect(err).toContain('apps/odd/app.yaml:1:1: error FF010: apps/odd/app.yaml is a folder, not a file');
    expect(err).not.toMatch(/\n\s+at /);
    expect(await worktrees(root)).toHaveLength(1);
    expect(await scratchDirs()).toEqual(before);
  });

  it('GIVEN a fleet outside any git repository THEN it exits 2 saying what git said', async () => {
    const plain = await copyExampleFleet();
    const { code, err } = await run('diff', '--root', plain);
    expect(code).toBe(2);
    expect(err).toMatch(/^fleetform: git rev-parse --show-prefix failed in .*: fatal: not a git repository/);
  });

  it('GIVEN an unknown --format THEN it is a usage error, exit 2', async () => {
    const { code, err } = await run('diff', '--root', root, '--format', 'html');
    expect(code).toBe(2);
    expect(err).toContain("argument 'html' is invalid. Allowed choices are text, markdown.");
  });
});
