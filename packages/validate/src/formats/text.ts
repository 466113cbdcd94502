import type { Diagnostic } from '@fleetform/diagnostics';
import { formatDiagnostic, sortDiagnostics } from '@fleetform/diagnostics';
import { resourceName, summarise, type ResourceResult, type ValidationReport } from '../result.js';

function line(d: Diagnostic, resource?: ResourceResult): string {
  return formatDiagnostic(d, resource ? `${resourceName(resource)}${resource.cluster ? ` on ${resource.cluster}` : ''}` : undefined);
}

/** One line per problem (file:line:col, resource, JSON path, message), then kubeconform's summary line. */
export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const d of sortDiagnostics(report.diagnostics)) lines.push(line(d));
  for (const resource of report.resources) for (const d of resource.diagnostics) lines.push(line(d, resource));
  for (const d of report.waived) lines.push(`${formatDiagnostic(d)}`);
  const s = summarise(report);
  lines.push(`Summary: ${s.resources} resource${s.resources === 1 ? '' : 's'} found in ${report.files} file${report.files === 1 ? '' : 's'} - Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`);
  return `${lines.join('\n')}\n`;
}
