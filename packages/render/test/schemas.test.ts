import { describe, expect, it } from 'vitest';
import { renderExampleFleet } from './example-fleet.js';

/**
 * Validators compiled from the Kubernetes OpenAPI (kubernetes-models) and from Argo CD's own CRDs
 * (@kubernetes-models/argo-cd). They check types, required fields and formats; `fleetform validate`
 * adds strictness about unknown fields.
 */
async function validatorFor(apiVersion: string, kind: string): Promise<((object: unknown) => void) | undefined> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const specifier =
    group === 'argoproj.io' ? `@kubernetes-models/argo-cd/argoproj.io/${version}/${kind}` : `kubernetes-models/${group === '' ? '' : `${group}/`}${version}/${kind}`;
  const module = await import(/* @vite-ignore */ specifier).catch(() => undefined);
  const Model = module?.[kind] as (new (data: unknown) => { validate(): void }) | undefined;
  return Model ? (object) => new Model(object).validate() : undefined;
}

describe('the rendered objects of the example fleet', async () => {
  const { layout } = await renderExampleFleet();
  const objects = [...layout!.clusters].flatMap(([cluster, { apps, argocd }]) =>
    [...[...apps.values()].flat(), ...argocd].map((object) => ({ cluster, object, id: `${cluster} ${object.kind}/${object.metadata.name}` })),
  );

  it.each(objects)('$id is valid against its schema', async ({ object }) => {
    const validate = await validatorFor(object.apiVersion, object.kind);
    if (!validate) {
      const withoutModelHere = [
        'argoproj.io/v1alpha1 AnalysisTemplate',
        'argoproj.io/v1alpha1 Rollout',
        'cert-manager.io/v1 Certificate',
        'external-secrets.io/v1beta1 ExternalSecret',
        'monitoring.coreos.com/v1 PrometheusRule',
        'monitoring.coreos.com/v1 ServiceMonitor',
        'networking.istio.io/v1beta1 DestinationRule',
        'networking.istio.io/v1beta1 VirtualService',
      ];
      expect(withoutModelHere, `no schema for ${object.apiVersion} ${object.kind}`).toContain(`${object.apiVersion} ${object.kind}`);
      return;
    }
    expect(() => validate(object)).not.toThrow();
  });

  it('includes an Application and an AppProject on every cluster', () => {
    const prodElsewhere = ['AppProject/erlmcp', 'AppProject/openpolicy', 'AppProject/platform', 'Application/dbupgrade', 'Application/erlmcp', 'Application/mca', 'Application/root', 'ApplicationSet/openpolicy', 'ConfigMap/argocd-cm'];
    const usEast1 = [
      'AppProject/erlmcp', 'AppProject/ml-platform', 'AppProject/openpolicy', 'AppProject/platform',
      'Application/dbupgrade', 'Application/erlmcp', 'Application/mca', 'Application/rental-ml', 'Application/root', 'ApplicationSet/openpolicy', 'ConfigMap/argocd-cm',
    ];
    const dev = ['AppProject/erlmcp', 'AppProject/ml-platform', 'AppProject/openpolicy', 'Application/erlmcp', 'Application/rental-ml', 'Application/root', 'ApplicationSet/openpolicy', 'ConfigMap/argocd-cm'];
    const argocdObjects = Object.fromEntries([...layout!.clusters].map(([cluster, { argocd }]) => [cluster, argocd.map((o) => `${o.kind}/${o.metadata.name}`).sort()]));
    // Add-ons (clusters/fleet.yaml `addons`): all on every cluster (argo-rollouts too: the OpenPolicy services roll out as canaries everywhere).
    const addons = ['argo-rollouts', 'cert-manager', 'cert-manager-resources', 'external-secrets', 'istio-base', 'istiod', 'kube-prometheus-stack'].map((a) => `Application/${a}`);
    const withAddons = (objects: string[], ...more: string[]) => [...objects, ...addons, ...more].sort();
    expect(argocdObjects).toEqual({
      'ap-south-1-prod': withAddons(prodElsewhere),
      'eu-west-1-prod': withAddons(prodElsewhere),
      'us-east-1-dev': withAddons(dev),
      'us-east-1-prod': withAddons(usEast1),
      'us-east-1-staging': withAddons(usEast1),
    });
  });

  it('catches an invalid Application (the check can fail)', async () => {
    const validate = (await validatorFor('argoproj.io/v1alpha1', 'Application'))!;
    expect(() => validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { project: 3 } })).toThrow(/destination/);
  });
});
