import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import { FLEET_FILE } from '@fleetform/values';
import { parseYamlStream } from '@fleetform/yaml';

/** What `new` needs to know about the fleet it adds to: the names clusters and overrides may use. */
export interface FleetFacts {
  /** In promotion order. */
  readonly environments: readonly string[];
  readonly regions: readonly string[];
}

/**
 * Reads the environments and regions of clusters/fleet.yaml. Only a file that cannot be read or
 * parsed is an error: the rest of its problems are `fleetform validate`'s to report.
 */
export async function readFleetFacts(root: string): Promise<{ facts?: FleetFacts; diagnostics: readonly Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(join(root, FLEET_FILE), 'utf8');
  } catch {
    return {
      diagnostics: [error('FF100', `no ${FLEET_FILE} here`, { hint: 'run fleetform from the fleet repository root or pass --root; `fleetform init DIR` starts a new fleet' })],
    };
  }
  const { documents, diagnostics } = parseYamlStream(text, FLEET_FILE);
  if (diagnostics.length > 0) return { diagnostics };
  const fleet = (documents[0]?.value ?? {}) as { environments?: unknown; regions?: unknown };
  const environments = Array.isArray(fleet.environments) ? fleet.environments.map((e: { name?: unknown }) => e?.name).filter((n): n is string => typeof n === 'string') : [];
  const regions = fleet.regions !== null && typeof fleet.regions === 'object' ? Object.keys(fleet.regions) : [];
  return { facts: { environments, regions }, diagnostics: [] };
}
