import { stringify } from 'yaml';

/**
 * The one set of options every YAML file fleetform writes goes through.
 * - no anchors or aliases, even when one object is reused in two places;
 * - no line folding, so a long string is one line and diffs stay small;
 * - YAML 1.1 quoting rules, so strings such as `yes`, `on` or `2024-01-01` are quoted and no
 *   YAML 1.1 reader (kustomize and Argo CD use Go YAML libraries) takes them for booleans or dates.
 */
const OPTIONS = {
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  version: '1.1',
  indentSeq: true,
} as const;

/** Serialises one value as YAML text ending in exactly one newline. */
export function toYaml(value: unknown): string {
  const text = stringify(value, OPTIONS);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Serialises values as one multi-document YAML stream. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => toYaml(v)).join('---\n');
}
