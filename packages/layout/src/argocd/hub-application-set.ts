import { SYNC_WAVE_ANNOTATION, type KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { MANIFEST_GENERATE_PATHS } from './application.js';
import { ApplicationSetMismatchError } from './application-set.js';
import { CLUSTER_SECRET_LABELS, type ClusterTarget } from './cluster-secret.js';
import { argoMetadata, CLUSTER_LABEL } from './common.js';

/** One app on one cluster that the hub delivers: the Application the `applications` mode would write for it. */
export interface HubMember {
  readonly cluster: ClusterTarget;
  /** Where the hub reaches the cluster (the server of its cluster Secret). */
  readonly server: string;
  readonly application: KubeObject;
}

export interface HubSetOptions {
  readonly hub: string;
  readonly generator: 'clusters' | 'list';
  readonly applicationsSync: string;
  /** Every cluster of the fleet, each with a cluster Secret on the hub: what a selector may match. */
  readonly clusters: readonly ClusterTarget[];
}

/** The name of a hub-generated Application: unique in the hub, which holds every cluster's. */
export const hubApplicationName = (app: string, cluster: string): string => `${app}-${cluster}`;

/** What one app contributes to its parameter set: the fields its Applications differ in from other apps'. */
type AppValues = { app: string; partOf: string; project: string; path: string; namespace: string; wave: string };

/** The parts of an Application's spec a hub template parameterises; the rest it keeps as it is. */
type Spec = { project?: unknown; source?: { path?: unknown }; destination?: Record<string, unknown>; [field: string]: unknown };

/**
 * One hub ApplicationSet: for each app and each cluster it runs on, the Application `applications`
 * mode writes, except for two things one Argo CD for many clusters needs: the name is
 * `APP-CLUSTER`, and the destination is the cluster's server from its cluster Secret. A clusters
 * generator per app and overlay selects the clusters by the Secrets' labels (env, region, or name),
 * or one list generator names each cluster. Waves do not order generated Applications; a
 * RollingSync strategy rolls environments out in promotion order instead.
 */
export function buildHubApplicationSet(fleet: Fleet, name: string, members: readonly HubMember[], options: HubSetOptions, wave: number): KubeObject {
  const template = sharedTemplate(name, members);
  const generators = options.generator === 'list' ? [listGenerator(members)] : clustersGenerators(members, options.clusters);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: argoMetadata(fleet, name, options.hub, wave),
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators,
      template,
      strategy: { type: 'RollingSync', rollingSync: { steps: rolloutSteps(fleet, members) } },
      // Deleting the ApplicationSet must never delete every app it delivers.
      syncPolicy: { preserveResourcesOnDeletion: true, applicationsSync: options.applicationsSync },
    },
  };
}

function valuesOf({ application }: HubMember): AppValues {
  const { metadata, spec } = application as unknown as { metadata: KubeObject['metadata']; spec: Spec };
  return {
    app: metadata.name,
    partOf: metadata.labels?.['app.kubernetes.io/part-of'] ?? '',
    project: String(spec.project),
    path: String(spec.source?.path),
    namespace: String(spec.destination?.namespace),
    wave: metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? '0',
  };
}

/**
 * The template every member's Application comes from: its Application with the fields that differ
 * between apps and clusters replaced by parameters. Two members whose templates differ (two apps of
 * one set that sync differently, say) cannot share one ApplicationSet.
 */
function sharedTemplate(name: string, members: readonly HubMember[]): Template {
  let shared: { template: Template; text: string; member: HubMember } | undefined;
  for (const member of members) {
    const template = templateOf(member);
    const text = stableJson(template);
    if (!shared) shared = { template, text, member };
    else if (text !== shared.text) {
      throw new ApplicationSetMismatchError(
        `${shared.member.application.metadata.name} on ${shared.member.cluster.name} and ${member.application.metadata.name} on ${member.cluster.name} share the hub ApplicationSet ${name} but their Applications differ in more than name, overlay, wave and cluster; give them the same argocd settings or different ApplicationSets`,
      );
    }
  }
  return shared!.template;
}

