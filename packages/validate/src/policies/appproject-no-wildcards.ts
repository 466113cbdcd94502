import type { Finding, Policy } from './policy.js';

/** A wildcard in an AppProject lets every team deploy anything from anywhere to anywhere. */
export const appProjectNoWildcards: Policy = {
  id: 'appproject-no-wildcards',
  code: 'FF407',
  description: 'AppProject source repositories and destinations are not wildcards',
  check({ objects }) {
    const findings: Finding[] = [];
    for (const target of objects) {
      const { object } = target;
      if (object.kind !== 'AppProject') continue;
      const spec = (object.spec ?? {}) as { sourceRepos?: string[]; destinations?: { server?: string; name?: string; namespace?: string }[] };
      (spec.sourceRepos ?? []).forEach((repo, i) => {
        if (repo.includes('*')) findings.push({ target, path: ['spec', 'sourceRepos', i], message: `AppProject ${object.metadata.name} allows source ${repo}`, hint: 'list the repositories the team deploys from' });
      });
      (spec.destinations ?? []).forEach((d, i) => {
        for (const field of ['server', 'name', 'namespace'] as const) {
          if (d[field]?.includes('*')) findings.push({ target, path: ['spec', 'destinations', i, field], message: `AppProject ${object.metadata.name} allows destination ${field} ${d[field]}`, hint: 'list the team\'s namespaces and clusters' });
        }
      });
    }
    return findings;
  },
};
