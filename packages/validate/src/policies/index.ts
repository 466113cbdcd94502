import { addonProvidesCrds } from './addon-provides-crds.js';
import { appProjectNoWildcards } from './appproject-no-wildcards.js';
import { immutableTags } from './immutable-tags.js';
import { noSecretData } from './no-secret-data.js';
import type { Policy } from './policy.js';
import { resourcesRequired } from './resources-required.js';
import { restrictedPodSecurity } from './restricted-pod-security.js';
import { selectorsMatch } from './selectors-match.js';
import { syncWaveOrder } from './sync-wave-order.js';

/** Every policy `fleetform validate` checks on a rendered fleet. */
export const POLICIES: readonly Policy[] = [syncWaveOrder, selectorsMatch, immutableTags, noSecretData, restrictedPodSecurity, resourcesRequired, appProjectNoWildcards, addonProvidesCrds];

export type { Finding, Policy, PolicyContext, PolicyObject } from './policy.js';
export { isMutableImage } from './immutable-tags.js';
