import { KUSTOMIZATION_FILE, type ParseCache } from '@fleetform/kustomize';
import { canonicalize, SyncWaveTable, type KubeObject } from '@fleetform/objects';
import { buildAppProject } from './argocd/app-project.js';
import { buildApplication, ignoringRolloutWeights } from './argocd/application.js';
import { allowCharts, type TeamChart } from './argocd/chart-project.js';
import { chartRelease } from './argocd/chart-release.js';
import { buildApplicationSet, type ApplicationSetElement } from './argocd/application-set.js';
import { buildArgocdCmdParams, buildArgocdSettings } from './argocd/bootstrap.js';
import { buildRootApplication } from './argocd/root.js';
import { assertFaithful, encodeOverlay } from './encode-overlay.js';
import { FileSet, objectFileName, serialise, type GeneratedFile } from './file-set.js';
import type { DeliveryValues } from './delivery-values.js';
import type { BuiltApp, BuiltFleet, ReusedApp } from './model.js';
import { layoutAddons } from './layout-addons.js';
import { layoutHub, planHub } from './layout-hub.js';
import { groupIntoOverlays } from './overlay-groups.js';
import { baseDir, clusterDir, overlayDir } from './paths.js';

/** What one cluster ends up with: each app's objects, and the Argo CD objects that deliver them. */
export interface ClusterObjects {
  readonly apps: Map<string, readonly KubeObject[]>;
  readonly argocd: KubeObject[];
}

export interface FleetLayout {
  /** Every generated file, by repository-relative path, in path order (serialised when first read). */
  readonly files: Map<string, string>;
  /** The same files unserialised, each with a key that identifies its content. */
  readonly generated: Map<string, GeneratedFile>;
  /** The final objects per cluster, in cluster name order. */
  readonly clusters: Map<string, ClusterObjects>;
  /** The overlay each app uses on each cluster: `app` → `cluster` → overlay name. */
  readonly overlays: Map<string, Map<string, string>>;
}

/** A fleet's apps laid out (their bases and overlays), before the cluster-level files. */
export interface AppsLayout {
  readonly files: FileSet;
  readonly clusters: Map<string, ClusterObjects>;
  /** The overlay each app uses on each cluster: `app` → `cluster` → overlay name. */
  readonly overlays: Map<string, Map<string, string>>;
}

/**
 * Lays out a built fleet as files: per app a base and its overlays, per cluster an Application per
 * app, an AppProject per team, the root Application and Argo CD's settings. Pure: returns the files.
 * `reusedClusters` are the files under clusters/NAME/ of clusters an incremental render knows to be
 * unchanged (see clusterKeys in @fleetform/render).
 */
export function layoutFleet(built: BuiltFleet, reusedClusters: ReadonlyMap<string, ReadonlyMap<string, GeneratedFile>> = new Map()): FleetLayout {
  return layoutClusters(built, layoutApps(built), reusedClusters);
}

/** The first step of layoutFleet: every app's base and overlays, and so the overlay each cluster uses. */
export function layoutApps(built: BuiltFleet): AppsLayout {
  const files = new FileSet();
  const clusters = new Map<string, ClusterObjects>(built.clusters.map((c) => [c.name, { apps: new Map(), argocd: [] }]));
  const overlays = new Map<string, Map<string, string>>();
  for (const app of built.apps) {
    overlays.set(app.app.name, app.reused ? reuseApp(files, app, app.reused, clusters) : layoutApp(files, app, clusters));
  }
  return { files, clusters, overlays };
}

