import type { BuildContext, ResolvedWorkload } from '../context.js';
import { ROLLOUT_SERVICE_LABEL, rolloutServices } from '../delivery.js';
import type { KubeObject } from '../kube.js';
import { selectorLabels } from '../labels.js';
import { HEADLESS_LABEL } from './workload.js';

/** A Prometheus operator ServiceMonitor per workload that asks to be scraped. */
export function buildServiceMonitors(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    const monitor = workload.serviceMonitor;
    if (!monitor) return [];
    const port = ctx.need(monitor.port, [...workload.path, 'serviceMonitor', 'port'], 'metrics');
    const servicePorts = Object.values(workload.services ?? {}).flatMap((s) => Object.keys(s.ports ?? {}));
    if (monitor.port && !servicePorts.includes(port)) {
      ctx.report('FF212', `serviceMonitor scrapes port \`${port}\`, which none of the workload's Services exposes`, [...workload.path, 'serviceMonitor', 'port'], {
        expected: servicePorts.length > 0 ? `one of ${servicePorts.map((p) => `\`${p}\``).join(', ')}` : 'a Service port of that name',
        found: `\`${port}\``,
      });
    }
    const metadata = ctx.metadata(workload.name, workload.name);
    metadata.labels = { ...monitor.labels, ...metadata.labels };
    return [
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata,
        spec: {
          selector: {
            matchLabels: selectorLabels(ctx.app, workload.name),
            ...leftOut(ctx, workload),
          },
          namespaceSelector: { matchNames: [ctx.namespace] },
          endpoints: [
            {
              port,
              path: monitor.path ?? '/metrics',
              ...(monitor.interval ? { interval: monitor.interval } : {}),
              ...(monitor.scrapeTimeout ? { scrapeTimeout: monitor.scrapeTimeout } : {}),
            },
          ],
        },
      },
    ];
  });
}

/**
 * Services that would make Prometheus collect every pod twice: a StatefulSet's headless Service,
 * which exposes every port for its peers, and a Rollout's preview or canary copy of its Service.
 */
function leftOut(ctx: BuildContext, workload: ResolvedWorkload): { matchExpressions?: { key: string; operator: string }[] } {
  if (workload.kind === 'StatefulSet') return { matchExpressions: [{ key: HEADLESS_LABEL, operator: 'DoesNotExist' }] };
  if (rolloutServices(ctx, workload).second) return { matchExpressions: [{ key: ROLLOUT_SERVICE_LABEL, operator: 'DoesNotExist' }] };
  return {};
}
