import { describe, expect, it } from 'vitest';
import { buildApplication, buildApplicationSet, MANIFEST_GENERATE_PATHS } from '@fleetform/layout';
import type { KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet } from '@fleetform/values';

const fleet: Fleet = { git: { repoURL: 'https://example.com/fleet.git' }, regions: {}, environments: [{ name: 'prod' }] };
const app = (name: string): AppIdentity => ({ name, team: 'policy', partOf: 'openpolicy', namespace: { name: 'openpolicy' }, file: `apps/${name}/app.yaml` });

/** What Argo CD's list generator does with a goTemplate of plain `{{.field}}` references. */
function generate(set: KubeObject): unknown[] {
  const spec = set.spec as { generators: { list: { elements: Record<string, string>[] } }[]; template: unknown };
  return spec.generators[0]!.list.elements.map((element) =>
    JSON.parse(JSON.stringify(spec.template).replace(/\{\{\.(\w+)\}\}/g, (_, key: string) => {
      if (!(key in element)) throw new Error(`missingkey=error: ${key}`);
      return element[key]!;
    })),
  );
}

describe('buildApplicationSet', () => {
  const names = ['openpolicy-api', 'openpolicy-auth'];
  const applications = names.map((name) => buildApplication(fleet, app(name), 'eu-prod', 'eu-west-1-prod', {}, 0));
  const elements = names.map((name) => ({ app: name, project: 'policy', path: `apps/${name}/overlays/eu-west-1-prod`, namespace: 'openpolicy', partOf: 'openpolicy' }));
  const set = buildApplicationSet(fleet, 'openpolicy', 'eu-prod', elements, applications, 0);

  it('generates exactly the Applications fleetform would write one by one, less the sync wave', () => {
    const expected = applications.map(({ metadata, spec }) => {
      const { namespace, annotations, ...rest } = metadata;
      return { metadata: { ...rest, annotations: { [MANIFEST_GENERATE_PATHS]: annotations![MANIFEST_GENERATE_PATHS] } }, spec };
    });
    expect(generate(set)).toEqual(expected);
  });

  it('keeps the apps when the ApplicationSet is deleted, and fails on a missing key', () => {
    expect(set.spec).toMatchObject({ goTemplate: true, goTemplateOptions: ['missingkey=error'], syncPolicy: { preserveResourcesOnDeletion: true } });
  });

  it('refuses apps that sync differently, since one template serves them all', () => {
    const manual = buildApplication(fleet, app('openpolicy-ui'), 'eu-prod', 'eu-west-1-prod', { argocd: { automated: false } }, 0);
    expect(() => buildApplicationSet(fleet, 'openpolicy', 'eu-prod', elements, [...applications, manual], 0)).toThrow(/sync differently/);
  });
});
