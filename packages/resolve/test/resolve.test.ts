import { describe, expect, it } from 'vitest';
import { resolveBase, resolveInstances } from '@fleetform/resolve';
import { loadFleet } from '@fleetform/values';

/** Every layer sets `labels.from`, and a key of its own, so the test sees both who wins and that maps merge. */
const fleet = `git: {repoURL: https://example.com/fleet.git}
defaults: {labels: {from: defaults, defaults: 'yes'}}
regions:
  eu: {registry: reg.eu, values: {labels: {from: region, region: 'yes'}}}
  us: {registry: reg.us}
environments:
  - {name: staging}
  - {name: prod, values: {labels: {from: environment, environment: 'yes'}}}
`;
const app = `team: t
namespace: {name: web}
labels: {from: app, app: 'yes'}
overrides:
  environments: {prod: {labels: {from: app-environment}}}
  regions: {eu: {labels: {from: app-region}}}
  clusters: {eu-prod-2: {labels: {from: app-cluster, app: null}}}
`;
const files = new Map([
  ['clusters/fleet.yaml', fleet],
  ['clusters/eu-prod-1/cluster.yaml', 'environment: prod\nregion: eu\nvalues: {labels: {from: cluster, cluster: "yes"}}\n'],
  ['clusters/eu-prod-2/cluster.yaml', 'environment: prod\nregion: eu\n'],
  ['clusters/us-staging/cluster.yaml', 'environment: staging\nregion: us\n'],
  ['apps/web/app.yaml', app],
]);

const load = (overrideApp?: string) => {
  const { inputs, diagnostics } = loadFleet(overrideApp ? new Map([...files, ['apps/web/app.yaml', overrideApp]]) : files);
  if (!inputs) throw new Error(JSON.stringify(diagnostics));
  return inputs;
};

describe('resolveInstances', () => {
  it('applies defaults < app < environment < region < cluster < app overrides', () => {
    const labels = Object.fromEntries(resolveInstances(load(), 'web').map((i) => [i.cluster, i.values.labels]));
    expect(labels).toEqual({
      'eu-prod-1': { from: 'app-region', defaults: 'yes', app: 'yes', environment: 'yes', region: 'yes', cluster: 'yes' },
      'eu-prod-2': { from: 'app-cluster', defaults: 'yes', environment: 'yes', region: 'yes' },
      'us-staging': { from: 'app', defaults: 'yes', app: 'yes' },
    });
  });

  it('names every layer it applied, lowest first, with where it comes from', () => {
    const [first] = resolveInstances(load(), 'web');
    expect(first!.layers.map((l) => `${l.name} @ ${l.file}#/${l.path.join('/')}`)).toEqual([
      'fleet defaults @ clusters/fleet.yaml#/defaults',
      'app web @ apps/web/app.yaml#/',
      'environment prod @ clusters/fleet.yaml#/environments/1/values',
      'region eu @ clusters/fleet.yaml#/regions/eu/values',
      'cluster eu-prod-1 @ clusters/eu-prod-1/cluster.yaml#/values',
      'app web, environment prod @ apps/web/app.yaml#/overrides/environments/prod',
      'app web, region eu @ apps/web/app.yaml#/overrides/regions/eu',
      'app web, cluster eu-prod-1 @ apps/web/app.yaml#/overrides/clusters/eu-prod-1',
    ]);
  });

  it('resolves the base from defaults and the app only', () => {
    expect(resolveBase(load(), 'web').values.labels).toEqual({ from: 'app', defaults: 'yes', app: 'yes' });
  });

  it('merges once for clusters whose layers are the same values, and apart for a cluster with values of its own', () => {
    const twoAlike = new Map([...files, ['clusters/eu-prod-3/cluster.yaml', 'environment: prod\nregion: eu\n'], ['apps/web/app.yaml', 'team: t\nnamespace: {name: web}\nlabels: {app: "yes"}\n']]);
    const { inputs } = loadFleet(twoAlike);
    const [withOwn, second, third] = resolveInstances(inputs!, 'web');
    expect([withOwn!.cluster, second!.cluster, third!.cluster]).toEqual(['eu-prod-1', 'eu-prod-2', 'eu-prod-3']);
    expect(third!.values).toBe(second!.values);
    expect(withOwn!.values).not.toBe(second!.values);
    expect(withOwn!.values.labels).toEqual({ ...second!.values.labels, from: 'cluster', cluster: 'yes' });
  });

  it('takes the registry from the cluster region', () => {
    expect(resolveInstances(load(), 'web').map((i) => i.registry)).toEqual(['reg.eu', 'reg.eu', 'reg.us']);
  });
});

describe('targets', () => {
  const clustersOf = (targets: string) => resolveInstances(load(`team: t\nnamespace: {name: web}\ntargets: ${targets}\n`), 'web').map((i) => i.cluster);

  it('runs everywhere without targets', () => {
    expect(resolveInstances(load(), 'web').map((i) => i.cluster)).toEqual(['eu-prod-1', 'eu-prod-2', 'us-staging']);
  });

  it('narrows by environment and region', () => {
    expect(clustersOf('{environments: [prod]}')).toEqual(['eu-prod-1', 'eu-prod-2']);
    expect(clustersOf('{regions: [us]}')).toEqual(['us-staging']);
    expect(clustersOf('{environments: [prod], regions: [us]}')).toEqual([]);
  });

  it('names clusters outright, and excludeClusters always wins', () => {
    expect(clustersOf('{clusters: [us-staging, eu-prod-2], environments: [prod]}')).toEqual(['eu-prod-2', 'us-staging']);
    expect(clustersOf('{environments: [prod], excludeClusters: [eu-prod-1]}')).toEqual(['eu-prod-2']);
  });
});
