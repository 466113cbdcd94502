import { error, type Diagnostic } from '@fleetform/diagnostics';
import { positionOf } from '../manifest.js';
import type { Policy, PolicyContext } from './policy.js';

export interface PolicyOutcome {
  readonly findings: Diagnostic[];
  readonly waived: Diagnostic[];
}

/**
 * Runs the policies on one set of objects. A finding whose policy the app waives (`waivers` in its
 * values: policy id → reason) is not an error, but it is reported with its reason, never dropped.
 */
export function runPolicies(policies: readonly Policy[], context: PolicyContext, waivers: Readonly<Record<string, string>> = {}): PolicyOutcome {
  const findings: Diagnostic[] = [];
  const waived: Diagnostic[] = [];
  for (const policy of policies) {
    for (const finding of policy.check(context)) {
      const reason = waivers[policy.id];
      const details = { position: finding.position ?? positionOf(finding.target.manifest, finding.path), path: `/${finding.path.join('/')}`, hint: finding.hint };
      if (reason !== undefined) {
        waived.push({ ...error(policy.code, `[${policy.id}] waived: ${reason} (${finding.message})`, details), severity: 'warning' });
      } else {
        findings.push(error(policy.code, `[${policy.id}] ${finding.message}`, details));
      }
    }
  }
  return { findings, waived };
}
