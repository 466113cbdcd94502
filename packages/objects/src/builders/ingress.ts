import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';
import { serviceName } from './service.js';

/** An Ingress per workload that exposes one of its Services. */
export function buildIngresses(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    const ingress = workload.ingress;
    if (!ingress) return [];
    const host = ctx.need(ingress.host, [...workload.path, 'ingress', 'host'], 'missing.invalid');
    const services = Object.entries(workload.services ?? {});
    const [key, service] = services.find(([k]) => k === (ingress.service ?? services[0]?.[0])) ?? [];
    if (!key || !service) {
      ctx.report('FF211', ingress.service ? `ingress routes to unknown Service \`${ingress.service}\`` : 'ingress needs a Service on the workload', [...workload.path, 'ingress', 'service'], {
        hint: 'declare the Service under the workload\'s `services`',
      });
      return [];
    }
    const port = ingress.port ?? Object.keys(service.ports ?? {})[0] ?? 'http';
    const metadata = ctx.metadata(workload.name, workload.name);
    const annotations: Record<string, string> = { ...ingress.annotations };
    if (ingress.tls?.clusterIssuer) annotations['cert-manager.io/cluster-issuer'] = ingress.tls.clusterIssuer;
    const object: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata };
    if (Object.keys(annotations).length > 0) object.metadata.annotations = annotations;
    object.spec = {
      ...(ingress.className ? { ingressClassName: ingress.className } : {}),
      ...(ingress.tls ? { tls: [{ hosts: [host], secretName: ctx.need(ingress.tls.secretName, [...workload.path, 'ingress', 'tls', 'secretName'], 'missing') }] } : {}),
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: ingress.path ?? '/',
                pathType: ingress.pathType ?? 'Prefix',
                backend: { service: { name: serviceName(ctx, key, service.name), port: typeof port === 'number' ? { number: port } : { name: port } } },
              },
            ],
          },
        },
      ],
    };
    return [object];
  });
}
