import type { Finding, Policy } from './policy.js';
import { containersOf, podSpecOf } from './policy.js';

/** `latest`, or no tag at all, may mean a different image tomorrow. */
export function isMutableImage(image: string): boolean {
  if (image.includes('@sha256:')) return false;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 || image.slice(colon + 1) === 'latest';
}

/** In an environment marked `immutableTags` in fleet.yaml, every image names a fixed tag or a digest. */
export const immutableTags: Policy = {
  id: 'immutable-tags',
  code: 'FF403',
  description: 'no mutable image tag (latest, or none) in an environment marked immutableTags',
  check({ objects, environment }) {
    if (!environment?.immutableTags) return [];
    const findings: Finding[] = [];
    for (const target of objects) {
      const pod = podSpecOf(target.object);
      if (!pod) continue;
      for (const { path, container } of containersOf(pod)) {
        if (typeof container.image === 'string' && isMutableImage(container.image)) {
          findings.push({
            target,
            path: [...path, 'image'],
            message: `image ${container.image} is mutable, and environment ${environment.name} requires immutable tags`,
            hint: 'pin a version tag or a digest (`fleetform bump APP TAG --env ENV`)',
          });
        }
      }
    }
    return findings;
  },
};
