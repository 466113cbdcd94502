import { expandProfiles, type App, type ClusterFile, type FleetInputs, type Values } from '@fleetform/values';
import type { PathSegment } from '@fleetform/yaml';

/** One source of values, in the order they apply. */
export interface Layer {
  /** What the layer is, for people: `fleet defaults`, `environment prod`, `app dbupgrade, cluster eu-west-1-prod`. */
  readonly name: string;
  /** The file and the path inside it that the values come from. */
  readonly file: string;
  readonly path: readonly PathSegment[];
  readonly values: Values | undefined;
}

/** The keys of app.yaml that describe the app itself and are not values to merge. */
const APP_ONLY_KEYS = ['$schema', 'description', 'team', 'partOf', 'namespace', 'targets', 'profiles', 'overrides'] as const;

export function appBaseValues(app: App): Values {
  const values: Record<string, unknown> = { ...app };
  for (const key of APP_ONLY_KEYS) delete values[key];
  return values as Values;
}

/**
 * The layers of an app's base: fleet defaults, the profiles the app names (each after the profiles
 * it extends), then app.yaml as written. Every cluster's layers start with these.
 */
export function baseLayers(inputs: FleetInputs, app: string): Layer[] {
  const { fleet } = inputs;
  const appFiles = inputs.apps.get(app)!;
  const profiles = fleet.value.profiles ?? {};
  return [
    { name: 'fleet defaults', file: fleet.file, path: ['defaults'], values: fleet.value.defaults },
    ...expandProfiles(profiles, appFiles.value.profiles ?? []).map((name) => ({
      name: `profile ${name}`,
      file: fleet.file,
      path: ['profiles', name, 'values'],
      values: profiles[name]!.values,
    })),
    { name: `app ${app}`, file: appFiles.file, path: [], values: appBaseValues(appFiles.value) },
  ];
}

/**
 * Every layer that applies to an app on a cluster, lowest first:
 * fleet defaults < profiles < app < environment < region < cluster < app overrides (environment < region < cluster).
 */
export function clusterLayers(inputs: FleetInputs, app: string, cluster: ClusterFile, base: readonly Layer[] = baseLayers(inputs, app)): Layer[] {
  const { fleet } = inputs;
  const appFiles = inputs.apps.get(app)!;
  const { environment, region } = cluster.value;
  const envIndex = fleet.value.environments.findIndex((e) => e.name === environment);
  const overrides = appFiles.value.overrides;
  return [
    ...base,
    { name: `environment ${environment}`, file: fleet.file, path: ['environments', envIndex, 'values'], values: fleet.value.environments[envIndex]?.values },
    { name: `region ${region}`, file: fleet.file, path: ['regions', region, 'values'], values: fleet.value.regions[region]?.values },
    { name: `cluster ${cluster.name}`, file: cluster.file, path: ['values'], values: cluster.value.values },
    { name: `app ${app}, environment ${environment}`, file: appFiles.file, path: ['overrides', 'environments', environment], values: overrides?.environments?.[environment] },
    { name: `app ${app}, region ${region}`, file: appFiles.file, path: ['overrides', 'regions', region], values: overrides?.regions?.[region] },
    { name: `app ${app}, cluster ${cluster.name}`, file: appFiles.file, path: ['overrides', 'clusters', cluster.name], values: overrides?.clusters?.[cluster.name] },
  ];
}
