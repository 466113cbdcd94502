import { describe, expect, it } from 'vitest';
import { build, find, validWorkload, yaml } from './build.js';

const image = { repository: 'web', tag: 'v1' };

describe('external secrets', () => {
  it('GIVEN a secret with keys in a store THEN an ExternalSecret fills the Secret of the same name, and holds no value', () => {
    const { objects, diagnostics } = build({
      image,
      externalSecrets: {
        db: { store: 'aws-secrets-manager', data: { DATABASE_URL: { remoteKey: 'shop/database', property: 'url' }, PASSWORD: { remoteKey: 'shop/database-password' } } },
      },
      workloads: { api: { ...validWorkload, env: { DATABASE_URL: { secret: { name: 'web-db', key: 'DATABASE_URL' } } } } },
    });
    expect(diagnostics).toEqual([]);
    expect(yaml(find(objects, 'ExternalSecret', 'web-db'))).toMatchInlineSnapshot(`
      "apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata:
        name: web-db
        namespace: shop
        labels:
          app.kubernetes.io/instance: web
          app.kubernetes.io/managed-by: fleetform
          app.kubernetes.io/name: web
          app.kubernetes.io/part-of: shop
        annotations:
          argocd.argoproj.io/sync-wave: "1"
      spec:
        refreshInterval: 1h
        secretStoreRef:
          name: aws-secrets-manager
          kind: ClusterSecretStore
        target:
          name: web-db
          creationPolicy: Owner
        data:
          - secretKey: DATABASE_URL
            remoteRef:
              key: shop/database
              property: url
          - secretKey: PASSWORD
            remoteRef:
              key: shop/database-password
      "
    `);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('GIVEN a namespaced store and a refresh interval THEN they are kept', () => {
    const { objects } = build({ image, externalSecrets: { api: { store: 'vault', storeKind: 'SecretStore', refreshInterval: '15m', data: { TOKEN: { remoteKey: 'api/token' } } } } });
    expect(find(objects, 'ExternalSecret', 'web-api').spec).toMatchObject({ refreshInterval: '15m', secretStoreRef: { name: 'vault', kind: 'SecretStore' } });
  });

  it('GIVEN a secret without a store, keys or remote key after merging THEN each missing value is reported with its path', () => {
    const { diagnostics } = build({ image, externalSecrets: { db: { data: { URL: {} } }, cache: { store: 'aws' } } });
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'FF200 /externalSecrets/db/store',
      'FF200 /externalSecrets/db/data/URL/remoteKey',
      'FF200 /externalSecrets/cache/data',
    ]);
  });
});
