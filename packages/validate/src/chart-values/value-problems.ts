import { error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';
import { valueAt } from '@fleetform/resolve';
import type { ErrorObject } from 'ajv';
import type { ChartSchema } from './chart-schemas.js';

/** One layer of Helm values, and how to point into the file that holds it. */
export interface HelmValueLayer {
  readonly values: unknown;
  /** The position of a path inside the layer's values (of its key, for an unknown property). */
  positionOf(path: readonly string[], key: boolean): SourcePosition;
  /** The JSON path of a path inside the layer's values, in its file. */
  jsonPath(path: readonly string[]): string;
  /** For values the file does not hold (a catalogue's defaults): said after the message, and the hint instead. */
  readonly note?: { readonly message: string; readonly hint: string };
}

/** What a problem is about, for its message: `add-on keda`, `app podinfo`. */
export interface ChartValuesSubject {
  readonly code: string;
  readonly name: string;
  /** Where to point when no layer sets the value (a default fleetform filled in), and what to say. */
  readonly fallback: { readonly position: SourcePosition; readonly path: string; readonly note: string; readonly hint: string };
}

/**
 * Checks Helm values against a chart's schema, as Helm does: merged over the chart's vendored
 * defaults when there are some. Without them a property the schema requires is not asked for, since
 * the chart's defaults may well hold it. Each problem points into the highest layer that set the value.
 */
export function chartValueProblems(schema: ChartSchema, values: Record<string, unknown>, layers: readonly HelmValueLayer[], subject: ChartValuesSubject): Diagnostic[] {
  if (schema.validate(mergeOver(schema.defaults ?? {}, values))) return [];
  return (schema.validate.errors ?? []).filter((p) => p.keyword !== 'required' || schema.defaults).map((problem) => {
    const path = valuePath(problem);
    const found = locate(layers, path);
    const shown = path.length > 0 ? `\`${path.join('.')}\`` : 'the values';
    const value = valueAt(found?.layer.values ?? values, path);
    const note = found ? found.layer.note?.message : subject.fallback.note;
    const message = `${subject.name}: ${shown} ${describe(problem)}, as ${schema.file} requires${note ? ` (${note})` : ''}`;
    return error(subject.code, message, {
      position: found ? found.layer.positionOf(found.path, isUnknownProperty(problem) && found.path.length === path.length) : subject.fallback.position,
      path: found ? found.layer.jsonPath(found.path) : subject.fallback.path,
      found: value === undefined ? undefined : JSON.stringify(value),
      hint: found ? (found.layer.note?.hint ?? `fix it here, or check the chart's values.yaml for what \`${path.join('.') || 'values'}\` takes`) : subject.fallback.hint,
    });
  });
}

const isUnknownProperty = (problem: ErrorObject): boolean => (problem.params as { additionalProperty?: string }).additionalProperty !== undefined;

/** The path inside the values a problem is about: the instance path, and the property it names, if any. */
function valuePath(problem: ErrorObject): string[] {
  const path = problem.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const property = (problem.params as { additionalProperty?: string }).additionalProperty;
  return property === undefined ? path : [...path, property];
}

/** The highest layer that sets the value, or failing that the deepest part of its path; none for a value only defaults set. */
function locate(layers: readonly HelmValueLayer[], path: readonly string[]): { layer: HelmValueLayer; path: string[] } | undefined {
  for (let depth = path.length; depth >= 1; depth--) {
    const prefix = path.slice(0, depth);
    const layer = [...layers].reverse().find((l) => valueAt(l.values, prefix) !== undefined);
    if (layer) return { layer, path: prefix };
  }
  const top = [...layers].reverse().find((l) => l.values !== undefined && l.values !== null);
  return top && path.length === 0 ? { layer: top, path: [] } : undefined;
}

/** Ajv's message, with what it names (the allowed values, the unknown property). */
function describe(problem: ErrorObject): string {
  const params = problem.params as { allowedValues?: unknown[] };
  if (params.allowedValues) return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (isUnknownProperty(problem)) return 'is not a value the chart takes';
  return problem.message ?? `fails \`${problem.keyword}\``;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Helm's coalescing of user values over chart defaults: maps merge, anything else replaces. */
function mergeOver(defaults: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(values)) out[key] = isMap(value) && isMap(out[key]) ? mergeOver(out[key] as Record<string, unknown>, value) : value;
  return out;
}
