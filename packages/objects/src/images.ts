import type { Image } from '@fleetform/values';

/**
 * How image references are written. In a base, an image is its repository and tag (`atlas:0.14.0`),
 * which kustomize's `images` transformer rewrites per overlay; on a cluster it is the full reference
 * with the region's registry.
 */
export type ImageMode = { readonly kind: 'base' } | { readonly kind: 'cluster'; readonly registry: string };

/** The name kustomize's `images` transformer matches: the repository as written in the base. */
export function baseImageName(image: Image): string {
  return image.repository ?? '';
}

export function imageReference(image: Image, mode: ImageMode): string {
  const repository = baseImageName(image);
  if (mode.kind === 'base') return image.tag ? `${repository}:${image.tag}` : repository;
  const name = `${image.registry ?? mode.registry}/${repository}`;
  if (image.digest) return `${name}@${image.digest}`;
  return image.tag ? `${name}:${image.tag}` : name;
}

/** The version label of an app: its main image's tag, or the short digest when pinned by digest only. */
export function imageVersion(image: Image | undefined): string | undefined {
  if (!image) return undefined;
  if (image.tag) return image.tag;
  return image.digest ? image.digest.slice('sha256:'.length, 'sha256:'.length + 12) : undefined;
}
