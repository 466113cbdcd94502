import type { ImageOverride } from '@fleetform/kustomize';
import { baseImageName } from '@fleetform/objects';
import type { Image, Values } from '@fleetform/values';

/** The image keys the app's containers use: `main` and keys of extraImages. */
function containerImageKeys(values: Values): string[] {
  const keys = Object.values(values.workloads ?? {}).map((w) => w.image ?? values.workloadDefaults?.image ?? 'main');
  return [...new Set(keys)].sort();
}

const imageOf = (values: Values, key: string): Image | undefined => (key === 'main' ? values.image : values.extraImages?.[key]);

/**
 * The kustomize `images` entries that turn the base's container images into one cluster's: the
 * region's registry (or the image's own) and the cluster's tag or digest.
 */
export function imageOverrides(base: Values, instance: Values, registry: string): ImageOverride[] {
  return containerImageKeys(instance).flatMap((key) => {
    const [from, to] = [imageOf(base, key), imageOf(instance, key)];
    if (!from?.repository || !to?.repository) return [];
    const override: ImageOverride = { name: baseImageName(from), newName: `${to.registry ?? registry}/${to.repository}` };
    if (to.digest) override.digest = to.digest;
    else if (to.tag) override.newTag = to.tag;
    return [override];
  });
}
