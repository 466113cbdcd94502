import type { Diagnostic } from '@fleetform/diagnostics';

/** kubeconform's verdicts: valid, invalid (the schema says no), error (could not check), skipped. */
export type ResourceStatus = 'valid' | 'invalid' | 'error' | 'skipped';

/** The verdict on one resource, with every problem found in it. */
export interface ResourceResult {
  readonly file: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** The cluster the object is deployed to, when validating a rendered fleet. */
  readonly cluster?: string;
  readonly status: ResourceStatus;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidationReport {
  /** Files read (or, for a rendered fleet, generated files the objects come from). */
  readonly files: number;
  readonly resources: readonly ResourceResult[];
  /** Problems that belong to no single resource: YAML syntax errors, invalid value files. */
  readonly diagnostics: readonly Diagnostic[];
  /** Policy findings waived in the values, with their reasons, printed so a waiver is never silent. */
  readonly waived: readonly Diagnostic[];
}

export interface Summary {
  readonly resources: number;
  readonly valid: number;
  readonly invalid: number;
  readonly errors: number;
  readonly skipped: number;
}

export function summarise(report: ValidationReport): Summary {
  const count = (status: ResourceStatus) => report.resources.filter((r) => r.status === status).length;
  return {
    resources: report.resources.length,
    valid: count('valid'),
    invalid: count('invalid'),
    errors: count('error') + report.diagnostics.filter((d) => d.severity === 'error').length,
    skipped: count('skipped'),
  };
}

export function passed(report: ValidationReport): boolean {
  const summary = summarise(report);
  return summary.invalid === 0 && summary.errors === 0;
}

export const resourceName = (r: Pick<ResourceResult, 'kind' | 'name'>): string => `${r.kind ?? '?'}/${r.name ?? '?'}`;
