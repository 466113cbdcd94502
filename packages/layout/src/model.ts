import type { ClusterAddon } from '@fleetform/addons';
import type { ImageOverride } from '@fleetform/kustomize';
import type { KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';
import type { Fleet } from '@fleetform/values';
import type { DeliveryValues } from './delivery-values.js';
import type { GeneratedFile } from './file-set.js';

/** One app on one cluster, built: what layout needs to write its overlay and Application. */
export interface BuiltInstance {
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  /** What the cluster-level files read of the instance's values (see deliveryValues). */
  readonly values: DeliveryValues;
  /** The objects the cluster must end up with. */
  readonly objects: readonly KubeObject[];
  /** kustomize `images` entries that turn the base's image names into this cluster's references. */
  readonly images: readonly ImageOverride[];
}

export interface BuiltApp {
  readonly app: AppIdentity;
  readonly base: readonly KubeObject[];
  readonly instances: readonly BuiltInstance[];
  /**
   * Set when an earlier render's files for this app are still valid (an incremental render): they
   * are taken as they are instead of laid out again. The instances then carry only what the
   * cluster-level files read of them (values, and each object's apiVersion, kind and name).
   */
  readonly reused?: ReusedApp;
}

export interface ReusedApp {
  /** The overlay each cluster uses: `cluster` → overlay name. */
  readonly overlays: ReadonlyMap<string, string>;
  /** The app's own files (its base and overlays), by path. */
  readonly files: ReadonlyMap<string, GeneratedFile>;
}

export interface ClusterSummary {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly file: string;
  /** cluster.yaml's API server URL, which a hub's Argo CD reaches the cluster at. */
  readonly server?: string;
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
