import { formatDiagnostic, formatSummary, sortDiagnostics, type Diagnostic } from '@fleetform/diagnostics';
import type { Io } from './io.js';

/** Prints diagnostics the way every command does: one block each, sorted, then a summary line. */
export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  for (const d of sortDiagnostics(diagnostics)) io.err(`${formatDiagnostic(d)}\n`);
  io.err(`${formatSummary(diagnostics)}\n`);
}
