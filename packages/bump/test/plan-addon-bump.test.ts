import { describe, expect, it } from 'vitest';
import { planBump, type BumpRequest, type Scope } from '../src/index.js';
import { fixture, FLEET, lineOf, withFile } from './fixture-fleet.js';
import { changedBlock } from './line-diff.js';

/** The fixture fleet with two add-ons: cert-manager from the catalogue, and a chart of the fleet's own in prod only. */
const ADDONS = [
  '',
  '# Cluster add-ons.',
  'addons:',
  '  cert-manager:',
  '    catalogue: cert-manager',
  '  keda:',
  '    chart:',
  '      repoURL: https://kedacore.github.io/charts',
  '      chart: keda',
  '      version: 2.16.0 # reviewed 2024-11',
  '    provides: [keda.sh]',
  '    targets:',
  '      environments: [prod]',
  '',
].join('\n');
const withAddons = withFile(fixture, FLEET, (text) => text + ADDONS);
const STAGING = 'clusters/us-east-1-staging/cluster.yaml';
const PROD = ['ap-south-1-prod', 'eu-west-1-prod', 'us-east-1-prod'];
const ALL = [...PROD, 'us-east-1-staging'];

const tag = (t: string) => ({ kind: 'tag', tag: t }) as const;
const addon = (name: string, version: string, scope: Scope = { kind: 'app' }): BumpRequest => ({ app: name, ref: tag(version), scope, subject: 'addon' });

describe('planning an add-on bump', () => {
  it('GIVEN a catalogue add-on WHEN its chart is bumped THEN fleet.yaml gains an explicit pin, and only those lines change', () => {
    const { plan, diagnostics } = planBump(withAddons, [addon('cert-manager', 'v1.16.3')]);
    expect(diagnostics).toEqual([]);
    expect([...plan!.edited.keys()]).toEqual([FLEET]);
    expect(changedBlock(withAddons.get(FLEET)!, plan!.edited.get(FLEET)!)).toEqual({ line: lineOf(withAddons, FLEET, 'catalogue: cert-manager') + 1, removed: [], added: ['    chart:', '      version: v1.16.3'] });
    expect(plan!.bumps[0]!.changes).toEqual(ALL.map((cluster) => expect.objectContaining({ cluster, before: tag('v1.16.2'), after: tag('v1.16.3') })));
  });

  it('GIVEN a pinned version with a comment THEN only the version changes, comment kept; clusters without the add-on are not in the plan', () => {
    const { plan } = planBump(withAddons, [addon('keda', '2.16.1')]);
    expect(changedBlock(withAddons.get(FLEET)!, plan!.edited.get(FLEET)!)).toMatchObject({ removed: ['      version: 2.16.0 # reviewed 2024-11'], added: ['      version: 2.16.1 # reviewed 2024-11'] });
    expect(plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual(PROD);
  });

  it('GIVEN --cluster THEN that cluster.yaml pins the version, and a later fleet-wide bump leaves that cluster alone', () => {
    const { plan } = planBump(withAddons, [addon('cert-manager', 'v1.17.0', { kind: 'cluster', name: 'us-east-1-staging' })]);
    expect([...plan!.edited.keys()]).toEqual([STAGING]);
    expect(changedBlock(withAddons.get(STAGING)!, plan!.edited.get(STAGING)!).added).toEqual(['addons:', '  cert-manager:', '    version: v1.17.0']);
    expect(plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual(['us-east-1-staging']);

    const next = planBump(plan!.files, [addon('cert-manager', 'v1.16.3')]);
    expect(next.plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual(PROD);
    expect(next.plan!.bumps[0]!.unchanged).toEqual([{ cluster: 'us-east-1-staging', ref: tag('v1.17.0'), pinnedBy: `cluster us-east-1-staging (${STAGING} \`addons.cert-manager.version\`)` }]);
  });

  it('GIVEN the version every cluster runs THEN it is a no-op and nothing is edited', () => {
    const { plan, diagnostics } = planBump(withAddons, [addon('cert-manager', 'v1.16.2')]);
    expect(diagnostics).toEqual([]);
    expect([plan!.bumps.length, plan!.noOps.length, plan!.edited.size]).toEqual([0, 1, 0]);
  });

  it('GIVEN a lower version THEN FF517 points at the version set now, unless downgrades are allowed', () => {
    const refused = planBump(withAddons, [addon('keda', '2.15.0')]);
    expect(refused.plan).toBeUndefined();
    expect(refused.diagnostics).toMatchObject([{ code: 'FF517', message: 'chart 2.15.0 of add-on keda is lower than 2.16.0, which ap-south-1-prod, eu-west-1-prod, us-east-1-prod run', position: { file: FLEET, line: lineOf(withAddons, FLEET, 'version: 2.16.0'), col: 16 } }]);
    expect(planBump(withAddons, [addon('keda', '2.15.0')], { allowDowngrade: true }).plan!.bumps).toHaveLength(1);
  });

  it('GIVEN a name, a scope or a version the model cannot take THEN FF515, FF514 and FF518 say so and nothing is planned', () => {
    const { plan, diagnostics } = planBump(withAddons, [addon('cert-manger', '^1.16', { kind: 'environment', name: 'prod' })]);
    expect(plan).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['FF515', 'unknown add-on `cert-manger`', 'did you mean `cert-manager`?'],
      ['FF514', "an add-on's chart version cannot be set per environment", 'bump every cluster, or each cluster of environment prod with --cluster'],
      ['FF518', '`^1.16` is not an exact chart version', 'pin one version: a range would let each cluster resolve it differently at sync time'],
    ]);
  });

  it('GIVEN a cluster the add-on does not reach THEN FF516', () => {
    const { diagnostics } = planBump(withAddons, [addon('keda', '2.16.1', { kind: 'cluster', name: 'us-east-1-staging' })]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['FF516', 'add-on keda is on no cluster in cluster us-east-1-staging']]);
  });

  it('GIVEN an image bump and an add-on bump of the same name THEN both are planned, in one change', () => {
    const { plan, diagnostics } = planBump(withAddons, [{ app: 'dbupgrade', ref: tag('v1.1.0'), scope: { kind: 'app' } }, addon('cert-manager', 'v1.16.3')]);
    expect(diagnostics).toEqual([]);
    expect(plan!.bumps.map((b) => b.file)).toEqual(['apps/dbupgrade/app.yaml', FLEET]);
  });
});
