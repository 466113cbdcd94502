import type { FleetLayout } from '@fleetform/layout';
import { imageReference, imageVersion, SYNC_WAVE_ANNOTATION, type KubeObject } from '@fleetform/objects';
import { resolveInstances } from '@fleetform/resolve';
import type { FleetInputs } from '@fleetform/values';
import type { FleetReport, ImageCell, ReportApp, ReportEnvironment, ReportValidation, SyncWave, WaveObject } from './model.js';

/** `https://github.com/example-org/fleet.git` → `example-org/fleet`. */
function titleOf(repoURL: string): string {
  const path = repoURL.replace(/\.git$/, '').replace(/\/+$/, '');
  return path.split(/[/:]/).slice(-2).join('/');
}

/** The data of the report page, from a fleet that rendered and the result of validating it. Pure. */
export function collectReport(inputs: FleetInputs, layout: FleetLayout, validation: ReportValidation): FleetReport {
  const fleet = inputs.fleet.value;
  const regionOrder = Object.keys(fleet.regions);
  const environments: ReportEnvironment[] = fleet.environments.map((env) => ({
    name: env.name,
    ...(env.promotion ? { promotion: env.promotion } : {}),
    immutableTags: env.immutableTags ?? false,
    clusters: [...inputs.clusters.values()]
      .filter((c) => c.value.environment === env.name)
      .sort((a, b) => regionOrder.indexOf(a.value.region) - regionOrder.indexOf(b.value.region) || (a.name < b.name ? -1 : 1))
      .map((c) => ({ name: c.name, region: c.value.region })),
  }));
  const apps = [...inputs.apps.values()].map((files): ReportApp => {
    const instances = resolveInstances(inputs, files.name);
    const cells = Object.fromEntries(
      instances.map((i) => [i.cluster, { version: imageVersion(i.values.image) ?? 'no image', reference: i.values.image?.repository ? imageReference(i.values.image, { kind: 'cluster', registry: i.registry }) : '' }]),
    );
    const objects = instances.map((i) => ({ cluster: i.cluster, objects: layout.clusters.get(i.cluster)?.apps.get(files.name) ?? [] }));
    return {
      name: files.name,
      team: files.value.team,
      ...(files.value.description ? { description: files.value.description } : {}),
      cells: markDifferences(cells, environments),
      waves: syncWaves(objects),
    };
  });
  return { title: titleOf(fleet.git.repoURL), repository: fleet.git.repoURL, revision: fleet.git.revision ?? 'main', environments, apps, validation };
}

/**
 * Marks each cell whose version the previous environment (the nearest earlier one the app runs in)
 * does not run: in promotion order, that is where a promotion is pending.
 */
function markDifferences(cells: Record<string, ImageCell>, environments: readonly ReportEnvironment[]): Record<string, ImageCell> {
  const marked: Record<string, ImageCell> = { ...cells };
  let previous: { environment: string; versions: string[] } | undefined;
  for (const env of environments) {
    const here = env.clusters.map((c) => c.name).filter((name) => cells[name]);
    if (here.length === 0) continue;
    if (previous) {
      for (const name of here) {
        if (!previous.versions.includes(cells[name]!.version)) marked[name] = { ...cells[name]!, differs: previous };
      }
    }
    previous = { environment: env.name, versions: [...new Set(here.map((name) => cells[name]!.version))] };
  }
  return marked;
}

const waveOf = (object: KubeObject): number => Number(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0);

/** The app's objects on all its clusters, by wave; an object only some clusters get says which. */
function syncWaves(perCluster: readonly { cluster: string; objects: readonly KubeObject[] }[]): SyncWave[] {
  const seen = new Map<string, { wave: number; object: Omit<WaveObject, 'onlyOn'>; clusters: string[] }>();
  for (const { cluster, objects } of perCluster) {
    for (const object of objects) {
      const wave = waveOf(object);
      const key = `${wave} ${object.kind} ${object.metadata.namespace ?? ''} ${object.metadata.name}`;
      const entry = seen.get(key) ?? {
        wave,
        object: { kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) },
        clusters: [],
      };
      entry.clusters.push(cluster);
      seen.set(key, entry);
    }
  }
  const waves = new Map<number, WaveObject[]>();
  for (const { wave, object, clusters } of seen.values()) {
    const onlyOn = clusters.length < perCluster.length ? { onlyOn: clusters } : {};
    waves.set(wave, [...(waves.get(wave) ?? []), { ...object, ...onlyOn }]);
  }
  return [...waves].sort(([a], [b]) => a - b).map(([wave, objects]) => ({ wave, objects }));
}
