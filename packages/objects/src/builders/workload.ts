import type { BuildContext, ResolvedWorkload } from '../context.js';
import { progressiveType } from '../delivery.js';
import { imageVersion } from '../images.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels, sortedMap } from '../labels.js';
import { buildContainer, configChecksum } from './container.js';
import { buildRollout } from './rollout.js';

type Json = Record<string, unknown>;

export const headlessServiceName = (workload: ResolvedWorkload): string => `${workload.name}-headless`;

/** Marks a StatefulSet's headless Service, which a ServiceMonitor leaves out (see service-monitor.ts). */
export const HEADLESS_LABEL = 'fleetform.io/headless';

/** Whether more than one replica may run, which is when spreading them apart matters. */
export function mayRunSeveral(workload: ResolvedWorkload): boolean {
  return workload.autoscaling ? (workload.autoscaling.maxReplicas ?? 1) > 1 : (workload.replicas ?? 1) > 1;
}

/**
 * Each workload as a Deployment, a StatefulSet (with the headless Service that names its pods), or
 * an Argo Rollouts Rollout with the Deployment's pod template when its strategy is BlueGreen or Canary.
 */
export function buildWorkloads(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    const object = buildWorkload(ctx, workload);
    return workload.kind === 'StatefulSet' ? [object, buildHeadlessService(ctx, workload)] : [object];
  });
}

function buildWorkload(ctx: BuildContext, workload: ResolvedWorkload): KubeObject {
  const version = imageVersion(ctx.image(workload.image));
  const versioned = (labels: Record<string, string>) => (version ? { ...labels, 'app.kubernetes.io/version': version } : labels);
  const metadata = ctx.metadata(workload.name, workload.name);
  metadata.labels = versioned(metadata.labels);
  const spec: Json = {};
  if (!workload.autoscaling) spec.replicas = workload.replicas ?? 1;
  spec.selector = { matchLabels: selectorLabels(ctx.app, workload.name) };
  if (progressiveType(workload)) {
    return buildRollout(ctx, workload, metadata, { ...spec, template: { metadata: podMetadata(ctx, workload, versioned), spec: buildPodSpec(ctx, workload) } });
  }
  if (workload.kind === 'StatefulSet') {
    rejectProgressiveStatefulSet(ctx, workload);
    spec.serviceName = headlessServiceName(workload);
    if (workload.podManagementPolicy) spec.podManagementPolicy = workload.podManagementPolicy;
    spec.updateStrategy = { type: 'RollingUpdate' };
  } else if (workload.strategy) {
    spec.strategy = buildStrategy(workload);
  }
  spec.template = { metadata: podMetadata(ctx, workload, versioned), spec: buildPodSpec(ctx, workload) };
  if (workload.kind === 'StatefulSet' && workload.volumeClaimTemplates) {
    spec.volumeClaimTemplates = Object.entries(workload.volumeClaimTemplates).map(([name, claim]) => ({
      metadata: { name },
      spec: {
        accessModes: [...(claim.accessModes ?? ['ReadWriteOnce'])],
        ...(claim.storageClassName ? { storageClassName: claim.storageClassName } : {}),
        resources: { requests: { storage: String(ctx.need(claim.storage, [...workload.path, 'volumeClaimTemplates', name, 'storage'], '1Gi')) } },
      },
    }));
  }
  return { apiVersion: 'apps/v1', kind: workload.kind, metadata, spec };
}

function rejectProgressiveStatefulSet(ctx: BuildContext, workload: ResolvedWorkload): void {
  const type = workload.strategy?.type;
  if (type !== 'BlueGreen' && type !== 'Canary') return;
  ctx.report('FF217', `a StatefulSet cannot use the ${type} strategy`, [...workload.path, 'strategy', 'type'], {
    expected: 'RollingUpdate, or kind Deployment',
    found: `kind StatefulSet with ${type}`,
    hint: 'Argo Rollouts replaces Deployments only; a StatefulSet keeps its stable identities through rolling updates',
  });
}

