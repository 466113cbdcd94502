import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean, error, type Diagnostic } from '@fleetform/diagnostics';
import type { PathSegment, SourceDocument } from '@fleetform/yaml';
import * as precompiled from './generated/validators.js';

export type ValueFileKind = 'app' | 'cluster' | 'fleet';

const DNS_1123 = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** Compiled ahead of time from the schemas by tools/gen-types.ts (ajv standalone code, same options as ajv's compile here would use). */
const compiled = precompiled as unknown as Record<ValueFileKind, ValidateFunction>;

function validators(): Record<ValueFileKind, ValidateFunction> {
  return compiled;
}

/**
 * Checks one value file against its JSON Schema and returns every problem as a diagnostic with its
 * position. `null` anywhere means "unset" (in an override it removes an inherited value), so it is
 * allowed wherever a value may be left out.
 */
export function validateValueFile(kind: ValueFileKind, source: SourceDocument): Diagnostic[] {
  // A value found valid before (an unchanged file, see ParseMemo) is valid still: the schemas are
  // part of fleetform, and a render state from another fleetform is never read.
  const verdict = `valid ${kind}.schema.json`;
  if (source.verdicts.has(verdict)) return [];
  const validate = validators()[kind];
  if (validate(withoutNulls(source.value))) {
    source.verdicts.add(verdict);
    return [];
  }
  const errors = (validate.errors ?? []).filter((e) => !isInsideOneOf(e) && e.keyword !== 'propertyNames');
  return dedupe(errors.map((e) => toDiagnostic(e, source)));
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

/** A failed oneOf is reported once, as a whole; the failures of its branches are noise. */
function isInsideOneOf(e: ErrorObject): boolean {
  return /\/oneOf\/\d+\//.test(e.schemaPath);
}

function segments(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function toDiagnostic(e: ErrorObject, source: SourceDocument): Diagnostic {
  const path = segments(e.instancePath);
  const pointer = e.instancePath || '/';
  const at = (p: PathSegment[], key = false) => source.positionOf(p, { key });
  switch (e.keyword) {
    case 'additionalProperties': {
      const property = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return error('FF101', `unknown property \`${property}\``, {
        position: at([...path, property], true),
        path: `${e.instancePath}/${property}`,
        expected: expectedProperties(known),
        found: `\`${property}\``,
        hint: didYouMean(property, known) ?? 'remove it, or check the schema in schemas/ for the right name',
      });
    }
    case 'required': {
      const property = String(e.params.missingProperty);
      return error('FF102', `missing required property \`${property}\``, {
        position: at(path),
        path: pointer,
        expected: `\`${property}\` to be set`,
        found: 'nothing',
      });
    }
    case 'type':
      return error('FF103', 'wrong type', {
        position: at(path),
        path: pointer,
        expected: String(e.params.type).replace(',', ' or '),
        found: describe(e.data),
        hint: typeof e.data === 'string' && /^-?\d+$/.test(e.data) ? 'write the number without quotes' : undefined,
      });
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      return error('FF104', 'value not allowed', {
        position: at(path),
        path: pointer,
        expected: `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
        found: describe(e.data),
        hint: typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined,
      });
    }
    case 'pattern': {
      const pattern = String(e.params.pattern);
      const expected = pattern === DNS_1123 ? 'a DNS-1123 label (lower-case letters, digits and `-`)' : `a string matching ${pattern}`;
      if (e.propertyName !== undefined) {
        return error('FF105', 'invalid key', {
          position: at([...path, e.propertyName], true),
          path: `${e.instancePath}/${e.propertyName}`,
          expected,
          found: describe(e.propertyName),
        });
      }
      return error('FF105', 'invalid value', { position: at(path), path: pointer, expected, found: describe(e.data) });
    }
    case 'oneOf':
      return error('FF106', 'value matches none of the allowed forms', {
        position: at(path),
        path: pointer,
        expected: (e.schema as object[]).map(formOf).join(' or '),
        found: describe(e.data),
      });
    default:
      return error('FF107', `${e.message ?? 'invalid value'}`, {
        position: at(path),
        path: pointer,
        found: describe(e.data),
      });
  }
}

function expectedProperties(known: string[]): string {
  if (known.length === 0) return 'no properties here';
  if (known.length > 8) return `one of the ${known.length} properties the schema lists here`;
  return `one of ${known.map((k) => `\`${k}\``).join(', ')}`;
}

/** A short picture of one allowed form: `a string`, `{image: …}`. */
function formOf(schema: object): string {
  const { type, required } = schema as { type?: string; required?: string[] };
  if (type === 'object' && required && required.length > 0) return `{${required.map((r) => `${r}: …`).join(', ')}}`;
  return `a ${type ?? 'value'}`;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code} ${d.path} ${d.message} ${d.found}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
