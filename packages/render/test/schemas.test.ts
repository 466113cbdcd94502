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
      expect(['cert-manager.io/v1'], `no schema for ${object.apiVersion} ${object.kind}`).toContain(object.apiVersion);
      return;
    }
    expect(() => validate(object)).not.toThrow();
  });

  it('includes an Application and an AppProject on every cluster', () => {
    for (const [cluster, { argocd }] of layout!.clusters) {
      expect(argocd.map((o) => o.kind).sort(), cluster).toEqual(['AppProject', 'Application', 'Application', 'ConfigMap']);
    }
  });

  it('catches an invalid Application (the check can fail)', async () => {
    const validate = (await validatorFor('argoproj.io/v1alpha1', 'Application'))!;
    expect(() => validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { project: 3 } })).toThrow(/destination/);
  });
});
