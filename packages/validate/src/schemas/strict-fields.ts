import type { PathSegment } from '@fleetform/yaml';
import type { SchemaProblem } from './schema-errors.js';

/** The fields of one Kubernetes type: JSON name → type, as @kubernetes/client-node's models list them. */
export type FieldTable = ReadonlyMap<string, string>;
export type TypeTables = ReadonlyMap<string, FieldTable>;

const MAP = /^\{ \[key: string\]: (.+); \}$/;
const ARRAY = /^Array<(.+)>$/;

/**
 * Finds fields the type does not have, the way `kubeconform -strict` (and the API server's strict field
 * validation) does. Types and required fields are another validator's business; this one only walks.
 */
export function unknownFields(value: unknown, type: string, tables: TypeTables, path: PathSegment[] = [], problems: SchemaProblem[] = []): SchemaProblem[] {
  if (value === null || value === undefined) return problems;
  const array = ARRAY.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1]!, tables, [...path, i], problems));
    return problems;
  }
  const map = MAP.exec(type);
  if (map) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) unknownFields(item, map[1]!, tables, [...path, key], problems);
    }
    return problems;
  }
  const fields = tables.get(type);
  if (!fields || typeof value !== 'object' || Array.isArray(value)) return problems;
  for (const [key, item] of Object.entries(value)) {
    const fieldType = fields.get(key);
    if (fieldType === undefined) {
      problems.push({ path: [...path, key], message: `additional property '${key}' is not allowed`, atKey: true, found: `\`${key}\`` });
    } else {
      unknownFields(item, fieldType, tables, [...path, key], problems);
    }
  }
  return problems;
}
