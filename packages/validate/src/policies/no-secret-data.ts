import type { Finding, Policy } from './policy.js';

/**
 * The keys of an Argo CD cluster Secret that describe the cluster rather than grant access to it
 * (Argo CD's declarative setup). `config`, with the credentials, is not among them.
 */
const CLUSTER_SECRET_DESCRIPTION = new Set(['name', 'server', 'project', 'namespaces', 'clusterResources', 'shard']);

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
        const keys = data && typeof data === 'object' ? Object.keys(data) : [];
        const clusterSecret = object.metadata.labels?.['argocd.argoproj.io/secret-type'] === 'cluster';
        if (keys.length > 0 && !(clusterSecret && keys.every((key) => CLUSTER_SECRET_DESCRIPTION.has(key)))) {
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
