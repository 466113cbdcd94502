import { describe, expect, it } from 'vitest';
import { build, find, yaml } from './build.js';

describe('alert rules', () => {
  it('GIVEN alert rules THEN one PrometheusRule named after the app holds them in one group, in order', () => {
    const { objects, diagnostics } = build({
      alertRules: {
        WebDown: { expr: 'up{job="web-api"} == 0', for: '1m', severity: 'critical', summary: 'web {{ $labels.pod }} is down' },
        WebSlow: { expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5', severity: 'warning', summary: 'p95 above 500ms', description: 'check the database first' },
      },
    });
    expect(diagnostics).toEqual([]);
    expect(yaml(find(objects, 'PrometheusRule', 'web'))).toMatchInlineSnapshot(`
      "apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata:
        name: web
        namespace: shop
        labels:
          app.kubernetes.io/instance: web
          app.kubernetes.io/managed-by: fleetform
          app.kubernetes.io/name: web
          app.kubernetes.io/part-of: shop
        annotations:
          argocd.argoproj.io/sync-wave: "2"
      spec:
        groups:
          - name: web
            rules:
              - alert: WebDown
                expr: up{job="web-api"} == 0
                for: 1m
                labels:
                  severity: critical
                annotations:
                  summary: web {{ $labels.pod }} is down
              - alert: WebSlow
                expr: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5
                labels:
                  severity: warning
                annotations:
                  summary: p95 above 500ms
                  description: check the database first
      "
    `);
  });

  it('GIVEN no alert rules THEN there is no PrometheusRule', () => {
    expect(build({}).objects.filter((o) => o.kind === 'PrometheusRule')).toEqual([]);
  });

  it('GIVEN a rule without expression, severity or summary after merging THEN each is reported with its path', () => {
    const { diagnostics } = build({ alertRules: { WebDown: { for: '5m' } } });
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['FF200 /alertRules/WebDown/expr', 'FF200 /alertRules/WebDown/severity', 'FF200 /alertRules/WebDown/summary']);
  });
});
