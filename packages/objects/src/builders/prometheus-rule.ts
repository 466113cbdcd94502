import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';

/**
 * The app's alerting rules as one Prometheus operator PrometheusRule `<app>` holding one group
 * `<app>`, so Prometheus evaluates them together and an alert names the app it belongs to.
 */
export function buildPrometheusRules(ctx: BuildContext): KubeObject[] {
  const alerts = Object.entries(ctx.values.alertRules ?? {});
  if (alerts.length === 0) return [];
  const rules = alerts.map(([alert, rule]) => {
    const path = ['alertRules', alert];
    return {
      alert,
      expr: ctx.need(rule.expr, [...path, 'expr'], 'vector(0)'),
      ...(rule.for ? { for: rule.for } : {}),
      labels: { severity: ctx.need(rule.severity, [...path, 'severity'], 'warning') },
      annotations: {
        summary: ctx.need(rule.summary, [...path, 'summary'], alert),
        ...(rule.description ? { description: rule.description } : {}),
      },
    };
  });
  return [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: ctx.metadata(ctx.app.name),
      spec: { groups: [{ name: ctx.app.name, rules }] },
    },
  ];
}
