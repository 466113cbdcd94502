/**
 * Values as a Go template sees them. Parameters come from JSON and YAML, which Argo CD decodes into
 * `map[string]interface{}` with every number a float64; integer literals in a template are Go ints.
 * The difference shows (`eq 3 .replicas` is an error in Go), so ints get a type of their own.
 */
export class GoInt {
  constructor(readonly value: number) {}
}

export type GoMap = { [key: string]: GoValue };

/** `undefined` is Go's invalid value (a missing key), `null` a nil interface. */
export type GoValue = string | number | boolean | null | undefined | GoInt | GoValue[] | GoMap;

export const isMap = (v: GoValue): v is GoMap => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt);

/** Go's name of a value's dynamic type, for error messages. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return 'int';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** text/template's truth: false, 0, nil, the empty string and empty collections are false. */
export function truth(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (v instanceof GoInt) return v.value !== 0;
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

/** A float64 as fmt's %v prints it: the shortest form, with an exponent outside [1e-4, 1e6). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(x);
}

/** A value as fmt's %v prints it: maps with sorted keys, nil inside a collection as `<nil>`. */
export function formatValue(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return String(v.value);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  return `map[${Object.keys(v).sort().map((k) => `${k}:${formatValue(v[k])}`).join(' ')}]`;
}

/** What an action prints: a missing value or nil prints `<no value>`, as in Go. */
export function printValue(v: GoValue): string {
  return v === undefined || v === null ? '<no value>' : formatValue(v);
}

/** A parameter from JSON or YAML as a Go value: numbers stay float64, as Argo CD decodes them. */
export function fromJson(value: unknown): GoValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v)]));
  return String(value);
}

/** Back to plain data: Go ints become numbers, missing values null. */
export function toJson(value: GoValue): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof GoInt) return value.value;
  if (Array.isArray(value)) return value.map(toJson);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch in SHORT_ESCAPES) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
