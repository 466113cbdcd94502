import { describe, expect, it } from 'vitest';
import { ManifestValidator } from '../src/validator.js';
import type { SchemaSource } from '../src/schemas/schema-source.js';

/** A schema source for one kind that counts its checks: a Deployment must have spec.replicas. */
function countingSource(): SchemaSource & { checks: number } {
  const source = {
    name: 'counting',
    checks: 0,
    validatorFor: async (_: string, kind: string) =>
      kind === 'Deployment'
        ? (object: unknown) => {
            source.checks++;
            return (object as { spec?: { replicas?: number } }).spec?.replicas === undefined ? [{ path: ['spec'], message: 'missing required property `replicas`' }] : [];
          }
        : undefined,
  };
  return source;
}

const deployment = (replicas?: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: replicas === undefined ? {} : { replicas } });

describe('ManifestValidator', () => {
  it('checks an object handed to it for several clusters once, and reports it at each place', async () => {
    const source = countingSource();
    const validator = new ManifestValidator([source]);
    const shared = deployment();
    const first = await validator.validate({ file: 'apps/web/overlays/eu/deployment-web.yaml', at: [], object: shared, cluster: 'eu-1' });
    const second = await validator.validate({ file: 'apps/web/overlays/us/deployment-web.yaml', at: [], object: shared, cluster: 'us-1' });
    expect(source.checks).toBe(1);
    expect([first.status, second.status]).toEqual(['invalid', 'invalid']);
    expect([first.cluster, second.cluster]).toEqual(['eu-1', 'us-1']);
    expect(second.diagnostics[0]!.message).toBe(first.diagnostics[0]!.message);
  });

  it('checks equal but distinct objects each on their own', async () => {
    const source = countingSource();
    const validator = new ManifestValidator([source]);
    await validator.validate({ file: 'a.yaml', at: [], object: deployment(1) });
    await validator.validate({ file: 'b.yaml', at: [], object: deployment(1) });
    expect(source.checks).toBe(2);
  });
});
