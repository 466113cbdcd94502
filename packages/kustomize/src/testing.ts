import { hasKubectlKustomize } from './kubectl-kustomize.js';

/**
 * Whether tests that need the real kustomize can run. Where no kustomize exists at all they are
 * skipped with a visible notice, unless FLEETFORM_REQUIRE_KUSTOMIZE=1 (set by .ci/run) demands it.
 */
export async function kustomizeAvailable(): Promise<boolean> {
  if (await hasKubectlKustomize()) return true;
  if (process.env.FLEETFORM_REQUIRE_KUSTOMIZE === '1') throw new Error('kubectl kustomize is required (FLEETFORM_REQUIRE_KUSTOMIZE=1) but was not found');
  process.stderr.write('NOTICE: kubectl kustomize not found; tests against the real kustomize are SKIPPED\n');
  return false;
}
