import type { ErrorObject } from 'ajv';
import { error, type Diagnostic } from '@fleetform/diagnostics';
import type { PathSegment } from '@fleetform/yaml';
import { positionOf, type Manifest } from '../manifest.js';

/** A problem a schema found, before it is placed in a file. */
export interface SchemaProblem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
  /** Report at the key (an unknown field) rather than at the value. */
  readonly atKey?: boolean;
}

export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : `${typeof value} ${JSON.stringify(value)}`;
}

const valueAt = (object: unknown, path: readonly PathSegment[]): unknown =>
  path.reduce<unknown>((node, segment) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined), object);

/**
 * ajv errors as problems, worded like kubeconform's: `got string, want integer`. Several type errors at
 * one path (an int-or-string, a nullable field) become one problem naming every accepted type.
 */
export function problemsFromAjv(errors: readonly ErrorObject[], object: unknown): SchemaProblem[] {
  const typeErrors = new Map<string, ErrorObject[]>();
  for (const e of errors) if (e.keyword === 'type') typeErrors.set(e.instancePath, [...(typeErrors.get(e.instancePath) ?? []), e]);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pointerSegments(e.instancePath);
    const found = describeValue(valueAt(object, path));
    const sameType = typeErrors.get(e.instancePath);
    // A union that failed (int-or-string, nullable) reports as one type error naming every accepted type.
    if (sameType && e.keyword !== 'type' && ['oneOf', 'anyOf', 'format'].includes(e.keyword)) continue;
    let problem: SchemaProblem;
    if (e.keyword === 'type') {
      const types = [...new Set(sameType!.flatMap((g) => String(g.params.type).split(',')))].sort();
      problem = { path, message: `got ${found.split(' ')[0]}, want ${types.join(' or ')}`, expected: types.join(' or '), found };
    } else if (e.keyword === 'required') {
      const property = String(e.params.missingProperty);
      problem = { path, message: `missing property '${property}'`, expected: `\`${property}\` to be set`, found: 'nothing' };
    } else if (e.keyword === 'additionalProperties') {
      const extra = String(e.params.additionalProperty);
      problem = { path: [...path, extra], message: `additional property '${extra}' is not allowed`, atKey: true, found: `\`${extra}\`` };
    } else if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      problem = { path, message: `value must be one of ${allowed}`, expected: `one of ${allowed}`, found };
    } else {
      problem = { path, message: e.message ?? e.keyword, found };
    }
    const key = `${problem.path.join('/')} ${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return problems;
}

export function toDiagnostic(manifest: Manifest, problem: SchemaProblem, code = 'FF310'): Diagnostic {
  return error(code, problem.message, {
    position: positionOf(manifest, problem.path, problem.atKey),
    path: `/${problem.path.join('/')}`,
    expected: problem.expected,
    found: problem.found,
  });
}
