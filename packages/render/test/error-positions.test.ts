import { describe, expect, it } from 'vitest';
import { renderFleet } from '@fleetform/render';

const fleet = `git: {repoURL: https://example.com/fleet.git}
regions:
  eu-west-1: {registry: registry.eu}
environments:
  - name: prod
profiles:
  web:
    values:
      workloadDefaults:
        resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}
      workloads:
        api:
          ports: {http: {port: 8080}}
          probes:
            liveness: {http: {path: /healthz, port: http}}
            readiness: {http: {path: /ready, port: admin}}
`;
const cluster = 'environment: prod\nregion: eu-west-1\n';
const app = `team: web
namespace: {name: web}
profiles: [web]
image: {repository: web, tag: v1}
`;

describe('where a problem after merging is reported', () => {
  it('GIVEN a mistake in a profile THEN it points into fleet.yaml, where the value is written', () => {
    const files = new Map([
      ['clusters/fleet.yaml', fleet],
      ['clusters/prod-1/cluster.yaml', cluster],
      ['apps/web/app.yaml', app],
    ]);
    const problems = renderFleet(files).diagnostics.filter((d) => d.code === 'FF203');
    expect(problems.map((d) => `${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.path}`)).toEqual([
      'clusters/fleet.yaml:16:52 /workloads/api/probes/readiness/http/port',
    ]);
  });

  it('GIVEN the same mistake overridden in cluster.yaml THEN it points at the cluster file on that cluster', () => {
    const files = new Map([
      ['clusters/fleet.yaml', fleet.replace('port: admin', 'port: http')],
      ['clusters/prod-1/cluster.yaml', `${cluster}values:\n  workloads:\n    api:\n      probes:\n        readiness: {http: {port: metrics}}\n`],
      ['apps/web/app.yaml', app],
    ]);
    const problems = renderFleet(files).diagnostics.filter((d) => d.code === 'FF203');
    expect(problems.map((d) => `${d.position?.file}:${d.position?.line}:${d.position?.col}`)).toEqual(['clusters/prod-1/cluster.yaml:7:34']);
  });

  it('GIVEN a value no layer sets THEN it points at app.yaml', () => {
    const files = new Map([
      ['clusters/fleet.yaml', fleet.replace('port: admin', 'port: http').replace(/      workloadDefaults:\n.*\n/, '')],
      ['clusters/prod-1/cluster.yaml', cluster],
      ['apps/web/app.yaml', app],
    ]);
    const problems = renderFleet(files).diagnostics.filter((d) => d.code === 'FF205');
    expect(problems[0]?.position?.file).toBe('apps/web/app.yaml');
  });
});
