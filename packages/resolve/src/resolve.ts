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
  const base = baseLayers(inputs, name);
  const merge = sharedMerges();
  return selectClusters(inputs, appFiles).map((cluster) => {
    const layers = clusterLayers(inputs, name, cluster, base);
    return {
      app,
      cluster: cluster.name,
      environment: cluster.value.environment,
      region: cluster.value.region,
      registry: inputs.fleet.value.regions[cluster.value.region]!.registry,
      values: merge(layers),
      layers,
    };
  });
}

/**
 * Merges layers once per distinct list of values. A merge is a function of the layers' values, which
 * nothing changes once loaded, and most clusters of an app take theirs from the same objects (the
 * fleet's environment and region, no values of their own), so they share one merged result.
 */
function sharedMerges(): (layers: readonly Layer[]) => Values {
  const ids = new Map<object, number>();
  const merged = new Map<string, Values>();
  const idOf = (values: object | undefined): string => {
    if (values === undefined) return '-';
    let id = ids.get(values);
    if (id === undefined) ids.set(values, (id = ids.size));
    return String(id);
  };
  return (layers) => {
    const key = layers.map((layer) => idOf(layer.values)).join(' ');
    let values = merged.get(key);
    if (values === undefined) merged.set(key, (values = mergeLayers(layers)));
    return values;
  };
}
