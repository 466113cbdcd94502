import { didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import { FLEET_FILE } from '@fleetform/values';
import type { FleetFacts } from './read-fleet-facts.js';

const listed = (names: readonly string[]): string => (names.length === 0 ? 'none declared yet' : `one of ${names.map((n) => `\`${n}\``).join(', ')}`);

/** A new cluster's environment and region must be declared in fleet.yaml; a near miss gets a suggestion. */
export function checkPlacement(facts: FleetFacts, environment: string, region: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!facts.environments.includes(environment)) {
    diagnostics.push(
      error('FF902', `unknown environment \`${environment}\``, {
        expected: listed(facts.environments),
        found: `\`${environment}\``,
        hint: didYouMean(environment, facts.environments) ?? `add it to \`environments\` in ${FLEET_FILE} first, in its place in the promotion order`,
      }),
    );
  }
  if (!facts.regions.includes(region)) {
    diagnostics.push(
      error('FF903', `unknown region \`${region}\``, {
        expected: listed(facts.regions),
        found: `\`${region}\``,
        hint: didYouMean(region, facts.regions) ?? `add it to \`regions\` in ${FLEET_FILE} first, with its image registry`,
      }),
    );
  }
  return diagnostics;
}
