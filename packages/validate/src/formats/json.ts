import type { Diagnostic } from '@fleetform/diagnostics';
import { summarise, type ValidationReport } from '../result.js';

const problem = (d: Diagnostic) => ({
  code: d.code,
  severity: d.severity,
  file: d.position?.file,
  line: d.position?.line,
  column: d.position?.col,
  path: d.path,
  message: d.message,
  expected: d.expected,
  found: d.found,
  hint: d.hint,
});

/** Machine-readable: every resource with its status and problems, the problems outside resources, and the summary. */
export function formatJson(report: ValidationReport): string {
  const output = {
    resources: report.resources.map((r) => ({
      filename: r.file,
      cluster: r.cluster,
      apiVersion: r.apiVersion,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      status: r.status,
      errors: r.diagnostics.map(problem),
    })),
    errors: report.diagnostics.map(problem),
    waived: report.waived.map(problem),
    summary: summarise(report),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
