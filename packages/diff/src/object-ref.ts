import { groupKind, type KubeObject } from '@fleetform/objects';

/** What identifies an object inside one cluster. The version is left out: it may change without the object changing. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  /** Empty for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

export function refOf(object: KubeObject): ObjectRef {
  return { group: groupKind(object).group, kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}

export const refKey = (ref: ObjectRef): string => `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;

/** The kind with its group as kubectl spells it: `Deployment.apps`, `Service` for the core group. */
const kindWithGroup = (ref: ObjectRef): string => (ref.group ? `${ref.kind}.${ref.group}` : ref.kind);

/** How people read an object's identity: `Deployment.apps dbupgrade-system/dbupgrade-controller`. */
export function objectLabel(ref: ObjectRef): string {
  return `${kindWithGroup(ref)} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** A file-like name for the unified diff headers: `Deployment.apps/dbupgrade-system/dbupgrade-controller.yaml`. */
export function objectPath(ref: ObjectRef): string {
  return `${kindWithGroup(ref)}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}.yaml`;
}

/** Code-unit order, never the locale's, so every machine prints the same order. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Objects in the order they are printed: kind, namespace, name, then group to break a tie. */
export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return compareText(a.kind, b.kind) || compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.group, b.group);
}
