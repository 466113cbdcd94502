import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, FleetRepository } from '@fleetform/pull-request/testing';
import { loadFleet, readInputs } from '@fleetform/values';
import { runPromote, type PromoteOptions } from '../src/commands/promote.js';
import { repoRoot, run } from './fleet-copy.js';

const TOKEN = 'ghp_TEST_TOKEN_for_promotions_0123';
const APP = 'apps/dbupgrade/app.yaml';

/** A tiny app without targets, so it runs in every environment; only in these tests' copies. */
const HELLO = 'team: web\nnamespace:\n  name: hello\nimage:\n  repository: hello\n  tag: v2.0.0\nworkloads:\n  web:\n    replicas: 1\n    ports:\n      http:\n        port: 8080\n    probes:\n      liveness:\n        http:\n          path: /healthz\n          port: http\n      readiness:\n        http:\n          path: /readyz\n          port: http\n';

/**
 * A git clone of a copy of the example fleet (its clusters, the DBUpgrade app and a tiny app),
 * rendered, with staging already bumped to v99.5.0, so there is something to promote.
 */
function fleet(): Promise<FleetRepository> {
  return FleetRepository.create({
    source: repoRoot,
    folders: ['clusters', 'schemas', 'apps/dbupgrade'],
    owner: 'example-org',
    repo: 'fleet',
    prepare: async (root) => {
      await mkdir(join(root, 'apps/hello'));
      await writeFile(join(root, 'apps/hello/app.yaml'), HELLO);
      expect((await run('render', '--root', root)).code).toBe(0);
      expect((await run('bump', 'dbupgrade=v99.5.0', 'hello=v2.5.0', '--env', 'staging', '--root', root)).code).toBe(0);
    },
  });
}

/** The environments in promotion order, as the copy's fleet.yaml lists them. */
async function promotionOrder(root: string): Promise<string[]> {
  return loadFleet(await readInputs(root)).inputs!.fleet.value.environments.map((e) => e.name);
}

let shared: FleetRepository;
beforeAll(async () => {
  shared = await fleet();
});

describe('fleetform promote', () => {
  it('GIVEN staging runs v99.5.0 WHEN promoted to prod THEN prod gets exactly that image, in one override block', async () => {
    const repo = await fleet();
    const { code, out } = await run('promote', 'dbupgrade', '--from', 'staging', '--to', 'prod', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toMatch(/^fleetform: promote dbupgrade v99\.5\.0 from staging \(us-east-1-staging\) to prod\n/);
    expect(out).toMatch(/\n {2}\S+-prod +\S+ → v99\.5\.0\n/);
    const diff = await repo.git('diff', '--unified=0', '--', APP);
    expect(diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l))).toEqual(['+    prod:', '+      image:', '+        tag: v99.5.0']);
    expect((await run('render', '--check', '--root', repo.root)).code).toBe(0);
  });

  it('GIVEN an environment in between WHEN it would be skipped THEN FF511 and nothing changes', async () => {
    const order = await promotionOrder(shared.root);
    const result = await run('promote', 'hello', '--from', order[0]!, '--to', order.at(-1)!, '--root', shared.root);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`error FF511: promoting hello from ${order[0]} to ${order.at(-1)} skips ${order.slice(1, -1).join(', ')}`);
    expect(result.err).toContain('hint: promote to');
    expect(await shared.git('status', '--porcelain')).toBe('');
  });

  it('GIVEN --force THEN the skipped environments are said, and the last one gets the first one\'s image', async () => {
    const repo = await fleet();
    const order = await promotionOrder(repo.root);
    const { code, out } = await run('promote', 'hello', '--from', order[0]!, '--to', order.at(-1)!, '--force', '--root', repo.root);
    expect(code).toBe(0);
    expect(out).toContain(`to ${order.at(-1)}, skipping ${order.slice(1, -1).join(', ')}\n`);
  });

  it('GIVEN a promotion backwards THEN FF510 points at bump --allow-downgrade', async () => {
    const result = await run('promote', 'dbupgrade', '--from', 'prod', '--to', 'staging', '--root', shared.root);
    expect(result.code).toBe(1);
    expect(result.err).toContain('hint: to roll staging back, bump it: fleetform bump dbupgrade TAG --env staging --allow-downgrade');
    expect(await run('promote', 'dbupgrade', '--to', 'prod', '--root', shared.root)).toMatchObject({ code: 2 });
  });

  it('GIVEN --pr THEN the promotion goes to its own branch, and the commit message and the pull request record it', async () => {
    const repo = shared;
    const before = await repo.state();
    const server = await FakeGitHub.start({ token: TOKEN, owner: 'example-org', repo: 'fleet', gitDir: repo.remote });
    try {
      let out = '';
      const options: PromoteOptions = { root: repo.root, from: 'staging', to: 'prod', force: false, allowDowngrade: false, dryRun: false, pr: true };
      const code = await runPromote({ out: (t) => void (out += t), err: () => undefined }, 'dbupgrade', options, { env: { GH_TOKEN: TOKEN, GITHUB_API_URL: server.url } });
      expect(code).toBe(0);
      const branch = 'fleetform/promote-dbupgrade-v99.5.0-to-prod';
      expect(out).toContain(`pushed ${branch}`);
      const message = await repo.remoteGit('log', '-1', '--format=%B', `refs/heads/${branch}`);
      expect(message).toMatch(/^Promote dbupgrade v99\.5\.0 from staging to prod\n\n- dbupgrade in environment prod: \S+ → v99\.5\.0 \(.+\)\n\nPromoted-Image: dbupgrade v99\.5\.0\nPromoted-From: staging\nPromoted-To: prod\n/);
      const trailer = (key: string) => repo.remoteGit('log', '-1', `--format=%(trailers:key=${key},valueonly)`, `refs/heads/${branch}`).then((t) => t.trim());
      expect([await trailer('Promoted-From'), await trailer('Promoted-To')]).toEqual(['staging', 'prod']);
      expect(server.pulls).toMatchObject([{ title: 'Promote dbupgrade v99.5.0 from staging to prod', body: expect.stringContaining('| promotion | staging → prod |') }]);
      expect(await repo.state()).toEqual(before);
      expect(server.violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
