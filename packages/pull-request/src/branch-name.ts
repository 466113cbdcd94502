/** Longest branch name fleetform makes; longer names are cut and keep a hash of the whole. */
const MAX_LENGTH = 100;

/**
 * The branch of a change, named after it: `fleetform/bump-dbupgrade-v1.1.0-prod`. Each word is
 * made safe for a git ref (git check-ref-format): only letters, digits, `.`, `_` and `-`, no `..`,
 * no leading `.` or `-`, no trailing `.lock`.
 */
export function branchName(words: readonly string[]): string {
  const safe = words
    .map((word) => word.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+|[.-]+$/g, ''))
    .filter((word) => word !== '')
    .join('-');
  const name = `fleetform/${safe.replace(/\.lock$/i, '-lock') || 'change'}`;
  if (name.length <= MAX_LENGTH) return name;
  return `${name.slice(0, MAX_LENGTH - 9).replace(/[.-]+$/, '')}-${hash(name)}`;
}

/** Eight hex digits of FNV-1a: enough to keep two long names apart, stable across runs. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
