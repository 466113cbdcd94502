import type { Diagnostic } from '@fleetform/diagnostics';
import { resourceName, summarise, type ResourceResult, type ValidationReport } from '../result.js';

/** Escaping of workflow-command data, as GitHub documents it. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values additionally escape `:` and `,`. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(d: Diagnostic, resource?: ResourceResult): string {
  const level = d.severity === 'error' ? 'error' : 'warning';
  const properties = [
    d.position ? `file=${escapeProperty(d.position.file)}` : undefined,
    d.position ? `line=${d.position.line}` : undefined,
    d.position ? `col=${d.position.col}` : undefined,
    `title=${escapeProperty(`fleetform ${d.code}${resource ? ` ${resourceName(resource)}` : ''}`)}`,
  ].filter(Boolean);
  const where = d.path ? ` at ${d.path}` : '';
  const detail = [d.expected !== undefined ? `expected ${d.expected}` : '', d.found !== undefined ? `found ${d.found}` : '', d.hint ?? ''].filter(Boolean).join('; ');
  const cluster = resource?.cluster ? ` on ${resource.cluster}` : '';
  return `::${level} ${properties.join(',')}::${escapeData(`${d.message}${cluster}${where}${detail ? ` (${detail})` : ''}`)}`;
}

/** GitHub Actions workflow commands (`::error file=…,line=…::message`), so problems show inline on the pull request. */
export function formatGithub(report: ValidationReport): string {
  const lines = [
    ...report.diagnostics.map((d) => command(d)),
    ...report.resources.flatMap((r) => r.diagnostics.map((d) => command(d, r))),
    ...report.waived.map((d) => `::notice ${d.position ? `file=${escapeProperty(d.position.file)},line=${d.position.line},` : ''}title=${escapeProperty(`fleetform waived ${d.code}`)}::${escapeData(d.message)}`),
  ];
  const s = summarise(report);
  lines.push(`fleetform validate: ${s.resources} resources - Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`);
  return `${lines.join('\n')}\n`;
}
