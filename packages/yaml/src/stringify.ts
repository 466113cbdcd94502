import { stringify } from 'yaml';
import { fastToYaml } from './fast-stringify.js';
import { OPTIONS } from './options.js';

/**
 * Serialises one value as YAML text ending in exactly one newline.
 *
 * Plain JSON-like data goes through the fast emitter, which writes exactly what `yaml` would;
 * anything it is not sure of (see fast-stringify.ts) goes through `yaml` itself.
 */
export function toYaml(value: unknown): string {
  const fast = fastToYaml(value);
  if (fast !== undefined) return fast;
  const text = stringify(value, OPTIONS);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Serialises values as one multi-document YAML stream. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => toYaml(v)).join('---\n');
}
