import { describe, expect, it } from 'vitest';
import { planBump, type BumpRequest, type ImageRef, type Scope } from '../src/index.js';
import { APP, DIGEST, fixture, FLEET, SECOND_APP, withFile } from './fixture-fleet.js';
import { changedBlock } from './line-diff.js';

const tag = (t: string): ImageRef => ({ kind: 'tag', tag: t });
const env = (name: string): Scope => ({ kind: 'environment', name });
const request = (ref: ImageRef, scope: Scope = { kind: 'app' }, app = 'dbupgrade'): BumpRequest => ({ app, ref, scope });
const PROD = ['ap-south-1-prod', 'eu-west-1-prod', 'us-east-1-prod'];

describe('planning a bump', () => {
  it('GIVEN the fixture fleet WHEN v1.1.0 goes to prod THEN the three prod clusters change and app.yaml gains one override block', () => {
    const { plan, diagnostics } = planBump(fixture, [request(tag('v1.1.0'), env('prod'))]);
    expect(diagnostics).toEqual([]);
    const [bump] = plan!.bumps;
    expect(bump!.changes).toEqual(PROD.map((cluster) => ({ cluster, environment: 'prod', region: cluster.replace('-prod', ''), before: tag('v1.0.0'), after: tag('v1.1.0') })));
    expect([...plan!.edited.keys()]).toEqual([APP]);
    expect(changedBlock(fixture.get(APP)!, plan!.edited.get(APP)!).added).toEqual(['    prod:', '      image:', '        tag: v1.1.0']);
    expect(plan!.files.get(FLEET)).toBe(fixture.get(FLEET));
  });

  it('GIVEN no scope THEN the app-wide tag changes, on every cluster', () => {
    const { plan } = planBump(fixture, [request(tag('v1.1.0'))]);
    expect(plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual([...PROD.slice(0, 2), 'us-east-1-prod', 'us-east-1-staging']);
    expect(changedBlock(fixture.get(APP)!, plan!.edited.get(APP)!)).toMatchObject({ removed: ['  tag: v1.0.0'], added: ['  tag: v1.1.0'] });
  });

  it('GIVEN prod runs v1.0.0 already WHEN v1.0.0 goes to prod THEN it is a no-op and nothing is edited', () => {
    const { plan, diagnostics } = planBump(fixture, [request(tag('v1.0.0'), env('prod'))]);
    expect(diagnostics).toEqual([]);
    expect(plan!.bumps).toEqual([]);
    expect(plan!.noOps[0]!.unchanged.map((u) => u.cluster)).toEqual(PROD);
    expect(plan!.edited.size).toBe(0);
  });

  it('GIVEN prod runs v1.2.0 WHEN v1.1.0 goes there THEN FF504 refuses it, unless downgrades are allowed', () => {
    const files = withFile(fixture, APP, (t) => t.replace('tag: v1.0.0', 'tag: v1.2.0'));
    const refused = planBump(files, [request(tag('v1.1.0'), env('prod'))]);
    expect(refused.plan).toBeUndefined();
    expect(refused.diagnostics).toMatchObject([
      { code: 'FF504', message: 'v1.1.0 is lower than v1.2.0, which ap-south-1-prod, eu-west-1-prod, us-east-1-prod run', position: { file: APP, line: 13, col: 8 }, hint: 'pass --allow-downgrade to roll back on purpose' },
    ]);
    expect(planBump(files, [request(tag('v1.1.0'), env('prod'))], { allowDowngrade: true }).plan!.bumps).toHaveLength(1);
  });

  it('GIVEN prod has immutable tags WHEN `latest` goes there THEN FF503 refuses it; staging takes it', () => {
    expect(planBump(fixture, [request(tag('latest'), env('prod'))]).diagnostics).toMatchObject([{ code: 'FF503', position: { file: FLEET, line: 25 } }]);
    expect(planBump(fixture, [request(tag('latest'))]).diagnostics).toMatchObject([{ code: 'FF503', message: 'environment prod refuses the mutable tag `latest`' }]);
    expect(planBump(fixture, [request(tag('latest'), env('staging'))]).diagnostics).toEqual([]);
  });

  it('GIVEN a digest for one cluster THEN only that cluster changes, pinned by digest', () => {
    const { plan } = planBump(fixture, [request({ kind: 'digest', digest: DIGEST }, { kind: 'cluster', name: 'eu-west-1-prod' })]);
    expect(plan!.bumps[0]!.changes).toMatchObject([{ cluster: 'eu-west-1-prod', before: tag('v1.0.0'), after: { kind: 'digest', digest: DIGEST } }]);
    expect(changedBlock(fixture.get(APP)!, plan!.edited.get(APP)!).added).toEqual(['  clusters:', '    eu-west-1-prod:', '      image:', `        digest: ${DIGEST}`]);
  });

  it('GIVEN the app is pinned by digest WHEN a tag goes to prod THEN prod unsets the inherited digest, and staging keeps it', () => {
    const files = withFile(fixture, APP, (t) => t.replace('  tag: v1.0.0\n', `  tag: v1.0.0\n  digest: ${DIGEST}\n`));
    const { plan } = planBump(files, [request(tag('v1.1.0'), env('prod'))]);
    expect(plan!.bumps[0]!.changes.map((c) => c.after)).toEqual([tag('v1.1.0'), tag('v1.1.0'), tag('v1.1.0')]);
    expect(changedBlock(files.get(APP)!, plan!.edited.get(APP)!).added).toEqual(['    prod:', '      image:', '        tag: v1.1.0', '        digest: null']);
  });

  it('GIVEN a digest at the same level WHEN a tag is set there THEN the digest line goes', () => {
    const files = withFile(fixture, APP, (t) => t.replace('  tag: v1.0.0\n', `  tag: v1.0.0\n  digest: ${DIGEST}\n`));
    const { plan } = planBump(files, [request(tag('v1.1.0'))]);
    expect(changedBlock(files.get(APP)!, plan!.edited.get(APP)!)).toMatchObject({ removed: ['  tag: v1.0.0', `  digest: ${DIGEST}`], added: ['  tag: v1.1.0'] });
  });

  it('GIVEN one prod cluster pinned by its own override THEN the others change and it is reported as pinned; alone, FF506', () => {
    const files = withFile(fixture, APP, (t) => `${t}  clusters:\n    eu-west-1-prod:\n      image:\n        tag: v0.9.0\n`);
    const { plan } = planBump(files, [request(tag('v1.1.0'), env('prod'))]);
    expect(plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual(['ap-south-1-prod', 'us-east-1-prod']);
    expect(plan!.bumps[0]!.unchanged).toEqual([{ cluster: 'eu-west-1-prod', ref: tag('v0.9.0'), pinnedBy: 'app dbupgrade, cluster eu-west-1-prod' }]);
    const pinned = planBump(files, [request(tag('v1.1.0'), { kind: 'region', name: 'eu-west-1' })]);
    expect(pinned.diagnostics).toMatchObject([{ code: 'FF506', position: { file: APP, line: 107, col: 14 }, hint: expect.stringContaining('--cluster eu-west-1-prod') }]);
  });

  it('GIVEN misspelt names THEN each is reported with a suggestion, and nothing is planned', () => {
    const { plan, diagnostics } = planBump(fixture, [request(tag('v2'), env('prd'), 'dbupgrad')]);
    expect(plan).toBeUndefined();
    expect(diagnostics).toMatchObject([
      { code: 'FF500', hint: 'did you mean `dbupgrade`?' },
      { code: 'FF501', message: 'unknown environment `prd`', hint: 'did you mean `prod`?' },
    ]);
  });

  it('GIVEN two apps in one call THEN both value files change in one plan; the same app twice is FF508', () => {
    const files = withFile(fixture, 'apps/hello/app.yaml', () => SECOND_APP);
    const { plan } = planBump(files, [request(tag('v1.1.0'), env('prod')), request(tag('v2.1.0'), env('prod'), 'hello')]);
    expect([...plan!.edited.keys()]).toEqual([APP, 'apps/hello/app.yaml']);
    expect(plan!.bumps.map((b) => b.request.app)).toEqual(['dbupgrade', 'hello']);
    expect(planBump(files, [request(tag('v1.1.0')), request(tag('v1.2.0'))]).diagnostics).toMatchObject([{ code: 'FF508' }]);
  });

  it('GIVEN an app that runs on no cluster in scope THEN FF505', () => {
    const files = withFile(fixture, APP, (t) => t.replace('description:', 'targets:\n  environments: [staging]\ndescription:'));
    expect(planBump(files, [request(tag('v2'), env('prod'))]).diagnostics).toMatchObject([{ code: 'FF505', message: 'dbupgrade runs on no cluster in environment prod' }]);
  });
});
