import { createHash } from 'node:crypto';
import { appOfPath, type FleetInputs, type InputFiles, type KubeObject } from '@fleetform/values';

/**
 * What an app's own files (its base and overlays) depend on, as one key per app. An app's files are
 * a function of its own inputs (everything under apps/NAME/) and of the inputs every app reads:
 * clusters/fleet.yaml, every cluster.yaml, and the CRDs of all apps (which decide whether a custom
 * kind is namespaced). Anything outside apps/ counts as read by every app, so an input kind added
 * later is covered without listing it here. Two renders of one app with one key write the same files.
 */
export function appKeys(files: InputFiles, inputs: FleetInputs, crds: readonly KubeObject[]): AppKeys {
  const shared = createHash('sha1');
  const own = new Map<string, ReturnType<typeof createHash>>();
  for (const name of [...inputs.apps.keys()].sort()) own.set(name, createHash('sha1'));
  for (const path of [...files.keys()].sort()) {
    const app = appOfPath(path);
    const hash = (app !== undefined && own.get(app)) || shared;
    hash.update(`${path}\u0000${files.get(path)}\u0000`);
  }
  shared.update(JSON.stringify(crds));
  const common = shared.digest('base64url');
  const apps = new Map([...own].map(([name, hash]) => [name, createHash('sha1').update(common).update(hash.digest('base64url')).digest('base64url')]));
  return { apps, shared: common };
}

export interface AppKeys {
  /** Each app's key. */
  readonly apps: ReadonlyMap<string, string>;
  /** The key of what every app reads (fleet.yaml, every cluster.yaml, the CRDs, anything outside apps/). */
  readonly shared: string;
}

/**
 * What each cluster's own files (under clusters/NAME/: its Applications, ApplicationSets,
 * AppProjects, add-ons, root Application and Argo CD settings) depend on, as one key per cluster:
 * the shared inputs, and the name and delivery key (see AppDelivery) of every app with an instance
 * on it. An app's delivery key covers all that layout reads of it for these files, not its inputs,
 * so an image bump, which changes the app's own files, leaves every cluster's key as it was. (A hub
 * cluster's files depend on every cluster's apps; layoutFleet never reuses them.)
 */
export function clusterKeys(shared: string, clusters: readonly string[], apps: readonly { readonly name: string; readonly clusters: readonly string[]; readonly deliveryKey: string }[]): Map<string, string> {
  const hashes = new Map(clusters.map((c) => [c, createHash('sha1').update(`${shared}\u0000${c}\u0000`)]));
  for (const app of [...apps].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const cluster of app.clusters) hashes.get(cluster)?.update(`${app.name}\u0000${app.deliveryKey}\u0000`);
  }
  return new Map([...hashes].map(([c, hash]) => [c, hash.digest('base64url')]));
}
