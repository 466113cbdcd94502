import type { BuildContext, ResolvedWorkload } from '../context.js';
import { progressiveType, rolloutServices } from '../delivery.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';
import { PRIMARY_ROUTE } from './rollout.js';

/**
 * For each canary routed by Istio, the VirtualService whose weights Argo Rollouts moves and the
 * DestinationRule whose `stable` and `canary` subsets it pins to each version's pods (it adds the
 * pod-template hash to their labels). In git the stable subset takes all the traffic.
 */
export function buildTrafficRouting(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    if (progressiveType(workload) !== 'Canary' || workload.strategy?.canary?.trafficRouting !== 'istio') return [];
    const host = rolloutServices(ctx, workload).main?.name;
    if (!host) return [];
    return [virtualService(ctx, workload, host), destinationRule(ctx, workload, host)];
  });
}

function virtualService(ctx: BuildContext, workload: ResolvedWorkload, host: string): KubeObject {
  const istio = workload.strategy?.canary?.istio ?? {};
  const port = servicePort(ctx, workload);
  const destination = (subset: string) => ({ host, subset, ...(port !== undefined ? { port: { number: port } } : {}) });
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: ctx.metadata(workload.name, workload.name),
    spec: {
      hosts: [...(istio.hosts ?? [host])],
      ...(istio.gateways ? { gateways: [...istio.gateways] } : {}),
      http: [
        {
          name: PRIMARY_ROUTE,
          route: [
            { destination: destination('stable'), weight: 100 },
            { destination: destination('canary'), weight: 0 },
          ],
        },
      ],
    },
  };
}

function destinationRule(ctx: BuildContext, workload: ResolvedWorkload, host: string): KubeObject {
  const labels = selectorLabels(ctx.app, workload.name);
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'DestinationRule',
    metadata: ctx.metadata(workload.name, workload.name),
    spec: {
      host,
      subsets: [
        { name: 'canary', labels: { ...labels } },
        { name: 'stable', labels: { ...labels } },
      ],
    },
  };
}

/** The first port of the main Service: a route must name it when the Service has several. */
function servicePort(ctx: BuildContext, workload: ResolvedWorkload): number | undefined {
  const main = rolloutServices(ctx, workload).main;
  const [name, port] = Object.entries(workload.services?.[main?.key ?? '']?.ports ?? {})[0] ?? [];
  if (!name) return undefined;
  const target = port?.targetPort ?? name;
  return port?.port ?? (typeof target === 'number' ? target : workload.ports?.[target]?.port);
}