type Template = { metadata: KubeObject['metadata']; spec: Spec };

function templateOf(member: HubMember): Template {
  const values = valuesOf(member);
  const copy = structuredClone(member.application) as unknown as Template;
  const { metadata, spec } = copy;
  // The controller puts every Application in the ApplicationSet's own namespace.
  delete metadata.namespace;
  metadata.name = '{{.values.app}}-{{.name}}';
  const labels = metadata.labels ?? {};
  if (labels['app.kubernetes.io/part-of'] !== undefined) labels['app.kubernetes.io/part-of'] = '{{.values.partOf}}';
  labels[CLUSTER_LABEL] = '{{.name}}';
  const annotations = metadata.annotations ?? {};
  if (annotations[MANIFEST_GENERATE_PATHS] === `/apps/${values.app}`) annotations[MANIFEST_GENERATE_PATHS] = '/apps/{{.values.app}}';
  annotations[SYNC_WAVE_ANNOTATION] = '{{.values.wave}}';
  spec.project = '{{.values.project}}';
  if (spec.source) spec.source.path = '{{.values.path}}';
  spec.destination = { ...spec.destination, server: '{{.server}}', namespace: '{{.values.namespace}}' };
  return { metadata, spec };
}

/** One clusters generator per app and overlay: the clusters that get the same Application but for its name and server. */
function clustersGenerators(members: readonly HubMember[], clusters: readonly ClusterTarget[]): unknown[] {
  const groups = new Map<string, { values: AppValues; clusters: ClusterTarget[] }>();
  for (const member of members) {
    const values = valuesOf(member);
    const key = stableJson(values);
    const group = groups.get(key) ?? { values, clusters: [] };
    group.clusters.push(member.cluster);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ values, clusters: chosen }) => ({ clusters: { selector: selectorFor(chosen, clusters), values: { ...values } } }));
}

/**
 * The plainest selector that matches exactly the chosen clusters among all: their environment, their
 * environment and region, or else their names.
 */
function selectorFor(chosen: readonly ClusterTarget[], all: readonly ClusterTarget[]): Record<string, unknown> {
  const names = chosen.map((c) => c.name).sort();
  const same = (match: (c: ClusterTarget) => boolean) => stableJson(all.filter(match).map((c) => c.name).sort()) === stableJson(names);
  const { environment, region } = chosen[0]!;
  if (same((c) => c.environment === environment)) return { matchLabels: { [CLUSTER_SECRET_LABELS.environment]: environment } };
  if (same((c) => c.environment === environment && c.region === region)) {
    return { matchLabels: { [CLUSTER_SECRET_LABELS.environment]: environment, [CLUSTER_SECRET_LABELS.region]: region } };
  }
  return { matchExpressions: [{ key: CLUSTER_SECRET_LABELS.name, operator: 'In', values: names }] };
}

/** A list generator whose elements look like the clusters generator's parameters, so one template serves both. */
function listGenerator(members: readonly HubMember[]): unknown {
  return { list: { elements: members.map((member) => ({ name: member.cluster.name, server: member.server, values: { ...valuesOf(member) } })) } };
}

/**
 * One step per environment, in promotion order, selecting the Applications of its clusters by the
 * cluster label they already carry (an env label would be one more difference from `applications` mode).
 */
function rolloutSteps(fleet: Fleet, members: readonly HubMember[]): unknown[] {
  return fleet.environments
    .map((environment) => [...new Set(members.filter((m) => m.cluster.environment === environment.name).map((m) => m.cluster.name))].sort())
    .filter((clusters) => clusters.length > 0)
    .map((clusters) => ({ matchExpressions: [{ key: CLUSTER_LABEL, operator: 'In', values: clusters }] }));
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
