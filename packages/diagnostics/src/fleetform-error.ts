import type { Diagnostic } from './diagnostic.js';

/**
 * Thrown when a step cannot go on because of the user's input. Carries every diagnostic found,
 * so the command line can print them all and exit 1 without a stack trace.
 */
export class FleetformError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    super(first ? `${first.code}: ${first.message}` : 'fleetform: invalid input');
    this.name = 'FleetformError';
    this.diagnostics = diagnostics;
  }
}

export function isFleetformError(value: unknown): value is FleetformError {
  return value instanceof FleetformError;
}
