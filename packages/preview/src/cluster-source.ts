import { error, type Diagnostic } from '@fleetform/diagnostics';
import { buildClusterSecret, CLUSTER_SECRET_LABELS, SECRET_TYPE_LABEL } from '@fleetform/layout';
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

export { SECRET_TYPE_LABEL };
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The labels a fleet cluster's secret carries: env, region and name, beside the cluster's own labels. */
export const FLEET_CLUSTER_LABELS = CLUSTER_SECRET_LABELS;

const once = (read: () => Promise<ClusterList>): ClusterSource => {
  let list: Promise<ClusterList> | undefined;
  return () => (list ??= read());
};

/**
 * The fleet's clusters, as the cluster Secrets a hub's Argo CD holds for them: exactly the Secrets
 * `render` writes into the hub's folder in `hub` delivery (name; API server from cluster.yaml, or
 * in-cluster for the hub itself or a cluster that names none; the labels env, region and name over
 * the cluster's own labels), read as `--clusters` reads Secrets.
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
    const fleet = loaded.inputs.fleet.value;
    const problems: Diagnostic[] = [...loaded.diagnostics];
    const clusters: ClusterSecret[] = [];
    for (const { name, value } of loaded.inputs.clusters.values()) {
      const secret = buildClusterSecret(fleet, { name, ...value }, fleet.argocd?.hub?.cluster);
      const cluster = readSecret(secret as SecretLike, () => undefined, problems);
      if (cluster) clusters.push(cluster);
    }
    return { clusters, diagnostics: problems };
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
      const cluster = readSecret(document.value as SecretLike, (path) => document.positionOf(path), problems);
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

/** Where in its file a path of the Secret is, when it has a file. */
type PositionOf = (path: (string | number)[]) => ReturnType<SourceDocument['positionOf']> | undefined;

function readSecret(secret: SecretLike, positionOf: PositionOf, problems: Diagnostic[]): ClusterSecret | undefined {
  const labels = strings(secret.metadata?.labels);
  if (secret.kind !== 'Secret' || labels[SECRET_TYPE_LABEL] !== 'cluster') {
    problems.push({
      ...error('FF808', 'not an Argo CD cluster secret; skipped', {
        position: positionOf([]),
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
      problems.push(error('FF808', `data.${key} is not base64`, { position: positionOf(['data', key]), path: `/data/${key}` }));
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
