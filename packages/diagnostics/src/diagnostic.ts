/** Where in a source file a problem sits. Lines and columns count from 1. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Severity = 'error' | 'warning';

/**
 * One problem found in the user's input or in fleetform's output.
 * Diagnostics are values: every step collects all of them instead of stopping at the first.
 */
export interface Diagnostic {
  /** Stable identifier such as `FF102`, safe to search for in the README. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Repository-relative file and position, when the problem comes from a file. */
  readonly position?: SourcePosition;
  /** JSON pointer into the document, e.g. `/workloads/controller/replicas`. */
  readonly path?: string;
  readonly expected?: string;
  readonly found?: string;
  /** What to do about it, e.g. "did you mean `replicas`?". */
  readonly hint?: string;
}

export function error(code: string, message: string, details: Omit<Diagnostic, 'code' | 'message' | 'severity'> = {}): Diagnostic {
  return { code, severity: 'error', message, ...details };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, line, column, then code, so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): [string, number, number, string, string] => [
    d.position?.file ?? '',
    d.position?.line ?? 0,
    d.position?.col ?? 0,
    d.code,
    d.path ?? '',
  ];
  return [...diagnostics].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}
