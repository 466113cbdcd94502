import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApplication, buildApplicationSet, type ApplicationSetElement } from '@fleetform/layout';
import type { Fleet } from '@fleetform/values';
import { parseYamlStream, toYaml } from '@fleetform/yaml';
import { preview } from './helpers.js';

type Written = { metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec: Record<string, unknown> };
type Element = ApplicationSetElement & Record<string, string>;

const WAVE = 'argocd.argoproj.io/sync-wave';
const written = (objects: readonly unknown[]): Written[] => objects as Written[];

/** What an Application looks like once its sync wave and namespace, which an ApplicationSet cannot carry over, are set aside. */
function comparable({ metadata, spec }: Written): Written {
  const { namespace, annotations = {}, ...rest } = metadata;
  const { [WAVE]: wave, ...kept } = annotations;
  return { metadata: { ...rest, annotations: kept }, spec };
}

const elementOf = (app: Written): Element => ({
  app: app.metadata.name,
  project: app.spec.project as string,
  path: (app.spec.source as { path: string }).path,
  namespace: (app.spec.destination as { namespace: string }).namespace,
  partOf: app.metadata.labels!['app.kubernetes.io/part-of']!,
});

async function previewSet(fleet: Fleet, cluster: string, applications: Written[]) {
  const set = buildApplicationSet(fleet, 'preview', cluster, applications.map(elementOf), applications as never[], 0);
  return preview(toYaml(set));
}

describe('the ApplicationSets fleetform generates', () => {
  const fleet: Fleet = { git: { repoURL: 'https://example.com/fleet.git', revision: 'main' }, argocd: { namespace: 'argocd' }, regions: {}, environments: [{ name: 'prod' }] };
  const identity = (name: string) => ({ name, team: 'policy', partOf: 'openpolicy', namespace: { name: 'openpolicy' }, file: `apps/${name}/app.yaml` });

  it('yield the Applications buildApplication writes, less the sync wave', async () => {
    const applications = ['openpolicy-api', 'openpolicy-auth'].map((name) => buildApplication(fleet, identity(name), 'eu-prod', 'eu-west-1-prod', { argocd: { syncOptions: ['ServerSideApply=true'] } }, 2));
    const result = await previewSet(fleet, 'eu-prod', written(applications));
    expect(result.messages).toEqual([]);
    expect(result.applications.map(comparable)).toEqual(written(applications).map(comparable));
  });

  it('yield the same Applications, from the example fleet’s clusters, as the Applications fleetform wrote there', async () => {
    const root = join(import.meta.dirname, '../../..');
    const fleetFile = parseYamlStream(await readFile(join(root, 'clusters/fleet.yaml'), 'utf8'), 'clusters/fleet.yaml');
    const exampleFleet = fleetFile.documents[0]!.value as Fleet;
    const clusters = readdirSync(join(root, 'clusters'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(root, 'clusters', e.name, 'apps')));
    expect(clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters.map((c) => c.name)) {
      const folder = join(root, 'clusters', cluster, 'apps');
      const onCluster: Written[] = [];
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
        onCluster.push(...parseYamlStream(await readFile(join(folder, file), 'utf8'), file).documents.map((d) => d.value as Written));
      }
      // One template serves a whole ApplicationSet, so apps that sync differently go into sets of their own.
      const bySync = new Map<string, Written[]>();
      for (const application of onCluster) {
        const key = JSON.stringify(application.spec.syncPolicy);
        bySync.set(key, [...(bySync.get(key) ?? []), application]);
      }
      for (const applications of bySync.values()) {
        const result = await previewSet(exampleFleet, cluster, applications);
        expect(result.messages, cluster).toEqual([]);
        expect(result.applications.map(comparable), cluster).toEqual(applications.map(comparable));
      }
    }
  });

  it('preview, with no error, as one Application per element, any ApplicationSet the example fleet holds', async () => {
    const root = join(import.meta.dirname, '../../..');
    for (const cluster of readdirSync(join(root, 'clusters'))) {
      const folder = join(root, 'clusters', cluster, 'appsets');
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml'))) {
        const text = await readFile(join(folder, file), 'utf8');
        const set = parseYamlStream(text, file).documents[0]!.value as { spec: { generators: { list?: { elements: Element[] } }[] } };
        const elements = set.spec.generators.flatMap((g) => g.list?.elements ?? []);
        const result = await preview(text);
        expect(result.messages, file).toEqual([]);
        expect(result.applications.map((a) => a.metadata.name), file).toEqual(elements.map((e) => e.app));
      }
    }
  });
});