function buildStrategy(workload: ResolvedWorkload): Json {
  const strategy = workload.strategy!;
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') return { type };
  const rollingUpdate: Json = {};
  if (strategy.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = strategy.maxUnavailable;
  if (strategy.maxSurge !== undefined) rollingUpdate.maxSurge = strategy.maxSurge;
  return Object.keys(rollingUpdate).length > 0 ? { type, rollingUpdate } : { type };
}

function podMetadata(ctx: BuildContext, workload: ResolvedWorkload, versioned: (l: Record<string, string>) => Record<string, string>): Json {
  const labels = sortedMap(versioned({ ...workload.podLabels, ...ctx.metadata(workload.name, workload.name).labels }));
  const annotations: Record<string, string> = { ...workload.podAnnotations };
  if (ctx.values.config && workload.envFromConfig !== false) annotations['fleetform.io/config-checksum'] = configChecksum(ctx.values.config);
  return Object.keys(annotations).length > 0 ? { labels, annotations } : { labels };
}

function buildPodSpec(ctx: BuildContext, workload: ResolvedWorkload): Json {
  const spec: Json = { serviceAccountName: ctx.serviceAccountName };
  if (ctx.values.serviceAccount?.automountToken === false) spec.automountServiceAccountToken = false;
  spec.securityContext = {
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
    ...(workload.fsGroup ? { fsGroup: workload.fsGroup } : {}),
  };
  if (workload.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = workload.terminationGracePeriodSeconds;
  if (workload.priorityClassName) spec.priorityClassName = workload.priorityClassName;
  if (workload.nodeSelector) spec.nodeSelector = { ...workload.nodeSelector };
  if (workload.tolerations) spec.tolerations = workload.tolerations.map((t) => ({ ...t }));
  const affinity = buildAntiAffinity(ctx, workload);
  if (affinity) spec.affinity = affinity;
  spec.containers = [buildContainer(ctx, workload)];
  const volumes = buildVolumes(ctx, workload);
  if (volumes.length > 0) spec.volumes = volumes;
  return spec;
}

function buildAntiAffinity(ctx: BuildContext, workload: ResolvedWorkload): Json | undefined {
  const explicit = workload.antiAffinity?.mode;
  // An explicit mode holds whatever the replicas: another controller may run this template's pods
  // (a raw resource, such as an Argo Rollout with a workloadRef to a Deployment of zero replicas).
  if (explicit === 'none' || (explicit === undefined && !mayRunSeveral(workload))) return undefined;
  const mode = explicit ?? 'preferred';
  const term = {
    labelSelector: { matchLabels: selectorLabels(ctx.app, workload.name) },
    topologyKey: workload.antiAffinity?.topologyKey ?? 'kubernetes.io/hostname',
  };
  return mode === 'required'
    ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
    : { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
}

function buildVolumes(ctx: BuildContext, workload: ResolvedWorkload): Json[] {
  return Object.entries(workload.volumes ?? {}).map(([name, volume]) => {
    const sources: Json[] = [];
    if (volume.secret) sources.push({ secret: { secretName: volume.secret } });
    if (volume.configMap) sources.push({ configMap: { name: volume.configMap } });
    if (volume.emptyDir) sources.push({ emptyDir: { ...volume.emptyDir, ...(volume.emptyDir.sizeLimit !== undefined ? { sizeLimit: String(volume.emptyDir.sizeLimit) } : {}) } });
    if (volume.persistentVolumeClaim) sources.push({ persistentVolumeClaim: { claimName: volume.persistentVolumeClaim } });
    if (sources.length !== 1) {
      ctx.report('FF206', `volume \`${name}\` needs exactly one source`, [...workload.path, 'volumes', name], {
        expected: 'one of secret, configMap, emptyDir, persistentVolumeClaim',
        found: sources.length === 0 ? 'none' : `${sources.length}`,
      });
    }
    return { name, ...sources[0] };
  });
}

function buildHeadlessService(ctx: BuildContext, workload: ResolvedWorkload): KubeObject {
  const metadata = ctx.metadata(headlessServiceName(workload), workload.name);
  metadata.labels = { ...metadata.labels, [HEADLESS_LABEL]: 'true' };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      clusterIP: 'None',
      // Peers find each other by DNS before they are ready (cluster formation).
      publishNotReadyAddresses: true,
      selector: selectorLabels(ctx.app, workload.name),
      ports: Object.entries(workload.ports ?? {}).map(([name, port]) => ({ name, port: port.port ?? 0, targetPort: name, protocol: port.protocol ?? 'TCP' })),
    },
  };
}
