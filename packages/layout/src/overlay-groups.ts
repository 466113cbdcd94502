import type { BuiltInstance } from './model.js';

export interface OverlayGroup {
  /** Folder name under overlays/: `<region>-<environment>` or, when clusters there differ, a cluster's name. */
  readonly name: string;
  /** The clusters that receive exactly these manifests, in name order. */
  readonly instances: readonly BuiltInstance[];
}

export class OverlayNameClashError extends Error {
  override readonly name = 'OverlayNameClashError';

  constructor(
    message: string,
    /** The cluster whose name the overlay took, and whose renaming ends the clash. */
    readonly cluster: string,
  ) {
    super(message);
  }
}

/**
 * Clusters that receive identical manifests share one overlay. By default that is one overlay per
 * region and environment (`us-east-1-prod`); when clusters of one region and environment differ
 * (a per-cluster override), each distinct set gets its own overlay, named after its first cluster.
 */
export function groupIntoOverlays(instances: readonly BuiltInstance[]): OverlayGroup[] {
  const byRegionEnv = new Map<string, BuiltInstance[]>();
  for (const instance of instances) {
    const key = `${instance.region}-${instance.environment}`;
    byRegionEnv.set(key, [...(byRegionEnv.get(key) ?? []), instance]);
  }
  const groups: OverlayGroup[] = [];
  const contentOf = contentIds();
  for (const [regionEnv, members] of byRegionEnv) {
    const byContent = new Map<string, BuiltInstance[]>();
    for (const instance of members) {
      const content = `${contentOf(instance.objects)}\u0000${JSON.stringify(instance.images)}`;
      byContent.set(content, [...(byContent.get(content) ?? []), instance]);
    }
    const distinct = [...byContent.values()];
    for (const group of distinct) {
      groups.push({ name: distinct.length === 1 ? regionEnv : group[0]!.cluster, instances: group });
    }
  }
  const names = new Set<string>();
  for (const group of groups) {
    if (names.has(group.name)) {
      throw new OverlayNameClashError(`two overlays would both be named ${group.name}; rename the cluster ${group.instances[0]!.cluster}`, group.instances[0]!.cluster);
    }
    names.add(group.name);
  }
  return groups.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * A number per distinct content of an array of objects, so that grouping compares small keys instead
 * of the whole text of every instance. Clusters that resolve an app alike share one array of objects
 * (see renderFleet), so its text is taken once.
 */
function contentIds(): (objects: BuiltInstance['objects']) => number {
  const byText = new Map<string, number>();
  const byArray = new Map<BuiltInstance['objects'], number>();
  return (objects) => {
    let id = byArray.get(objects);
    if (id === undefined) {
      const text = JSON.stringify(objects);
      id = byText.get(text) ?? byText.set(text, byText.size).get(text)!;
      byArray.set(objects, id);
    }
    return id;
  };
}
