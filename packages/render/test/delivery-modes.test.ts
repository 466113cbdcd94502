import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@fleetform/objects';
import { previewFiles, type PreviewSources } from '@fleetform/preview';
import { renderFleet } from '@fleetform/render';
import { readInputs } from '@fleetform/values';
import { toYaml } from '@fleetform/yaml';
import { repoRoot } from './example-fleet.js';

const WAVE = 'argocd.argoproj.io/sync-wave';

/** An Application less what an ApplicationSet cannot carry over: its sync wave, and its namespace (set by the controller). */
function comparable(application: KubeObject) {
  const { namespace, annotations = {}, ...metadata } = application.metadata;
  const { [WAVE]: wave, ...kept } = annotations;
  return { name: metadata.name, metadata: { ...metadata, annotations: kept }, spec: application.spec };
}

/** A list generator needs neither clusters nor git; asking for either would be a bug. */
const noSources: PreviewSources = {
  clusters: async () => Promise.reject(new Error('no clusters expected')),
  git: {} as PreviewSources['git'],
};

/** Every Application a cluster's Argo CD ends up with: those written out, and those its ApplicationSets generate. */
async function applicationsOf(cluster: string, argocd: readonly KubeObject[]) {
  const written = argocd.filter((o) => o.kind === 'Application' && (o.spec as { source?: { path?: string } }).source?.path?.startsWith('apps/'));
  const sets = argocd.filter((o) => o.kind === 'ApplicationSet');
  const previewed = await previewFiles(sets.map((set) => ({ file: `clusters/${cluster}/appsets/${set.metadata.name}.yaml`, text: toYaml(set) })), noSources);
  expect(previewed.diagnostics).toEqual([]);
  const all = [...written.map(comparable), ...previewed.applications.map((a) => comparable(a as unknown as KubeObject))];
  return { written, all: all.sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

async function renderWith(delivery: 'applications' | 'applicationsets') {
  const files = new Map(await readInputs(repoRoot));
  files.set('clusters/fleet.yaml', files.get('clusters/fleet.yaml')!.replace(/^argocd:\n/m, `argocd:\n  delivery: ${delivery}\n`));
  const result = renderFleet(files);
  expect(result.diagnostics).toEqual([]);
  return result.layout!;
}

describe('delivery modes', () => {
  it('GIVEN applicationsets delivery THEN every app of every cluster comes from an ApplicationSet, and the preview of those yields exactly the Applications the applications delivery writes', async () => {
    const [applications, applicationSets] = [await renderWith('applications'), await renderWith('applicationsets')];
    for (const [cluster, { argocd }] of applicationSets.clusters) {
      const got = await applicationsOf(cluster, argocd);
      expect(got.written, `${cluster}: Applications outside ApplicationSets`).toEqual([]);
      const wanted = await applicationsOf(cluster, applications.clusters.get(cluster)!.argocd);
      expect(got.all.length, cluster).toBeGreaterThan(0);
      expect(got.all, cluster).toEqual(wanted.all);
    }
  });

  it('GIVEN applicationsets delivery THEN one ApplicationSet per team (or per name an app gives), and the files move from apps/ to appsets/', async () => {
    const layout = await renderWith('applicationsets');
    const files = [...layout.files.keys()].filter((p) => p.startsWith('clusters/us-east-1-prod/'));
    expect(files.filter((p) => p.includes('/apps/'))).toEqual([]);
    const teams = [...files.filter((p) => p.includes('/projects/')).map((p) => p.replace(/^.*\/projects\/(.*)\.yaml$/, '$1')), 'openpolicy'];
    expect(files.filter((p) => p.includes('/appsets/'))).toEqual([...new Set(teams)].sort().map((t) => `clusters/us-east-1-prod/appsets/${t}.yaml`));
  });
});
