import type { Diagnostic } from './diagnostic.js';

/**
 * One diagnostic as the lines a person reads in a terminal:
 *
 *   apps/web/app.yaml:12:5: error FF103 at /replicas: wrong type (expected integer, found string "three")
 *     hint: write the number without quotes
 *
 * A subject, when given, names what the problem is in: `… error FF310 Deployment/web at /spec/replicas: …`.
 */
export function formatDiagnostic(d: Diagnostic, subject?: string): string {
  const where = d.position ? `${d.position.file}:${d.position.line}:${d.position.col}: ` : '';
  const at = d.path !== undefined && d.path !== '' ? ` at ${d.path}` : '';
  let text = `${where}${d.severity} ${d.code}${subject ? ` ${subject}` : ''}${at}: ${d.message}`;
  const details = [d.expected !== undefined ? `expected ${d.expected}` : '', d.found !== undefined ? `found ${d.found}` : ''].filter(Boolean);
  if (details.length > 0) text += ` (${details.join(', ')})`;
  if (d.hint !== undefined) text += `\n  hint: ${d.hint}`;
  return text;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
