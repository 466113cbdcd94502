import type { AnalysisTemplate } from '@fleetform/values';
import type { BuildContext } from '../context.js';
import { analysisTemplateName, analysisUses } from '../delivery.js';
import type { KubeObject } from '../kube.js';

/**
 * An Argo Rollouts AnalysisTemplate `<app>-<key>` for each analysis a progressive strategy uses
 * (only those, so an app that rolls out canaries in prod alone needs Argo Rollouts there alone).
 * Each measures with Prometheus at the address from the values; failing it rolls the rollout back.
 */
export function buildAnalysisTemplates(ctx: BuildContext): KubeObject[] {
  const templates = ctx.values.analysis?.templates ?? {};
  const used = new Map<string, readonly (string | number)[]>();
  for (const workload of ctx.workloads) {
    for (const { key, path } of analysisUses(workload)) {
      if (templates[key]) {
        if (!used.has(key)) used.set(key, path);
        continue;
      }
      const known = Object.keys(templates);
      ctx.report('FF219', `the strategy runs analysis \`${key}\`, which \`analysis.templates\` does not define`, path, {
        expected: known.length > 0 ? `one of ${known.map((k) => `\`${k}\``).join(', ')}` : 'a key of `analysis.templates`',
        found: `\`${key}\``,
        hint: 'define the check under `analysis.templates` (in app.yaml, a profile or the fleet\'s defaults)',
      });
    }
  }
  if (used.size === 0) return [];
  const address = ctx.need(ctx.values.analysis?.prometheusAddress, ['analysis', 'prometheusAddress'], 'http://prometheus.invalid');
  return [...used.keys()].sort().map((key) => buildTemplate(ctx, key, templates[key]!, address));
}

function buildTemplate(ctx: BuildContext, key: string, template: AnalysisTemplate, address: string): KubeObject {
  const path = ['analysis', 'templates', key];
  const conditions = [
    ...(template.min !== undefined ? [`result[0] >= ${template.min}`] : []),
    ...(template.max !== undefined ? [`result[0] <= ${template.max}`] : []),
  ];
  if (conditions.length === 0) {
    ctx.report('FF219', `analysis \`${key}\` has no threshold`, path, {
      expected: '`min`, `max` or both',
      found: 'neither',
      hint: 'e.g. `min: 0.99` for a success rate, `max: 0.5` for a latency in seconds',
    });
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: ctx.metadata(analysisTemplateName(ctx, key)),
    spec: {
      args: [{ name: 'service-name' }, { name: 'namespace', value: ctx.namespace }],
      metrics: [
        {
          name: key,
          interval: template.interval ?? '1m',
          count: template.count ?? 5,
          failureLimit: template.failureLimit ?? 1,
          successCondition: conditions.join(' && ') || 'false',
          provider: { prometheus: { address, query: ctx.need(template.query, [...path, 'query'], 'vector(0)') } },
        },
      ],
    },
  };
}
