import type { Finding, Policy } from './policy.js';
import { containersOf, podSpecOf } from './policy.js';

/** Without requests the scheduler overcommits nodes; without limits one pod can starve the others. */
export const resourcesRequired: Policy = {
  id: 'resources-required',
  code: 'FF406',
  description: 'every container has cpu and memory requests and limits',
  check({ objects }) {
    const findings: Finding[] = [];
    for (const target of objects) {
      const pod = podSpecOf(target.object);
      if (!pod) continue;
      for (const { path, container } of containersOf(pod)) {
        const missing = (['requests', 'limits'] as const).flatMap((bound) =>
          (['cpu', 'memory'] as const).filter((r) => container.resources?.[bound]?.[r] === undefined).map((r) => `${bound}.${r}`),
        );
        if (missing.length > 0) {
          findings.push({ target, path: [...path, 'resources'], message: `container ${container.name} has no ${missing.join(', ')}`, hint: 'set resources.requests and resources.limits for cpu and memory' });
        }
      }
    }
    return findings;
  },
};
