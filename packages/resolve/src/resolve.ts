import type { App, FleetInputs, Values } from '@fleetform/values';
import { baseLayers, clusterLayers, type Layer } from './layers.js';
import { mergeValues } from './merge.js';
import { selectClusters } from './select-clusters.js';

/** What an app is, whatever the cluster: the parts of app.yaml that are not mergeable values. */
export interface AppIdentity {
  readonly name: string;
  readonly team: string;
  readonly partOf: string;
  readonly namespace: App['namespace'];
  /** Repository-relative app.yaml, named in generated headers. */
  readonly file: string;
}

/** An app on one cluster, with every layer merged. */
export interface AppInstance {
  readonly app: AppIdentity;
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  /** The registry images come from: the region's, unless an image sets its own. */
  readonly registry: string;
  readonly values: Values;
  readonly layers: readonly Layer[];
}

export function mergeLayers(layers: readonly Layer[]): Values {
  return layers.reduce<Values>((merged, layer) => mergeValues(merged, layer.values), {});
}

export function appIdentity(inputs: FleetInputs, name: string): AppIdentity {
  const app = inputs.apps.get(name)!;
  return { name, team: app.value.team, partOf: app.value.partOf ?? name, namespace: app.value.namespace, file: app.file };
}

/** The app's values as its base is rendered: fleet defaults and app.yaml, no cluster yet. */
export function resolveBase(inputs: FleetInputs, name: string): { app: AppIdentity; values: Values; layers: Layer[] } {
  const layers = baseLayers(inputs, name);
  return { app: appIdentity(inputs, name), values: mergeLayers(layers), layers };
}

/** The app on every cluster it targets, in cluster name order. */
export function resolveInstances(inputs: FleetInputs, name: string): AppInstance[] {
  const appFiles = inputs.apps.get(name)!;
  const app = appIdentity(inputs, name);
  return selectClusters(inputs, appFiles).map((cluster) => {
    const layers = clusterLayers(inputs, name, cluster);
    return {
      app,
      cluster: cluster.name,
      environment: cluster.value.environment,
      region: cluster.value.region,
      registry: inputs.fleet.value.regions[cluster.value.region]!.registry,
      values: mergeLayers(layers),
      layers,
    };
  });
}
