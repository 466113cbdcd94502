import type { Profile } from './generated/values.js';

type Profiles = Readonly<Record<string, Pick<Profile, 'extends'>>>;

/**
 * The profiles an app is built on, in the order their values apply: each profile after the ones it
 * extends, each profile once (at its first place), so a later profile never reapplies a shared
 * parent over what an earlier one refined. Unknown names and cycles are skipped here; the checks
 * across files report them.
 */
export function expandProfiles(profiles: Profiles, names: readonly string[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (order.includes(name) || visiting.has(name) || !profiles[name]) return;
    visiting.add(name);
    for (const parent of profiles[name].extends ?? []) visit(parent);
    visiting.delete(name);
    order.push(name);
  };
  names.forEach(visit);
  return order;
}

/** One cycle of `extends`, from the profile where it was found back to that profile, and the entry that closes it. */
export interface ProfileCycle {
  readonly names: readonly string[];
  readonly closedBy: { readonly profile: string; readonly index: number };
}

/** Every cycle of `extends` among the profiles, each reported once, in profile name order. */
export function findProfileCycles(profiles: Profiles): ProfileCycle[] {
  const cycles: ProfileCycle[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    stack.push(name);
    (profiles[name]?.extends ?? []).forEach((parent, index) => {
      const at = stack.indexOf(parent);
      if (at >= 0) cycles.push({ names: [...stack.slice(at), parent], closedBy: { profile: name, index } });
      else if (profiles[parent] && !done.has(parent)) visit(parent);
    });
    stack.pop();
    done.add(name);
  };
  for (const name of Object.keys(profiles).sort()) if (!done.has(name)) visit(name);
  return cycles;
}
