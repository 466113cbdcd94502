import type { Image } from '@fleetform/values';
import type { Finding, Policy, PolicyContext } from './policy.js';
import { containersOf, podSpecOf } from './policy.js';

const PINNED = /@sha256:[a-f0-9]{64}$/;

/** Whether an image reference names its content (`repository@sha256:…`, with or without a tag). */
export const isPinnedByDigest = (image: string): boolean => PINNED.test(image);

/** The images in the values, by the path that sets them: `image` and `extraImages.KEY`. */
function valueImages(context: PolicyContext): { path: string[]; image: Image }[] {
  const values = context.values;
  if (!values) return [];
  return [
    ...(values.image ? [{ path: ['image'], image: values.image }] : []),
    ...Object.entries(values.extraImages ?? {}).map(([key, image]) => ({ path: ['extraImages', key], image })),
  ];
}

/** A container image built from a value without a digest (reported at the value): its repository and tag, after any registry. */
function comesFrom(reference: string, image: Image): boolean {
  const written = image.tag ? `${image.repository}:${image.tag}` : `${image.repository}`;
  return reference === written || reference.endsWith(`/${written}`);
}

/**
 * In an environment marked `requireDigests` in fleet.yaml, every image an app runs is pinned by
 * digest: the images in its values (main and extraImages, which env values pass on to the pods an
 * operator starts) where the layer that sets them says so, and every container of its raw resources.
 */
export const requireDigests: Policy = {
  id: 'require-digests',
  code: 'FF417',
  description: 'every image is pinned by digest in an environment marked requireDigests',
  check(context) {
    const { objects, environment, app, locate } = context;
    if (!environment?.requireDigests) return [];
    const findings: Finding[] = [];
    const images = valueImages(context);
    // A value's finding points at the value (`position`); an object of the app stands in as its target.
    const anchor = objects[0];
    for (const { path, image } of images) {
      if (image.digest || !anchor) continue;
      const at = image.tag !== undefined ? [...path, 'tag'] : [...path, 'repository'];
      const name = path.join('.');
      findings.push({
        target: anchor,
        position: locate?.(at),
        path: at,
        message: `image \`${name}\` (${image.repository}${image.tag ? `:${image.tag}` : ''}) is not pinned by digest, and environment ${environment.name} requires digests`,
        hint:
          name === 'image'
            ? `pin it: \`fleetform bump ${app ?? 'APP'} @sha256:<digest> --env ${environment.name}\` (the digest the tag points to: \`crane digest REPOSITORY:TAG\`)`
            : `set \`${name}.digest: sha256:<digest>\` for ${environment.name} (the digest the tag points to: \`crane digest REPOSITORY:TAG\`)`,
      });
    }
    for (const target of objects) {
      const pod = podSpecOf(target.object);
      if (!pod) continue;
      for (const { path, container } of containersOf(pod)) {
        const reference = container.image;
        if (typeof reference !== 'string' || isPinnedByDigest(reference)) continue;
        if (images.some(({ image }) => !image.digest && comesFrom(reference, image))) continue;
        findings.push({
          target,
          path: [...path, 'image'],
          message: `image ${reference} is not pinned by digest, and environment ${environment.name} requires digests`,
          hint: 'write the image as `REPOSITORY@sha256:<digest>` (or `REPOSITORY:TAG@sha256:<digest>`)',
        });
      }
    }
    return findings;
  },
};
