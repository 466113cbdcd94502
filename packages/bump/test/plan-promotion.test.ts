import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '@fleetform/yaml';
import { planPromotion } from '../src/index.js';
import { APP, fixture, FLEET, withFile } from './fixture-fleet.js';

const stagingRuns = (tag: string) => withFile(fixture, APP, (t) => t.replace('      workloads:\n        controller:\n          replicas: 2\n', `      image:\n        tag: ${tag}\n      workloads:\n        controller:\n          replicas: 2\n`));
const withEnvironments = (files: typeof fixture, yaml: string) => withFile(files, FLEET, (t) => t.replace(/environments:\n[\s\S]*?\n\n/, `environments:\n${yaml}\n`));

describe('planning a promotion', () => {
  it('GIVEN staging runs v1.1.0 WHEN promoted to prod THEN it becomes a bump of prod to v1.1.0', () => {
    const { promotion, bump, diagnostics } = planPromotion(stagingRuns('v1.1.0'), { app: 'dbupgrade', from: 'staging', to: 'prod' });
    expect(diagnostics).toEqual([]);
    expect(promotion).toEqual({ app: 'dbupgrade', from: 'staging', to: 'prod', ref: { kind: 'tag', tag: 'v1.1.0' }, clusters: ['us-east-1-staging'], skipped: [] });
    expect(bump).toEqual({ app: 'dbupgrade', ref: { kind: 'tag', tag: 'v1.1.0' }, scope: { kind: 'environment', name: 'prod' } });
  });

  it('parses the value files with the parser it is given (the render that follows shares its parses)', () => {
    const parsed: string[] = [];
    const parseYaml = (text: string, file: string) => (parsed.push(file), parseYamlStream(text, file));
    expect(planPromotion(stagingRuns('v1.1.0'), { app: 'dbupgrade', from: 'staging', to: 'prod' }, { parseYaml }).bump).toBeDefined();
    expect(parsed).toContain(APP);
    expect(parsed).toContain(FLEET);
  });

  it('GIVEN an environment between WHEN it would be skipped THEN FF511, unless forced', () => {
    const files = withEnvironments(stagingRuns('v1.1.0'), '  - name: staging\n  - name: qa\n  - name: prod\n');
    expect(planPromotion(files, { app: 'dbupgrade', from: 'staging', to: 'prod' }).diagnostics).toMatchObject([
      { code: 'FF511', message: 'promoting dbupgrade from staging to prod skips qa (promotion order staging → qa → prod)', hint: 'promote to qa first, or pass --force' },
    ]);
    expect(planPromotion(files, { app: 'dbupgrade', from: 'staging', to: 'prod', force: true }).promotion!.skipped).toEqual(['qa']);
    expect(planPromotion(files, { app: 'dbupgrade', from: 'qa', to: 'prod' }).diagnostics).toMatchObject([{ code: 'FF513' }]);
  });

  it('GIVEN a promotion backwards or in place THEN FF510, pointing at bump for a roll-back', () => {
    expect(planPromotion(fixture, { app: 'dbupgrade', from: 'prod', to: 'staging' }).diagnostics).toMatchObject([
      { code: 'FF510', hint: 'to roll staging back, bump it: fleetform bump dbupgrade TAG --env staging --allow-downgrade' },
    ]);
    expect(planPromotion(fixture, { app: 'dbupgrade', from: 'prod', to: 'prod' }).diagnostics).toMatchObject([{ code: 'FF510', hint: undefined }]);
  });

  it('GIVEN the clusters of the source disagree THEN FF512 lists what each runs', () => {
    const pinned = withFile(fixture, APP, (t) => `${t}  clusters:\n    eu-west-1-prod:\n      image:\n        tag: v0.9.0\n`);
    const files = withEnvironments(pinned, '  - name: staging\n  - name: prod\n  - name: dr\n');
    expect(planPromotion(files, { app: 'dbupgrade', from: 'prod', to: 'dr' }).diagnostics).toMatchObject([
      { code: 'FF512', message: 'the clusters of prod do not agree on the image of dbupgrade: ap-south-1-prod runs v1.0.0, eu-west-1-prod runs v0.9.0, us-east-1-prod runs v1.0.0' },
    ]);
  });

  it('GIVEN unknown names THEN each is reported with a suggestion', () => {
    expect(planPromotion(fixture, { app: 'dbupgrad', from: 'stagin', to: 'prd' }).diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['FF500', 'did you mean `dbupgrade`?'],
      ['FF510', 'did you mean `staging`?'],
      ['FF510', 'did you mean `prod`?'],
    ]);
  });
});
