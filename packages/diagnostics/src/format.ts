import type { Diagnostic } from './diagnostic.js';

/**
 * One diagnostic as the lines a person reads in a terminal:
 *
 *   apps/web/app.yaml:12:5: error FF101 at /replicas: expected integer, found string "three"
 *     hint: did you mean `replicas`?
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position ? `${d.position.file}:${d.position.line}:${d.position.col}: ` : '';
  const at = d.path !== undefined && d.path !== '' ? ` at ${d.path}` : '';
  let text = `${where}${d.severity} ${d.code}${at}: ${d.message}`;
  if (d.expected !== undefined || d.found !== undefined) {
    text += ` (expected ${d.expected ?? '?'}, found ${d.found ?? '?'})`;
  }
  if (d.hint !== undefined) text += `\n  hint: ${d.hint}`;
  return text;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
