import type { KubeObject } from '@fleetform/objects';
import { compareRefs, compareText, refKey, refOf, type ObjectRef } from './object-ref.js';

/** One container whose image reference differs between the two sides; a side is missing when the workload or container is. */
export interface ImageChange {
  readonly workload: ObjectRef;
  readonly container: string;
  readonly before?: string;
  readonly after?: string;
}

type PodSpec = { containers?: { name?: string; image?: string }[]; initContainers?: { name?: string; image?: string }[] };

/** Where each workload kind keeps its pod spec, by `group/Kind`. */
const POD_SPECS = {
  'apps/Deployment': (spec) => spec?.template?.spec,
  'apps/StatefulSet': (spec) => spec?.template?.spec,
  'apps/DaemonSet': (spec) => spec?.template?.spec,
  'argoproj.io/Rollout': (spec) => spec?.template?.spec,
  'batch/Job': (spec) => spec?.template?.spec,
  'batch/CronJob': (spec) => spec?.jobTemplate?.spec?.template?.spec,
} satisfies Record<string, (spec: WorkloadSpec | undefined) => PodSpec | undefined>;

type WorkloadSpec = { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } };

interface ContainerImage {
  readonly workload: ObjectRef;
  readonly container: string;
  readonly image: string | undefined;
}

/** Every container and init container of every workload, keyed by workload and container name (unique within a pod). */
function containerImages(objects: readonly KubeObject[]): Map<string, ContainerImage> {
  const images = new Map<string, ContainerImage>();
  for (const object of objects) {
    const workload = refOf(object);
    const podSpecOf = POD_SPECS[`${workload.group}/${workload.kind}` as keyof typeof POD_SPECS];
    const pod = podSpecOf?.(object.spec as WorkloadSpec | undefined);
    for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
      const name = container.name ?? '';
      images.set(`${refKey(workload)}\n${name}`, { workload, container: name, image: container.image });
    }
  }
  return images;
}

/** The image references that differ between two versions of one cluster's objects, in workload then container order. */
export function diffImages(before: readonly KubeObject[], after: readonly KubeObject[]): ImageChange[] {
  const [old, now] = [containerImages(before), containerImages(after)];
  const changes: ImageChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const [from, to] = [old.get(key), now.get(key)];
    if (from?.image === to?.image && from && to) continue;
    const { workload, container } = (to ?? from)!;
    changes.push({ workload, container, ...(from?.image !== undefined && { before: from.image }), ...(to?.image !== undefined && { after: to.image }) });
  }
  return changes.sort((a, b) => compareRefs(a.workload, b.workload) || compareText(a.container, b.container));
}

/** An image reference split into the name and what pins it: `registry/repo` and `v1.2.0` or `sha256:…`. */
function splitImage(reference: string): { name: string; version: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { name: reference.slice(0, at), version: shortDigest(reference.slice(at + 1)) };
  const colon = reference.lastIndexOf(':');
  // A colon before the last slash belongs to a registry's port, not to a tag.
  if (colon > reference.lastIndexOf('/')) return { name: reference.slice(0, colon), version: reference.slice(colon + 1) };
  return { name: reference, version: '(no tag)' };
}

/** Enough of a digest to tell two apart in a table; the unified diff shows it whole. */
const shortDigest = (digest: string): string => (digest.startsWith('sha256:') && digest.length > 19 ? `${digest.slice(0, 19)}…` : digest);

/** An image change as a reader wants it: the image once, and what pins it before and after. */
export function describeImageChange(change: ImageChange): { image: string; before: string; after: string } {
  const [from, to] = [change.before, change.after].map((r) => (r === undefined ? undefined : splitImage(r)));
  const image = from && to && from.name !== to.name ? `${from.name} → ${to.name}` : (to ?? from)?.name ?? '';
  return { image, before: from?.version ?? '(none)', after: to?.version ?? '(none)' };
}