/** The second step of layoutFleet: each cluster's own files (under clusters/NAME/), after its apps'. */
export function layoutClusters(built: BuiltFleet, { files, clusters, overlays }: AppsLayout, reusedClusters: ReadonlyMap<string, ReadonlyMap<string, GeneratedFile>> = new Map()): FleetLayout {
  const waves = SyncWaveTable.from(built.fleet.syncWaves);
  // Hub delivery (issue 10): the hub's folder receives the apps of every cluster, so plan them first.
  const hub = planHub(built, overlays, waves);
  for (const cluster of built.clusters) {
    const objects = clusters.get(cluster.name)!;
    // A cluster whose own files an earlier render laid out from the same inputs: taken as they are.
    // (Its Argo CD objects are then not made again, and `argocd` stays empty.)
    const kept = cluster.name === hub?.cluster ? undefined : reusedClusters.get(cluster.name);
    if (kept) {
      for (const [path, file] of kept) files.addFile(path, file);
      continue;
    }
    const teams = new Map<string, KubeObject[]>();
    const charts = new Map<string, TeamChart[]>();
    const sets = new Map<string, { elements: ApplicationSetElement[]; applications: KubeObject[]; files: string[] }>();
    for (const app of built.apps) {
      const instance = app.instances.find((i) => i.cluster === cluster.name);
      if (!instance || hub?.delivers(app.app.name, cluster.name)) continue;
      const overlay = overlays.get(app.app.name)!.get(cluster.name)!;
      const release = chartRelease(app.app, instance.values, built.fleet.regions[cluster.region]?.registry ?? '');
      const application = canonicalize(ignoringRolloutWeights(buildApplication(built.fleet, app.app, cluster.name, overlay, instance.values, waves.waveOf('Application', app.app.name), release), instance.objects));
      pushTo(teams, app.app.team, ...instance.objects);
      if (release) pushTo(charts, app.app.team, { release, namespace: app.app.namespace.name });
      const setName = applicationSetOf(built.fleet, app.app, instance.values);
      if (setName) {
        const set = sets.get(setName) ?? { elements: [], applications: [], files: [] };
        const spec = application.spec as { source: { path: string } };
        set.elements.push({ app: app.app.name, project: app.app.team, path: spec.source.path, namespace: app.app.namespace.name, partOf: app.app.partOf });
        set.applications.push(application);
        set.files.push(app.app.file);
        sets.set(setName, set);
        continue;
      }
      files.addYaml(`${clusterDir(cluster.name)}/apps/${app.app.name}.yaml`, `${app.app.file} and ${cluster.file}`, application);
      objects.argocd.push(application);
    }
    for (const [name, set] of [...sets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const applicationSet = canonicalize(buildApplicationSet(built.fleet, name, cluster.name, set.elements, set.applications, waves.waveOf('ApplicationSet', name)));
      files.addYaml(`${clusterDir(cluster.name)}/appsets/${name}.yaml`, `the apps that name ApplicationSet ${name}, on ${cluster.file}`, applicationSet);
      objects.argocd.push(applicationSet);
    }
    const isHub = cluster.name === hub?.cluster;
    if (isHub) layoutHub(files, built, hub, objects.argocd, waves);
    const remote = isHub ? hub.teams : new Map<string, never[]>();
    for (const team of [...new Set([...teams.keys(), ...remote.keys()])].sort()) {
      const project = canonicalize(allowCharts(buildAppProject(built.fleet, { team, cluster: cluster.name, objects: teams.get(team) ?? [], remote: remote.get(team) }, waves.waveOf('AppProject', team)), charts.get(team) ?? []));
      files.addYaml(`${clusterDir(cluster.name)}/projects/${team}.yaml`, `the apps of team ${team} on ${cluster.file}`, project);
      objects.argocd.push(project);
    }
    // Cluster add-ons (issue 8): after the apps' Applications, whose waves order the add-ons before them.
    layoutAddons(files, built.fleet, built.fleetFile, cluster, objects);

    const root = canonicalize(buildRootApplication(built.fleet, cluster.name));
    files.addYaml(`${clusterDir(cluster.name)}/root.yaml`, built.fleetFile, root);
    const settings = canonicalize(buildArgocdSettings(built.fleet, cluster.name));
    files.addYaml(`${clusterDir(cluster.name)}/bootstrap/argocd-cm.yaml`, built.fleetFile, settings);
    objects.argocd.push(root, settings);
    const params = buildArgocdCmdParams(built.fleet, cluster.name, {
      progressiveSyncs: isHub && hub.sets.size > 0,
      policyOverride: (sets.size > 0 || (isHub && hub.sets.size > 0)) && built.fleet.argocd?.applicationsSync !== undefined && built.fleet.argocd.applicationsSync !== 'sync',
    });
    if (params) {
      const canonical = canonicalize(params);
      files.addYaml(`${clusterDir(cluster.name)}/bootstrap/argocd-cmd-params-cm.yaml`, built.fleetFile, canonical);
      objects.argocd.push(canonical);
    }
  }
  const generated = files.generated();
  let serialised: Map<string, string> | undefined;
  return {
    generated,
    get files() {
      serialised ??= serialise(generated);
      return serialised;
    },
    clusters,
    overlays,
  };
}

/**
 * The ApplicationSet an app on a cluster is delivered by, if any: the one it names, or in
 * `applicationsets` delivery (fleet-wide or for this app) the one of its team.
 */
function applicationSetOf(fleet: BuiltFleet['fleet'], app: BuiltApp['app'], values: DeliveryValues): string | undefined {
  const delivery = values.argocd?.delivery ?? fleet.argocd?.delivery ?? 'applications';
  if (values.argocd?.delivery === 'applications') return undefined;
  // A chart app's Helm source and values are its own; an ApplicationSet's template has one source for all.
  if (values.chart) return undefined;
  return values.argocd?.applicationSet ?? (delivery === 'applicationsets' ? app.team : undefined);
}

/** An app whose files an earlier render laid out, unchanged since: its files as they were. */
function reuseApp(files: FileSet, app: BuiltApp, reused: ReusedApp, clusters: Map<string, ClusterObjects>): Map<string, string> {
  for (const [path, file] of reused.files) files.addFile(path, file);
  for (const instance of app.instances) clusters.get(instance.cluster)!.apps.set(app.app.name, instance.objects);
  return new Map(reused.overlays);
}

function layoutApp(files: FileSet, { app, base, instances }: BuiltApp, clusters: Map<string, ClusterObjects>): Map<string, string> {
  const baseFolder = baseDir(app.name);
  for (const object of base) files.addYaml(`${baseFolder}/${objectFileName(object)}`, app.file, object);
  files.addYaml(`${baseFolder}/${KUSTOMIZATION_FILE}`, app.file, {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: base.map(objectFileName),
  });
  const overlayOf = new Map<string, string>();
  const parsed: ParseCache = new Map();
  for (const group of groupIntoOverlays(instances)) {
    const folder = overlayDir(app.name, group.name);
    const wanted = group.instances[0]!;
    const encoded = encodeOverlay(base, wanted.objects, wanted.images);
    files.addYaml(`${folder}/${KUSTOMIZATION_FILE}`, app.file, encoded.kustomization);
    for (const [path, content] of encoded.files) files.addYaml(`${folder}/${path}`, app.file, content);
    assertFaithful(files, folder, wanted.objects, parsed);
    for (const instance of group.instances) {
      overlayOf.set(instance.cluster, group.name);
      clusters.get(instance.cluster)!.apps.set(app.name, instance.objects);
    }
  }
  return overlayOf;
}

/** Appends to the list a key has in `lists`, starting one if it has none. */
function pushTo<T>(lists: Map<string, T[]>, key: string, ...items: readonly T[]): void {
  const list = lists.get(key);
  if (list) list.push(...items);
  else lists.set(key, [...items]);
}
