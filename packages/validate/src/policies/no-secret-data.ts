import type { Finding, Policy } from './policy.js';

/** A Secret with data in git is a secret in git, readable by everyone who can clone the repository. */
export const noSecretData: Policy = {
  id: 'no-secret-data',
  code: 'FF404',
  description: 'no kind: Secret with data in git',
  check({ objects }) {
    const findings: Finding[] = [];
    for (const target of objects) {
      const { object } = target;
      if (object.kind !== 'Secret' || !object.apiVersion.match(/^v1$/)) continue;
      for (const field of ['data', 'stringData'] as const) {
        const data = object[field];
        if (data && typeof data === 'object' && Object.keys(data).length > 0) {
          findings.push({
            target,
            path: [field],
            message: `Secret ${object.metadata.name} carries ${field} in git`,
            hint: 'keep the value in a secret store and deliver it with an ExternalSecret (external-secrets.io) or a SealedSecret',
          });
        }
      }
    }
    return findings;
  },
};
