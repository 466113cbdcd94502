import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectlKustomize, type Manifest } from '@fleetform/kustomize';
import { kustomizeAvailable } from '@fleetform/kustomize/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExampleFleet, run, snapshotTree } from './fleet-copy.js';

type Loose = Record<string, any>;
const real = await kustomizeAvailable();

const find = (objects: readonly Manifest[], kind: string, name: string): Loose => {
  const found = objects.find((o) => (o as Loose).kind === kind && (o as Loose).metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Loose;
};
const has = (objects: readonly Manifest[], kind: string, name: string) => objects.some((o) => (o as Loose).kind === kind && (o as Loose).metadata?.name === name);
const changedFiles = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();

/** rental-ml's app.yaml without its prod override: the API rolls over in every environment. */
function rollingEverywhere(appYaml: string): string {
  const start = appYaml.indexOf('    prod:\n');
  const end = appYaml.indexOf('    dev:\n', start);
  if (start < 0 || end < 0) throw new Error('rental-ml has no prod override before its dev one');
  return appYaml.slice(0, start) + appYaml.slice(end);
}

describe.skipIf(!real)('progressive delivery on a copy of the example fleet', () => {
  let root: string;
  let changed: string[];
  beforeAll(async () => {
    root = await copyExampleFleet();
    const appFile = join(root, 'apps/rental-ml/app.yaml');
    const canaryInProd = await readFile(appFile, 'utf8');
    await writeFile(appFile, rollingEverywhere(canaryInProd));
    expect((await run('render', '--root', root)).code).toBe(0);
    const rolling = await snapshotTree(root);
    await writeFile(appFile, canaryInProd);
    expect((await run('render', '--root', root)).code).toBe(0);
    // The edited input, and the render's own bookkeeping, are not output.
    changed = changedFiles(rolling, await snapshotTree(root)).filter((path) => path !== 'apps/rental-ml/app.yaml' && !path.startsWith('.fleetform/'));
  }, 120_000);

  it('GIVEN rental-ml switched from rolling to canary in prod THEN only its prod overlay changes (and the prod AppProject allows the new kinds)', () => {
    expect(changed).toEqual([
      'apps/rental-ml/overlays/us-east-1-prod/analysistemplate-rental-ml-request-duration.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/analysistemplate-rental-ml-request-success-rate.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/kustomization.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/patches/delete-deployment-rental-ml-api.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/patches/horizontalpodautoscaler-rental-ml-api.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/patches/servicemonitor-rental-ml-api.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/rollout-rental-ml-api.yaml',
      'apps/rental-ml/overlays/us-east-1-prod/service-rental-ml-api-canary.yaml',
      'clusters/us-east-1-prod/projects/ml-platform.yaml',
    ]);
  });

  it('GIVEN the switched fleet THEN every object validates, policies included', async () => {
    const validate = await run('validate', '--root', root);
    expect(validate.out).toMatch(/Invalid: 0, Errors: 0/);
    expect(validate.code).toBe(0);
  }, 60_000);

  it('GIVEN the prod overlay THEN real kustomize builds the Rollout with the seed\'s steps, its Services and its analysis', async () => {
    const objects = await kubectlKustomize(join(root, 'apps/rental-ml/overlays/us-east-1-prod'));
    expect(has(objects, 'Deployment', 'rental-ml-api')).toBe(false);
    const rollout = find(objects, 'Rollout', 'rental-ml-api');
    const analysis = { analysis: { templates: [{ templateName: 'rental-ml-request-success-rate' }, { templateName: 'rental-ml-request-duration' }], args: [{ name: 'service-name', value: 'rental-ml-api-canary' }] } };
    expect(rollout.spec.strategy.canary).toEqual({
      canaryService: 'rental-ml-api-canary',
      stableService: 'rental-ml-api',
      steps: [{ setWeight: 10 }, { pause: { duration: '5m' } }, analysis, { setWeight: 50 }, { pause: { duration: '5m' } }, analysis, { setWeight: 100 }],
      trafficRouting: { nginx: { stableIngress: 'rental-ml-api' } },
    });
    expect(rollout.spec.template.spec.containers[0].image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/rental-ml:v1.2.3');
    expect(rollout.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(find(objects, 'Service', 'rental-ml-api-canary').spec).toEqual(find(objects, 'Service', 'rental-ml-api').spec);
    expect(find(objects, 'Ingress', 'rental-ml-api').spec.rules[0].http.paths[0].backend.service.name).toBe('rental-ml-api');
    expect(find(objects, 'HorizontalPodAutoscaler', 'rental-ml-api').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'rental-ml-api' });
    const [metric] = find(objects, 'AnalysisTemplate', 'rental-ml-request-success-rate').spec.metrics;
    expect(metric.successCondition).toBe('result[0] >= 0.99');
    expect(metric.provider.prometheus.address).toBe('http://prometheus-operated.monitoring.svc:9090');
    expect(find(objects, 'AnalysisTemplate', 'rental-ml-request-duration').spec.metrics[0].successCondition).toBe('result[0] <= 0.5');
  });

  it('GIVEN the staging overlay THEN the API is still a Deployment, with no Rollout objects', async () => {
    const objects = await kubectlKustomize(join(root, 'apps/rental-ml/overlays/us-east-1-staging'));
    expect(has(objects, 'Deployment', 'rental-ml-api')).toBe(true);
    expect(objects.filter((o) => ['Rollout', 'AnalysisTemplate'].includes((o as Loose).kind))).toEqual([]);
  });

  it('GIVEN mca (seed 000) THEN its operator is a blue-green Rollout with active and preview Services and analysis before and after the switch', async () => {
    const objects = await kubectlKustomize(join(root, 'apps/mca/overlays/us-east-1-prod'));
    expect(has(objects, 'Deployment', 'mca-operator')).toBe(false);
    const rollout = find(objects, 'Rollout', 'mca-operator');
    expect(rollout.spec.replicas).toBe(3);
    const analysis = (service: string) => ({ templates: [{ templateName: 'mca-success-rate' }], args: [{ name: 'service-name', value: service }] });
    expect(rollout.spec.strategy.blueGreen).toEqual({
      activeService: 'mca-operator-active',
      previewService: 'mca-operator-preview',
      autoPromotionEnabled: false,
      scaleDownDelaySeconds: 30,
      prePromotionAnalysis: analysis('mca-operator-preview'),
      postPromotionAnalysis: analysis('mca-operator-active'),
    });
    expect(find(objects, 'Service', 'mca-operator-preview').spec).toEqual(find(objects, 'Service', 'mca-operator-active').spec);
    expect(find(objects, 'PodDisruptionBudget', 'mca-operator').spec.selector.matchLabels).toEqual(rollout.spec.selector.matchLabels);
  });

  it('GIVEN openpolicy-search (seed 004) THEN Istio weights on the Service\'s subsets, 5 → 25 → 50 → 100', async () => {
    const objects = await kubectlKustomize(join(root, 'apps/openpolicy-search/overlays/us-east-1-prod'));
    const canary = find(objects, 'Rollout', 'openpolicy-search-service').spec.strategy.canary;
    expect(canary.steps.filter((s: Loose) => 'setWeight' in s).map((s: Loose) => s.setWeight)).toEqual([5, 25, 50, 100]);
    expect(canary.trafficRouting.istio).toEqual({
      virtualService: { name: 'openpolicy-search-service', routes: ['primary'] },
      destinationRule: { name: 'openpolicy-search-service', canarySubsetName: 'canary', stableSubsetName: 'stable' },
    });
    const route = find(objects, 'VirtualService', 'openpolicy-search-service').spec.http[0];
    expect(route.route.map((r: Loose) => [r.destination.subset, r.weight])).toEqual([['stable', 100], ['canary', 0]]);
    expect(find(objects, 'DestinationRule', 'openpolicy-search-service').spec.subsets.map((s: Loose) => s.name)).toEqual(['canary', 'stable']);
  });
});
