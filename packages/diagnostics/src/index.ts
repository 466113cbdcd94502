export type { Diagnostic, Severity, SourcePosition } from './diagnostic.js';
export { error, hasErrors, sortDiagnostics } from './diagnostic.js';
export { FleetformError, isFleetformError } from './fleetform-error.js';
export { closest, didYouMean } from './suggest.js';
export { formatDiagnostic, formatSummary } from './format.js';
