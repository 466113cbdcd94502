import type { RawResource } from '@fleetform/values';
import type { BuildContext } from './context.js';
import { objectFileName, objectId, type KubeObject } from './kube.js';
import { sortedMap } from './labels.js';
import { SYNC_WAVE_ANNOTATION, type SyncWaveTable } from './sync-waves.js';

/** One small transformation over an app's objects. Steps never change their input. */
export type Step = (objects: readonly KubeObject[], ctx: BuildContext) => KubeObject[];

/** The app's extra labels and annotations on every object; what an object sets itself wins. */
export const addAppMetadata: Step = (objects, ctx) =>
  objects.map((object) => ({
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...ctx.values.labels, ...object.metadata.labels },
      annotations: { ...ctx.values.annotations, ...object.metadata.annotations },
    },
  }));

/** The sync-wave annotation from the table, unless the object carries its own (a raw resource may). */
export function addSyncWaves(table: SyncWaveTable): Step {
  return (objects) =>
    objects.map((object) => {
      if (object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined) return object;
      const wave = String(table.waveOf(object.kind, object.metadata.name));
      return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [SYNC_WAVE_ANNOTATION]: wave } } };
    });
}

/**
 * Two objects with the same kind, namespace and name would overwrite each other in the cluster. And
 * an app's objects are written one file each, named by kind and name alone (`configmap-extra.yaml`),
 * so two of one kind and name clash in the app's folder even in different namespaces or API groups.
 */
export const rejectDuplicates: Step = (objects, ctx) => {
  const seen = new Map<string, KubeObject>();
  for (const object of objects) {
    const file = objectFileName(object);
    const first = seen.get(file);
    if (first === undefined) {
      seen.set(file, object);
    } else if (objectId(first) === objectId(object)) {
      report(ctx, [object, first], `two objects are both ${object.kind} \`${object.metadata.name}\``, 'rename one of them: a raw resource may repeat an object fleetform already builds from the values');
    } else {
      report(
        ctx,
        [object, first],
        `two objects would both be written as ${file}: ${described(first)} and ${described(object)}`,
        'fleetform writes one file per kind and name in the folder of each app; rename one of them, or move it to an app of its own',
      );
    }
  }
  return [...objects];
};

/** Reports a clash at the raw resource it involves, the later one first, or else in app.yaml. */
function report(ctx: BuildContext, clashing: readonly KubeObject[], message: string, hint: string): void {
  const resource = clashing.map((object) => rawResourceOf(ctx, object)).find((r) => r !== undefined);
  if (resource) ctx.reportInResource('FF213', message, resource, { hint });
  else ctx.report('FF213', message, [], { hint });
}

/**
 * The raw resource an object was built from, if any: the objects have been copied by then, so it is
 * found by apiVersion, kind and name, and by namespace unless the resource left it to the app.
 */
function rawResourceOf(ctx: BuildContext, object: KubeObject): RawResource | undefined {
  const candidates = ctx.input.resources.filter(({ object: raw }) => raw.apiVersion === object.apiVersion && raw.kind === object.kind && raw.metadata.name === object.metadata.name);
  return candidates.find(({ object: raw }) => raw.metadata.namespace === object.metadata.namespace) ?? candidates.find(({ object: raw }) => raw.metadata.namespace === undefined);
}

const described = (object: KubeObject): string =>
  `${object.apiVersion} ${object.kind} \`${object.metadata.name}\`${object.metadata.namespace === undefined ? '' : ` in namespace ${object.metadata.namespace}`}`;

/**
 * The same field order in every object: apiVersion, kind, metadata (name, namespace, labels and
 * annotations with sorted keys, then the rest), then the body as built.
 */
export const canonicalOrder: Step = (objects) => objects.map(canonicalize);

export function canonicalize(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...body } = object;
  const { name, namespace, labels, annotations, ...restOfMetadata } = metadata;
  const ordered: KubeObject['metadata'] = { name };
  if (namespace !== undefined) ordered.namespace = namespace;
  const sortedLabels = sortedMap(labels);
  const sortedAnnotations = sortedMap(annotations);
  if (sortedLabels) ordered.labels = sortedLabels;
  if (sortedAnnotations) ordered.annotations = sortedAnnotations;
  return { apiVersion, kind, metadata: { ...ordered, ...restOfMetadata }, ...body };
}

/** Objects in the order they sync: by wave, then kind, then namespace and name. */
export const sortBySyncOrder: Step = (objects) => {
  const key = (o: KubeObject) => [Number(o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0), o.kind, o.metadata.namespace ?? '', o.metadata.name] as const;
  return [...objects].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1;
      if (ka[i]! > kb[i]!) return 1;
    }
    return 0;
  });
};
