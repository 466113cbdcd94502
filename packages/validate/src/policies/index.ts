import { addonProvidesCrds } from './addon-provides-crds.js';
import { appProjectNoWildcards } from './appproject-no-wildcards.js';
import { canarySteps } from './canary-steps.js';
import { defaultDenyNetworkPolicy } from './default-deny-network-policy.js';
import { immutableTags } from './immutable-tags.js';
import { issuerReferencesResolve } from './issuer-references-resolve.js';
import { noSecretData } from './no-secret-data.js';
import type { Policy } from './policy.js';
import { requireDigests } from './require-digests.js';
import { resourcesRequired } from './resources-required.js';
import { restrictedPodSecurity } from './restricted-pod-security.js';
import { rolloutReferences } from './rollout-references.js';
import { selectorsMatch } from './selectors-match.js';
import { syncWaveOrder } from './sync-wave-order.js';

/** Every policy `fleetform validate` checks on a rendered fleet. */
export const POLICIES: readonly Policy[] = [syncWaveOrder, selectorsMatch, immutableTags, noSecretData, restrictedPodSecurity, resourcesRequired, appProjectNoWildcards, addonProvidesCrds, issuerReferencesResolve, defaultDenyNetworkPolicy, requireDigests, canarySteps, rolloutReferences];

export type { Finding, Policy, PolicyContext, PolicyObject } from './policy.js';
export { isMutableImage } from './immutable-tags.js';
export { isPinnedByDigest } from './require-digests.js';
export { issuerKey, issuersIn } from './issuer-references-resolve.js';
