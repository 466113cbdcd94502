import { describe, expect, it } from 'vitest';
import { allowCharts, buildAppProject, chartRelease } from '@fleetform/layout';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet, Values } from '@fleetform/values';

const fleet: Fleet = { git: { repoURL: 'https://example.com/fleet.git' }, regions: {}, environments: [{ name: 'prod' }] };
const app: AppIdentity = { name: 'podinfo', team: 'web', partOf: 'podinfo', namespace: { name: 'podinfo' }, file: 'apps/podinfo/app.yaml' };
const REGISTRY = 'registry.eu.example.com';
const chart = { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' };
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('chartRelease', () => {
  it('GIVEN an app without a chart, or with an incomplete one THEN there is no release', () => {
    expect(chartRelease(app, {}, REGISTRY)).toBeUndefined();
    expect(chartRelease(app, { chart: { repoURL: chart.repoURL, chart: 'podinfo' } }, REGISTRY)).toBeUndefined();
  });

  it('GIVEN values and an image THEN the image goes to image.repository and image.tag with the region\'s registry, over what the values say there', () => {
    const values: Values = { image: { repository: 'podinfo', tag: '6.7.2' }, chart: { ...chart, values: { replicaCount: 2, image: { tag: 'old', pullPolicy: 'IfNotPresent' } } } };
    expect(chartRelease(app, values, REGISTRY)).toEqual({
      ...chart,
      releaseName: 'podinfo',
      values: { replicaCount: 2, image: { repository: 'registry.eu.example.com/podinfo', tag: '6.7.2', pullPolicy: 'IfNotPresent' } },
      kinds: [{ group: 'apps', kind: 'Deployment' }, { group: '', kind: 'Service' }, { group: '', kind: 'ServiceAccount' }, { group: '', kind: 'ConfigMap' }],
    });
    expect(values.chart!.values).toEqual({ replicaCount: 2, image: { tag: 'old', pullPolicy: 'IfNotPresent' } });
  });

  it('GIVEN a chart that takes the registry and the digest apart THEN each goes to its own path; GIVEN one that does not THEN the digest joins the tag', () => {
    const image = { registry: 'ghcr.io', repository: 'org/app', tag: 'v1', digest: DIGEST };
    const apart = chartRelease(app, { image, chart: { ...chart, imageValues: { registry: 'global.registry', repository: 'app.image.name', tag: 'app.image.tag', digest: 'app.image.digest' } } }, REGISTRY);
    expect(apart!.values).toEqual({ global: { registry: 'ghcr.io' }, app: { image: { name: 'org/app', tag: 'v1', digest: DIGEST } } });
    expect(chartRelease(app, { image, chart }, REGISTRY)!.values).toEqual({ image: { repository: 'ghcr.io/org/app', tag: `v1@${DIGEST}` } });
  });
});

describe('allowCharts', () => {
  it('GIVEN a team project and a chart app THEN the chart repository, namespace and kinds are allowed, cluster-scoped kinds apart, and nothing else changes', () => {
    const project = buildAppProject(fleet, { team: 'web', cluster: 'eu-prod', objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } }] }, 0);
    const release = chartRelease(app, { chart: { ...chart, kinds: ['apps/Deployment', 'rbac.authorization.k8s.io/ClusterRole', 'Service'] } }, REGISTRY)!;
    const widened = allowCharts(project, [{ release, namespace: 'podinfo' }]);
    expect(widened.spec).toMatchObject({
      sourceRepos: ['https://example.com/fleet.git', 'https://stefanprodan.github.io/podinfo'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'podinfo' }, { server: 'https://kubernetes.default.svc', namespace: 'web' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      namespaceResourceWhitelist: [{ group: '', kind: 'Service' }, { group: 'apps', kind: 'Deployment' }],
    });
    expect(widened.metadata).toEqual(project.metadata);
    expect(allowCharts(project, [])).toBe(project);
  });
});
