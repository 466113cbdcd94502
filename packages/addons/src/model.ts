import type { CatalogueEntry } from './catalogue.js';

/**
 * The add-on shapes as fleet.yaml and cluster.yaml hold them. They mirror schemas/fleet.schema.json
 * and schemas/cluster.schema.json structurally, rather than importing @fleetform/values' generated
 * types, because @fleetform/values imports this package (for the catalogue's keys) and a cycle
 * between the two would follow.
 */

/** Free-form Helm values: whatever the chart's values.yaml accepts. */
export type HelmValues = { [key: string]: unknown };

export interface AddonChart {
  /** A Helm repository URL, or an OCI registry (`registry.example.com/charts`, as Argo CD takes it). */
  readonly repoURL?: string;
  readonly chart?: string;
  readonly version?: string;
}

export interface AddonOverrides {
  readonly environments?: Readonly<Record<string, HelmValues>>;
  readonly regions?: Readonly<Record<string, HelmValues>>;
  readonly clusters?: Readonly<Record<string, HelmValues>>;
}

export interface AddonTargets {
  readonly environments?: readonly string[];
  readonly regions?: readonly string[];
  readonly clusters?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** One entry of `addons` in fleet.yaml. */
export interface FleetAddon {
  readonly catalogue?: string;
  readonly chart?: AddonChart;
  readonly namespace?: string;
  readonly values?: HelmValues;
  readonly overrides?: AddonOverrides;
  readonly targets?: AddonTargets;
  readonly provides?: readonly string[];
  readonly needs?: readonly string[];
  readonly serverSideApply?: boolean;
}

/** One entry of `addons` in cluster.yaml. */
export interface ClusterAddon {
  readonly enabled?: boolean;
  readonly values?: HelmValues;
  /** This cluster's chart version, over fleet.yaml's and the catalogue's. */
  readonly version?: string;
}

/** What selecting and merging need to know about a cluster. */
export interface AddonCluster {
  readonly name: string;
  readonly environment: string;
  readonly region: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly addons?: Readonly<Record<string, ClusterAddon>>;
}

/** A plain Kubernetes object that an add-on delivers beside its chart (cert-manager's ClusterIssuer). */
export interface AddonObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** An Argo CD `ignoreDifferences` entry, for fields a chart's own controller rewrites after sync. */
export interface IgnoreDifference {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly jqPathExpressions: readonly string[];
}

/**
 * One add-on on one cluster, with everything an Argo CD Application needs: a catalogue entry's fields,
 * with `values` merged catalogue defaults < fleet values < environment < region < cluster override <
 * cluster.yaml.
 */
export interface ResolvedAddon extends Omit<CatalogueEntry, 'description'> {
  readonly name: string;
}
