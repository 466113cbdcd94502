import type { BuildContext } from '../context.js';
import { controllerOf } from '../delivery.js';
import type { KubeObject } from '../kube.js';

/** A HorizontalPodAutoscaler (autoscaling/v2) for each workload that asks for one; it scales the Rollout when there is one. */
export function buildAutoscalers(ctx: BuildContext): KubeObject[] {
  return ctx.workloads.flatMap((workload) => {
    const scaling = workload.autoscaling;
    if (!scaling) return [];
    const path = [...workload.path, 'autoscaling'];
    const minReplicas = ctx.need(scaling.minReplicas, [...path, 'minReplicas'], 1);
    const maxReplicas = ctx.need(scaling.maxReplicas, [...path, 'maxReplicas'], minReplicas);
    if (minReplicas > maxReplicas) {
      ctx.report('FF208', 'autoscaling.minReplicas is above maxReplicas', [...workload.path, 'autoscaling'], {
        found: `${minReplicas} > ${maxReplicas}`,
      });
    }
    const metric = (name: string, averageUtilization: number) => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization } } });
    const metrics = [
      ...(scaling.cpuUtilization ? [metric('cpu', scaling.cpuUtilization)] : []),
      ...(scaling.memoryUtilization ? [metric('memory', scaling.memoryUtilization)] : []),
    ];
    if (metrics.length === 0) {
      ctx.report('FF209', 'autoscaling needs cpuUtilization or memoryUtilization', [...workload.path, 'autoscaling']);
    }
    return [
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: ctx.metadata(workload.name, workload.name),
        spec: {
          scaleTargetRef: { ...controllerOf(workload), name: workload.name },
          minReplicas,
          maxReplicas,
          metrics,
        },
      },
    ];
  });
}
