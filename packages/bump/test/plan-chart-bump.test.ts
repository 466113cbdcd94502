import { describe, expect, it } from 'vitest';
import { planBump, type BumpRequest, type Scope } from '../src/index.js';
import { fixture, withFile } from './fixture-fleet.js';
import { changedBlock } from './line-diff.js';

/** A chart app beside the fixture's dbupgrade, with eu-west-1-prod pinned to its own chart version. */
const WEB = 'apps/web/app.yaml';
const files = withFile(fixture, WEB, () =>
  [
    'team: web',
    'namespace:',
    '  name: web',
    'chart:',
    '  repoURL: ghcr.io/example/charts',
    '  chart: web',
    '  version: 1.2.0',
    'overrides:',
    '  clusters:',
    '    eu-west-1-prod:',
    '      chart:',
    '        version: 1.1.0',
    '',
  ].join('\n'),
);
const chart = (version: string, scope: Scope = { kind: 'app' }, app = 'web'): BumpRequest => ({ app, ref: { kind: 'tag', tag: version }, scope, subject: 'chart' });

describe('planning a chart app\'s version bump', () => {
  it('GIVEN no scope THEN app.yaml\'s chart.version changes on one line, and the pinned cluster keeps its own', () => {
    const { plan, diagnostics } = planBump(files, [chart('1.3.0')]);
    expect(diagnostics).toEqual([]);
    expect(changedBlock(files.get(WEB)!, plan!.edited.get(WEB)!)).toMatchObject({ removed: ['  version: 1.2.0'], added: ['  version: 1.3.0'] });
    expect(plan!.bumps[0]!.changes.map((c) => c.cluster)).toEqual(['ap-south-1-prod', 'us-east-1-prod', 'us-east-1-staging']);
    expect(plan!.bumps[0]!.unchanged).toEqual([{ cluster: 'eu-west-1-prod', ref: { kind: 'tag', tag: '1.1.0' }, pinnedBy: 'app web, cluster eu-west-1-prod' }]);
  });

  it('GIVEN only the pinned cluster in scope of a region bump THEN FF516 names the layer that pins it', () => {
    const { diagnostics } = planBump(files, [chart('1.3.0', { kind: 'region', name: 'eu-west-1' })]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['FF516', 'the bump changes no cluster: eu-west-1-prod takes its chart version from app web, cluster eu-west-1-prod']]);
  });

  it('GIVEN an app without a chart, or a lower version THEN FF516 and FF517', () => {
    expect(planBump(files, [chart('1.3.0', { kind: 'app' }, 'dbupgrade')]).diagnostics.map((d) => d.code)).toEqual(['FF516']);
    expect(planBump(files, [chart('1.0.0')]).diagnostics.map((d) => d.code)).toEqual(['FF517']);
  });
});
