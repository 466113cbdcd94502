import type { ClusterAddon } from '@fleetform/addons';
import type { ImageOverride } from '@fleetform/kustomize';
import type { KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet, Values } from '@fleetform/values';

/** One app on one cluster, built: what layout needs to write its overlay and Application. */
export interface BuiltInstance {
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  readonly values: Values;
  /** The objects the cluster must end up with. */
  readonly objects: readonly KubeObject[];
  /** kustomize `images` entries that turn the base's image names into this cluster's references. */
  readonly images: readonly ImageOverride[];
}

export interface BuiltApp {
  readonly app: AppIdentity;
  readonly base: readonly KubeObject[];
  readonly instances: readonly BuiltInstance[];
}

export interface ClusterSummary {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly file: string;
  /** cluster.yaml's labels, which add-on targets select on. */
  readonly labels?: Readonly<Record<string, string>>;
  /** cluster.yaml's add-on settings (opt in or out, values). */
  readonly addons?: Readonly<Record<string, ClusterAddon>>;
}

export interface BuiltFleet {
  readonly fleet: Fleet;
  readonly fleetFile: string;
  readonly clusters: readonly ClusterSummary[];
  readonly apps: readonly BuiltApp[];
}
