import type { Diagnostic } from '@fleetform/diagnostics';
import { createHash } from 'node:crypto';
import { deliveryValues, type BuiltApp, type DeliveryValues, type GeneratedFile } from '@fleetform/layout';
import type { KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';

/**
 * What a render keeps of one app so that a later render whose inputs for the app have not changed
 * (same key) can take its files as they are. It holds what the cluster-level files (Applications,
 * ApplicationSets, AppProjects, add-on waves) and the checks across apps read of the app: its
 * identity, each instance's delivery values, and each object's identity, not the objects themselves.
 * Plain JSON, so it can be stored between runs.
 */
export interface AppRecord extends AppDelivery {
  readonly key: string;
  /** The app's own files: `[path, file key]` pairs. */
  readonly files: readonly (readonly [string, string])[];
  readonly instances: readonly InstanceRecord[];
  /** Warnings the app's build gave; a record is only kept for an app that built without errors. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface InstanceRecord {
  readonly cluster: string;
  readonly environment: string;
  readonly region: string;
  readonly values: DeliveryValues;
  readonly objects: readonly ObjectIdentity[];
}

/**
 * All that the cluster-level files read of one app, and its key: two renders whose apps on a
 * cluster have the same delivery keys (and the same shared inputs) write the same files for that
 * cluster (see clusterKeys). An image bump of an app without a chart leaves it unchanged.
 */
export interface AppDelivery {
  readonly app: AppIdentity;
  /** `[cluster, overlay]` pairs. */
  readonly overlays: readonly (readonly [string, string])[];
  readonly instances: readonly InstanceRecord[];
  readonly deliveryKey: string;
}

export type ObjectIdentity = Pick<KubeObject, 'apiVersion' | 'kind'> & { readonly metadata: { readonly name: string; readonly namespace?: string } };

/** A cluster's own files (under clusters/NAME/) as a render laid them out, and the key they had then (see clusterKeys). */
export interface ClusterRecord {
  readonly key: string;
  readonly files: ReadonlyMap<string, GeneratedFile>;
}

/** An app built already, offered for reuse: its record and its files (on disk, or made by a worker). */
export interface ReusableApp {
  readonly record: AppRecord;
  readonly files: ReadonlyMap<string, GeneratedFile>;
  /** Built by this render (by a worker), not taken from an earlier one. */
  readonly builtNow?: boolean;
}

/** What the cluster-level files read of an app this render built and laid out (its `overlays`). */
export function deliveryOf(built: BuiltApp, overlays: ReadonlyMap<string, string>): AppDelivery {
  // Clusters that share one build share its identities too (and the state stores them once).
  const identities = new Map<readonly KubeObject[], ObjectIdentity[]>();
  const identitiesOf = (objects: readonly KubeObject[]) => identities.get(objects) ?? identities.set(objects, objects.map(identityOf)).get(objects)!;
  const delivery = {
    app: built.app,
    overlays: [...overlays],
    instances: built.instances.map((i) => ({
      cluster: i.cluster,
      environment: i.environment,
      region: i.region,
      values: deliveryValues(i.values),
      objects: identitiesOf(i.objects),
    })),
  };
  return { ...delivery, deliveryKey: createHash('sha1').update(JSON.stringify(delivery)).digest('base64url') };
}

/** The record of an app this render built; `files` are its own files (under apps/NAME/). */
export function recordOf(key: string, delivery: AppDelivery, files: readonly (readonly [string, GeneratedFile])[], diagnostics: readonly Diagnostic[]): AppRecord {
  return { key, ...delivery, files: files.map(([path, file]) => [path, file.key] as const), diagnostics };
}

function identityOf(object: KubeObject): ObjectIdentity {
  const { name, namespace } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: namespace === undefined ? { name } : { name, namespace } };
}

/** The app as layout takes it: its files reused, its instances reduced to what the record holds. */
export function builtFromRecord({ record, files }: ReusableApp): BuiltApp {
  return {
    app: record.app,
    base: [],
    instances: record.instances.map((i) => ({ ...i, objects: i.objects as KubeObject[], images: [] })),
    reused: { overlays: new Map(record.overlays), files },
  };
}
