import { buildAppObjects, scopesFrom, SyncWaveTable, type KubeObject } from '@fleetform/objects';
import type { AppIdentity } from '@fleetform/resolve';
import type { RawResource, Values } from '@fleetform/values';
import { parseYamlStream, toYaml } from '@fleetform/yaml';

export const app: AppIdentity = { name: 'web', team: 'frontend', partOf: 'shop', namespace: { name: 'shop' }, file: 'apps/web/app.yaml' };

const resources = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
const probes = { liveness: { http: { path: '/healthz', port: 'http' } }, readiness: { http: { path: '/ready', port: 'http' } } };

/** A workload that passes every check, to be refined by each test. */
export const validWorkload = { resources, probes, ports: { http: { port: 8080 } } };

/** Values in, objects and diagnostics out, built for a cluster in eu-west-1. */
export function build(values: Values, options: { raw?: string; fleetWaves?: Record<string, number> } = {}) {
  const raw: RawResource[] = options.raw
    ? parseYamlStream(options.raw, 'apps/web/resources/raw.yaml').documents.map((source) => ({ file: source.file, source, at: [], object: source.value as KubeObject }))
    : [];
  return buildAppObjects({
    app,
    values,
    imageMode: { kind: 'cluster', registry: 'registry.eu.example.com' },
    resources: raw,
    scopes: scopesFrom(raw.map((r) => r.object).filter((o) => o.kind === 'CustomResourceDefinition')),
    target: 'eu-west-1-prod',
    syncWaves: SyncWaveTable.from(options.fleetWaves, values.syncWaves),
  });
}

export function find(objects: readonly KubeObject[], kind: string, name?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export const yaml = (value: unknown): string => toYaml(value);
