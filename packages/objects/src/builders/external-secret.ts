import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';

export const externalSecretName = (app: string, key: string): string => `${app}-${key}`;

/**
 * An External Secrets Operator ExternalSecret per `externalSecrets` key. It names only where each
 * value lives in the store; the operator writes the Secret of the same name in the cluster, so no
 * secret value is ever in git.
 */
export function buildExternalSecrets(ctx: BuildContext): KubeObject[] {
  return Object.entries(ctx.values.externalSecrets ?? {}).map(([key, secret]) => {
    const name = externalSecretName(ctx.app.name, key);
    const path = ['externalSecrets', key];
    const entries = Object.entries(secret.data ?? {});
    ctx.need(entries.length > 0 ? entries : undefined, [...path, 'data'], []);
    return {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: ctx.metadata(name),
      spec: {
        refreshInterval: secret.refreshInterval ?? '1h',
        secretStoreRef: { name: ctx.need(secret.store, [...path, 'store'], 'missing'), kind: secret.storeKind ?? 'ClusterSecretStore' },
        target: { name, creationPolicy: 'Owner' },
        data: entries.map(([secretKey, ref]) => ({
          secretKey,
          remoteRef: {
            key: ctx.need(ref.remoteKey, [...path, 'data', secretKey, 'remoteKey'], ''),
            ...(ref.property ? { property: ref.property } : {}),
          },
        })),
      },
    };
  });
}
