import type { PathSegment, SourceDocument } from '@fleetform/yaml';
import type { App, Cluster, Fleet } from './generated/values.js';

/** A value file after parsing: its repository-relative path, its source positions and its data. */
export interface ValueFile<T> {
  readonly file: string;
  readonly source: SourceDocument;
  readonly value: T;
}

/** A Kubernetes object as plain data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One object from apps/NAME/resources/*.yaml, with where it was written. */
export interface RawResource {
  readonly file: string;
  readonly source: SourceDocument;
  /** Where the object sits in its document: `[]`, or `['items', 2]` inside a `kind: List`. */
  readonly at: readonly PathSegment[];
  readonly object: KubeObject;
}

export interface AppFiles extends ValueFile<App> {
  readonly name: string;
  readonly resources: readonly RawResource[];
}

export interface ClusterFile extends ValueFile<Cluster> {
  readonly name: string;
}

/** Every input of a fleet, validated: fleet.yaml, each cluster.yaml, each app.yaml and its raw resources. */
export interface FleetInputs {
  readonly fleet: ValueFile<Fleet>;
  /** By cluster name, in name order. */
  readonly clusters: ReadonlyMap<string, ClusterFile>;
  /** By app name, in name order. */
  readonly apps: ReadonlyMap<string, AppFiles>;
}
