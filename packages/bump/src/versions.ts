import { createRequire } from 'node:module';

/** The two functions of `semver` used here, typed locally: @types/semver is not installed in this workspace. */
const semver = createRequire(import.meta.url)('semver') as {
  clean(version: string): string | null;
  lt(a: string, b: string): boolean;
};

/**
 * Whether going from `current` to `next` goes back in semantic version. Tags that are not semantic
 * versions (`v1.2.3` and `1.2.3-rc.1` are; `2024-05-01` and `abc123` are not) are never compared.
 */
export function isDowngrade(current: string, next: string): boolean {
  const [a, b] = [semver.clean(current), semver.clean(next)];
  return a !== null && b !== null && semver.lt(b, a);
}

/**
 * Whether a chart version is one exact version, as Helm requires of `version` in Chart.yaml
 * (SemVer 2, with or without a leading `v`), and not a range Argo CD would resolve at sync time.
 */
export function isExactVersion(version: string): boolean {
  return /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version) && semver.clean(version) !== null;
}
