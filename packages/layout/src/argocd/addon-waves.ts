import { provides } from '@fleetform/addons';

/** The wave of an add-on that no app on its cluster uses: still before every app. */
export const UNUSED_ADDON_WAVE = -10;

/** One Application that delivers add-on content, and the CRDs it brings and needs (groups, or `group/Kind`). */
export interface AddonUnit {
  readonly name: string;
  readonly provides: readonly string[];
  readonly needs: readonly string[];
}

/** An app on the cluster: the wave of the Argo CD object that delivers it, and the custom kinds it deploys. */
export interface AppUsage {
  readonly wave: number;
  readonly uses: readonly { readonly group: string; readonly kind: string }[];
}

/** Whether two `provides`/`needs` entries overlap: equal, or a group and one of its kinds. */
const overlaps = (a: string, b: string): boolean => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/**
 * The sync wave of each add-on Application: one below the earliest consumer, where a consumer is an
 * app that deploys a kind the add-on provides, or another add-on that needs it. So CRDs are in place,
 * and their controllers healthy, before anything that uses them; an unused add-on goes in wave -10.
 * Add-ons that need each other in a cycle cannot be ordered; the edge that closes the cycle is ignored.
 */
export function deriveAddonWaves(units: readonly AddonUnit[], apps: readonly AppUsage[]): Map<string, number> {
  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (unit: AddonUnit): number => {
    const known = waves.get(unit.name);
    if (known !== undefined) return known;
    visiting.add(unit.name);
    const consumers = apps.filter((app) => app.uses.some(({ group, kind }) => provides(unit.provides, group, kind))).map((app) => app.wave);
    for (const other of units) {
      if (other === unit || visiting.has(other.name)) continue;
      if (other.needs.some((need) => unit.provides.some((provided) => overlaps(need, provided)))) consumers.push(waveOf(other));
    }
    visiting.delete(unit.name);
    const wave = consumers.length > 0 ? Math.min(...consumers) - 1 : UNUSED_ADDON_WAVE;
    waves.set(unit.name, wave);
    return wave;
  };
  for (const unit of units) waveOf(unit);
  return waves;
}
