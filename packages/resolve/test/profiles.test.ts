import { describe, expect, it } from 'vitest';
import { baseLayers, resolveBase, resolveInstances } from '@fleetform/resolve';
import { loadFleet } from '@fleetform/values';

/**
 * Every layer sets `labels.from` and a key of its own, so the tests see who wins and that maps merge.
 * `service` extends `base`; `metrics` extends `base` too, so `base` must apply once, first.
 */
const fleet = `git: {repoURL: https://example.com/fleet.git}
defaults: {labels: {from: defaults, defaults: 'yes'}}
regions:
  eu: {registry: reg.eu}
environments:
  - {name: staging}
  - {name: prod, values: {labels: {from: environment}}}
profiles:
  base: {values: {labels: {from: base, base: 'yes'}, config: {LOG_LEVEL: info}}}
  metrics: {extends: [base], values: {labels: {from: metrics, metrics: 'yes'}}}
  service:
    extends: [base]
    values:
      labels: {from: service, service: 'yes'}
      workloads: {main: {replicas: 3, ports: {http: {port: 8080}}}}
`;
const app = `team: t
namespace: {name: web}
profiles: [service, metrics]
labels: {from: app}
workloads: {main: {ports: {http: {port: 9001}}}}
overrides:
  environments: {staging: {workloads: {main: {replicas: 1}}}}
`;

const load = () => {
  const { inputs, diagnostics } = loadFleet(
    new Map([
      ['clusters/fleet.yaml', fleet],
      ['clusters/eu-prod/cluster.yaml', 'environment: prod\nregion: eu\n'],
      ['clusters/eu-staging/cluster.yaml', 'environment: staging\nregion: eu\n'],
      ['apps/web/app.yaml', app],
    ]),
  );
  if (!inputs) throw new Error(JSON.stringify(diagnostics));
  return inputs;
};

describe('profiles', () => {
  it('GIVEN an app on profiles THEN they apply above the defaults and below the app, each after what it extends, each once', () => {
    expect(baseLayers(load(), 'web').map((l) => `${l.name} @ ${l.file}#/${l.path.join('/')}`)).toEqual([
      'fleet defaults @ clusters/fleet.yaml#/defaults',
      'profile base @ clusters/fleet.yaml#/profiles/base/values',
      'profile service @ clusters/fleet.yaml#/profiles/service/values',
      'profile metrics @ clusters/fleet.yaml#/profiles/metrics/values',
      'app web @ apps/web/app.yaml#/',
    ]);
  });

  it('GIVEN the base THEN it has the profiles values, refined by the app', () => {
    const { values } = resolveBase(load(), 'web');
    expect(values.labels).toEqual({ from: 'app', defaults: 'yes', base: 'yes', service: 'yes', metrics: 'yes' });
    expect(values.config).toEqual({ LOG_LEVEL: 'info' });
    expect(values.workloads).toEqual({ main: { replicas: 3, ports: { http: { port: 9001 } } } });
  });

  it('GIVEN every cluster THEN the profiles sit below the environment and the app overrides', () => {
    const instances = resolveInstances(load(), 'web');
    expect(instances.map((i) => [i.cluster, i.values.labels?.from, i.values.workloads?.main?.replicas])).toEqual([
      ['eu-prod', 'environment', 3],
      ['eu-staging', 'app', 1],
    ]);
    for (const instance of instances) {
      expect(instance.layers.map((l) => l.name).slice(0, 5), instance.cluster).toEqual(['fleet defaults', 'profile base', 'profile service', 'profile metrics', 'app web']);
    }
  });

  it('GIVEN an app on no profile THEN its layers are as before', () => {
    const inputs = load();
    const plain = { ...inputs.apps.get('web')!, value: { ...inputs.apps.get('web')!.value, profiles: undefined } };
    const without = { ...inputs, apps: new Map([['web', plain]]) };
    expect(baseLayers(without, 'web').map((l) => l.name)).toEqual(['fleet defaults', 'app web']);
  });
});
