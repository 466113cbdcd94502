import { error, type Diagnostic } from '@fleetform/diagnostics';
import { loadFleet, readInputs } from '@fleetform/values';
import { parseYamlStream, type SourceDocument } from '@fleetform/yaml';

/** A cluster as Argo CD's cluster generator sees it: the fields and metadata of its cluster secret. */
export interface ClusterSecret {
  readonly name: string;
  readonly server: string;
  readonly project?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ClusterList {
  /** Absent when the clusters could not be read; the diagnostics say why. */
  readonly clusters?: readonly ClusterSecret[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Where the clusters generator gets its clusters; read once, when a clusters generator first asks. */
export type ClusterSource = () => Promise<ClusterList>;

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The labels a fleet cluster's secret carries: env, region and name, beside the cluster's own labels. */
export const FLEET_CLUSTER_LABELS = { environment: 'env', region: 'region', name: 'name' } as const;

const once = (read: () => Promise<ClusterList>): ClusterSource => {
  let list: Promise<ClusterList> | undefined;
  return () => (list ??= read());
};

/**
 * The fleet's clusters, as the cluster secrets a hub's Argo CD would hold for them: the name, the
 * API server from cluster.yaml (the in-cluster address when it names none), and the labels env,
 * region and name over the cluster's own labels.
 */
export function clustersFromFleet(root: string): ClusterSource {
  return once(async () => {
    const loaded = loadFleet(await readInputs(root));
    if (!loaded.inputs) {
      if (loaded.diagnostics.some((d) => d.code === 'FF100')) {
        return {
          diagnostics: [
            error('FF808', `no clusters for the clusters generator: ${root} holds no fleet (clusters/fleet.yaml)`, {
              hint: 'pass --root with the fleet repository, or --clusters FILE with Argo CD cluster secrets',
            }),
          ],
        };
      }
      return { diagnostics: loaded.diagnostics };
    }
    const clusters = [...loaded.inputs.clusters.values()].map(({ name, value }): ClusterSecret => ({
      name,
      server: value.server ?? IN_CLUSTER,
      labels: {
        ...value.labels,
        [SECRET_TYPE_LABEL]: 'cluster',
        [FLEET_CLUSTER_LABELS.environment]: value.environment,
        [FLEET_CLUSTER_LABELS.region]: value.region,
        [FLEET_CLUSTER_LABELS.name]: name,
      },
      annotations: {},
    }));
    return { clusters, diagnostics: loaded.diagnostics };
  });
}

/**
 * Argo CD cluster secrets from a manifest stream: Secrets labelled
 * `argocd.argoproj.io/secret-type: cluster`, with name, server and project from stringData or
 * (base64) data. Other documents are skipped with a warning.
 */
export function clustersFromSecrets(text: string, file: string): ClusterSource {
  return once(async () => {
    const { documents, diagnostics } = parseYamlStream(text, file);
    const problems: Diagnostic[] = [...diagnostics];
    const clusters: ClusterSecret[] = [];
    for (const document of documents) {
      const cluster = readSecret(document, problems);
      if (cluster) clusters.push(cluster);
    }
    return { clusters, diagnostics: problems };
  });
}

type SecretLike = {
  kind?: unknown;
  metadata?: { name?: unknown; labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
};

function readSecret(document: SourceDocument, problems: Diagnostic[]): ClusterSecret | undefined {
  const secret = document.value as SecretLike;
  const labels = strings(secret.metadata?.labels);
  if (secret.kind !== 'Secret' || labels[SECRET_TYPE_LABEL] !== 'cluster') {
    problems.push({
      ...error('FF808', 'not an Argo CD cluster secret; skipped', {
        position: document.positionOf([]),
        expected: `kind Secret labelled ${SECRET_TYPE_LABEL}: cluster`,
        found: `kind ${String(secret.kind)}`,
      }),
      severity: 'warning',
    });
    return undefined;
  }
  const field = (key: string): string | undefined => {
    const plain = secret.stringData?.[key];
    if (typeof plain === 'string') return plain;
    const encoded = secret.data?.[key];
    if (typeof encoded !== 'string') return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
      problems.push(error('FF808', `data.${key} is not base64`, { position: document.positionOf(['data', key]), path: `/data/${key}` }));
      return undefined;
    }
    return Buffer.from(encoded, 'base64').toString('utf8');
  };
  const project = field('project');
  return {
    name: field('name') ?? '',
    server: field('server') ?? '',
    ...(project !== undefined ? { project } : {}),
    labels,
    annotations: strings(secret.metadata?.annotations),
  };
}

function strings(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}
