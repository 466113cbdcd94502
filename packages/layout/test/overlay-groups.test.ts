import { describe, expect, it } from 'vitest';
import { groupIntoOverlays, type BuiltInstance } from '@fleetform/layout';

const instance = (cluster: string, region: string, environment: string, replicas = 1): BuiltInstance => ({
  cluster,
  region,
  environment,
  values: {},
  images: [],
  objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas } }],
});

describe('groupIntoOverlays', () => {
  it('GIVEN identical clusters in one region and environment THEN they share `<region>-<environment>`', () => {
    const groups = groupIntoOverlays([instance('prod-a', 'eu-west-1', 'prod'), instance('prod-b', 'eu-west-1', 'prod'), instance('stg', 'eu-west-1', 'staging')]);
    expect(groups.map((g) => [g.name, g.instances.map((i) => i.cluster)])).toEqual([
      ['eu-west-1-prod', ['prod-a', 'prod-b']],
      ['eu-west-1-staging', ['stg']],
    ]);
  });

  it('GIVEN one cluster that differs THEN each distinct set is named after its first cluster', () => {
    const groups = groupIntoOverlays([instance('prod-a', 'eu-west-1', 'prod'), instance('prod-b', 'eu-west-1', 'prod', 5), instance('prod-c', 'eu-west-1', 'prod')]);
    expect(groups.map((g) => [g.name, g.instances.map((i) => i.cluster)])).toEqual([
      ['prod-a', ['prod-a', 'prod-c']],
      ['prod-b', ['prod-b']],
    ]);
  });

  it('GIVEN a cluster named like another region and environment THEN it refuses the clash', () => {
    const clash = [instance('us-x', 'eu-west-1', 'prod', 2), instance('c', 'eu-west-1', 'prod', 3), instance('d', 'us', 'x')];
    expect(() => groupIntoOverlays(clash)).toThrow(/both be named us-x/);
  });
});
