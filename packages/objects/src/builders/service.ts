import type { BuildContext, ResolvedWorkload } from '../context.js';
import { ROLLOUT_SERVICE_LABEL, rolloutServices, serviceName } from '../delivery.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';

export { serviceName };

/**
 * The Services in front of each workload. A target port must be one the workload declares; a Service
 * port without a number listens on the number of the container port it targets, so services on one
 * pattern (a profile) set their port once, on the container.
 */
export function buildServices(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => withRolloutCopy(ctx, workload, buildWorkloadServices(ctx, workload)));
}

/**
 * A Rollout's preview (blue-green) or canary Service: a copy of its main Service under another
 * name, which Argo Rollouts points at the new version's pods while it is tested.
 */
function withRolloutCopy(ctx: BuildContext, workload: ResolvedWorkload, services: { key: string; object: KubeObject }[]): KubeObject[] {
  const { main, second } = rolloutServices(ctx, workload);
  const original = services.find((s) => s.key === main?.key)?.object;
  const objects = services.map((s) => s.object);
  if (!original || !second) return objects;
  const copy = structuredClone(original);
  copy.metadata.name = second.name;
  copy.metadata.labels = { ...copy.metadata.labels, [ROLLOUT_SERVICE_LABEL]: second.role };
  // A node port belongs to one Service only; the copy gets its own from the cluster.
  for (const port of (copy.spec as { ports?: { nodePort?: number }[] }).ports ?? []) delete port.nodePort;
  return [...objects, copy];
}

function buildWorkloadServices(ctx: BuildContext, workload: ResolvedWorkload): { key: string; object: KubeObject }[] {
  return Object.entries(workload.services ?? {}).map(([key, service]) => {
    const metadata = ctx.metadata(serviceName(ctx, key, service.name), workload.name);
    metadata.labels = { ...service.labels, ...metadata.labels };
    const object: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata };
    if (service.annotations) object.metadata.annotations = { ...service.annotations };
    object.spec = {
      ...(service.type && service.type !== 'ClusterIP' ? { type: service.type } : {}),
      ...(service.headless ? { clusterIP: 'None' } : {}),
      selector: selectorLabels(ctx.app, workload.name),
      ports: Object.entries(ctx.need(service.ports, [...workload.path, 'services', key, 'ports'], {})).map(([name, port]) => {
        const target = targetPort(ctx, workload, key, name, port.targetPort);
        const targetNumber = typeof target === 'number' ? target : workload.ports?.[target]?.port;
        return {
          name,
          port: ctx.need(port.port ?? targetNumber, [...workload.path, 'services', key, 'ports', name, 'port'], 0),
          targetPort: target,
          protocol: port.protocol ?? 'TCP',
          ...(port.nodePort ? { nodePort: port.nodePort } : {}),
        };
      }),
    };
    return { key, object };
  });
}

function targetPort(ctx: BuildContext, workload: ResolvedWorkload, service: string, port: string, target: number | string | undefined): number | string {
  const declared = Object.keys(workload.ports ?? {});
  const resolved = target ?? port;
  if (typeof resolved === 'string' && !declared.includes(resolved)) {
    ctx.report('FF207', `Service port \`${port}\` targets \`${resolved}\`, which the workload does not declare`, [...workload.path, 'services', service, 'ports', port, 'targetPort'], {
      expected: `one of ${declared.map((d) => `\`${d}\``).join(', ') || 'the names under `ports`'}, or a number`,
      found: `\`${resolved}\``,
    });
  }
  return resolved;
}
