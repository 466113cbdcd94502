import { describe, expect, it } from 'vitest';
import { mergeLayers, type Layer } from '@fleetform/resolve';
import type { Values } from '@fleetform/values';
import { valueOrigins } from '../src/value-origins.js';

const layer = (name: string, values: unknown): Layer => ({ name, file: `${name}.yaml`, path: [], values: values as Values });

function origins(layers: Layer[]) {
  return valueOrigins(mergeLayers(layers), layers).map((o) => `${o.path.join('.')} = ${JSON.stringify(o.value)} from ${o.layer.name}`);
}

describe('valueOrigins', () => {
  it('GIVEN maps merged key by key THEN each value comes from the last layer that set it', () => {
    expect(
      origins([
        layer('defaults', { workloadDefaults: { resources: { limits: { cpu: '500m', memory: '256Mi' } } } }),
        layer('app', { image: { repository: 'web', tag: 'v1' }, workloadDefaults: { resources: { limits: { cpu: '1' } } } }),
        layer('prod', { image: { tag: 'v2' } }),
      ]),
    ).toEqual([
      'workloadDefaults.resources.limits.cpu = "1" from app',
      'workloadDefaults.resources.limits.memory = "256Mi" from defaults',
      'image.repository = "web" from app',
      'image.tag = "v2" from prod',
    ]);
  });

  it('GIVEN a list THEN it is one value, from the layer that replaced it whole', () => {
    expect(origins([layer('app', { workloads: { api: { args: ['--a', '--b'] } } }), layer('prod', { workloads: { api: { args: ['--c'] } } })])).toEqual([
      'workloads.api.args = ["--c"] from prod',
    ]);
  });

  it('GIVEN null removing a value THEN it is gone; set again later THEN it comes from the later layer', () => {
    const removed = [layer('app', { workloads: { api: { autoscaling: { minReplicas: 2 }, replicas: 1 } } }), layer('staging', { workloads: { api: { autoscaling: null } } })];
    expect(origins(removed)).toEqual(['workloads.api.replicas = 1 from app']);
    expect(origins([...removed, layer('cluster', { workloads: { api: { autoscaling: { maxReplicas: 4 } } } })])).toEqual([
      'workloads.api.replicas = 1 from app',
      'workloads.api.autoscaling.maxReplicas = 4 from cluster',
    ]);
  });
});
