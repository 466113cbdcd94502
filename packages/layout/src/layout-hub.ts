import { canonicalize, type KubeObject, type SyncWaveTable } from '@fleetform/objects';
import { buildApplication, ignoringRolloutWeights } from './argocd/application.js';
import { applicationsSyncOf } from './argocd/application-set.js';
import { buildClusterSecret, clusterSecretName, serverFrom } from './argocd/cluster-secret.js';
import { buildHubApplicationSet, type HubMember } from './argocd/hub-application-set.js';
import type { FileSet } from './file-set.js';
import type { BuiltFleet } from './model.js';
import { clusterDir } from './paths.js';

/** The objects one team's hub-delivered apps deploy on one cluster, and where the hub reaches it. */
export interface RemoteTarget {
  readonly server: string;
  readonly objects: readonly KubeObject[];
}

/** Which apps the hub delivers where, worked out before any cluster's folder is laid out. */
export interface HubPlan {
  /** The cluster whose Argo CD is the hub. */
  readonly cluster: string;
  /** The hub's ApplicationSets by name, each with its apps on their clusters, in set name order. */
  readonly sets: ReadonlyMap<string, readonly HubMember[]>;
  /** Per team, what its hub-delivered apps deploy on each cluster: the hub's AppProject allows it. */
  readonly teams: ReadonlyMap<string, readonly RemoteTarget[]>;
  delivers(app: string, cluster: string): boolean;
}

/**
 * The apps in `hub` delivery (fleet.yaml's `argocd.delivery`, or the app's own), each on each of its
 * clusters with the Application `applications` mode would write there, grouped into the hub's
 * ApplicationSets: one per app or per team (`argocd.hub.applicationSets`), or the one the app names
 * (`argocd.applicationSet`). Chart apps are left to their cluster's own Argo CD. Undefined when the
 * fleet has no hub.
 */
export function planHub(built: BuiltFleet, overlays: ReadonlyMap<string, ReadonlyMap<string, string>>, waves: SyncWaveTable): HubPlan | undefined {
  const settings = built.fleet.argocd?.hub;
  if (!settings) return undefined;
  const targets = new Map(built.clusters.map((c) => [c.name, c]));
  const sets = new Map<string, HubMember[]>();
  const teams = new Map<string, RemoteTarget[]>();
  const delivered = new Set<string>();
  for (const { app, instances } of built.apps) {
    for (const instance of instances) {
      const delivery = instance.values.argocd?.delivery ?? built.fleet.argocd?.delivery ?? 'applications';
      // A chart app's Helm source and values are its own, as in `applicationsets` delivery: it stays an Application of its cluster.
      if (delivery !== 'hub' || instance.values.chart) continue;
      const cluster = targets.get(instance.cluster)!;
      const overlay = overlays.get(app.name)!.get(instance.cluster)!;
      const application = canonicalize(ignoringRolloutWeights(buildApplication(built.fleet, app, instance.cluster, overlay, instance.values, waves.waveOf('Application', app.name)), instance.objects));
      const server = serverFrom(cluster, settings.cluster);
      const name = instance.values.argocd?.applicationSet ?? (settings.applicationSets === 'team' ? app.team : app.name);
      sets.set(name, [...(sets.get(name) ?? []), { cluster, server, application }]);
      teams.set(app.team, [...(teams.get(app.team) ?? []), { server, objects: instance.objects }]);
      delivered.add(`${app.name}\u0000${instance.cluster}`);
    }
  }
  return {
    cluster: settings.cluster,
    sets: new Map([...sets].sort(([a], [b]) => (a < b ? -1 : 1))),
    teams,
    delivers: (app, cluster) => delivered.has(`${app}\u0000${cluster}`),
  };
}

/**
 * Writes the hub's part of its cluster folder: the ApplicationSets in `appsets/`, and a cluster
 * Secret per cluster of the fleet in `bootstrap/` (the hub's own included: a clusters generator
 * with a selector matches no cluster without a Secret). Appends them to the hub's Argo CD objects.
 */
export function layoutHub(files: FileSet, built: BuiltFleet, plan: HubPlan, argocd: KubeObject[], waves: SyncWaveTable): void {
  const folder = clusterDir(plan.cluster);
  const options = {
    hub: plan.cluster,
    generator: built.fleet.argocd?.hub?.generator ?? 'clusters',
    applicationsSync: applicationsSyncOf(built.fleet),
    clusters: built.clusters,
  } as const;
  for (const [name, members] of plan.sets) {
    const set = canonicalize(buildHubApplicationSet(built.fleet, name, members, options, waves.waveOf('ApplicationSet', name)));
    files.addYaml(`${folder}/appsets/${name}.yaml`, `the apps the hub delivers in ApplicationSet ${name}, and ${built.fleetFile}`, set);
    argocd.push(set);
  }
  for (const cluster of [...built.clusters].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const secret = canonicalize(buildClusterSecret(built.fleet, cluster, plan.cluster));
    files.addYaml(`${folder}/bootstrap/${clusterSecretName(cluster.name)}.yaml`, `${built.fleetFile} and ${cluster.file}`, secret);
    argocd.push(secret);
  }
}
