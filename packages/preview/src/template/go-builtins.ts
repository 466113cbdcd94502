import { sprint, sprintf, sprintln } from './go-printf.js';
import { GoInt, isMap, truth, typeName, type GoValue } from './go-value.js';

/**
 * How a Go function's parameter accepts an argument. `value` is text/template's reflect.Value
 * parameter (builtins): it receives even a missing value. `any` is interface{}: a missing value
 * becomes nil. The others must hold exactly that type, or the call fails as in Go.
 */
export type ParamType = 'value' | 'any' | 'string' | 'int' | 'bool';

export interface GoFunction {
  readonly params: readonly ParamType[];
  /** The type of every further argument, for a variadic function. */
  readonly variadic?: ParamType;
  readonly call: (...args: GoValue[]) => GoValue;
}

export type FunctionMap = Readonly<Record<string, GoFunction>>;

/** An error a function returns; the evaluator reports it as `error calling NAME: …`. */
export class CallError extends Error {}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function kindOf(v: GoValue): Kind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float';
  if (v instanceof GoInt) return 'int';
  return 'other';
}

const scalar = (v: GoValue): string | number | boolean => (v instanceof GoInt ? v.value : (v as string | number | boolean));

function eq(first: GoValue, ...others: GoValue[]): boolean {
  if (others.length === 0) throw new CallError('missing argument for comparison');
  const k1 = kindOf(first);
  for (const other of others) {
    const k2 = kindOf(other);
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new CallError('incompatible types for comparison');
      continue;
    }
    if (k1 === 'invalid') return true;
    if (k1 === 'other') throw new CallError(`non-comparable type ${typeName(first)}`);
    if (scalar(first) === scalar(other)) return true;
  }
  return false;
}

function less(a: GoValue, b: GoValue): boolean {
  const [k1, k2] = [kindOf(a), kindOf(b)];
  if (k1 === 'invalid' || k1 === 'other' || k1 === 'bool' || k2 === 'invalid' || k2 === 'other' || k2 === 'bool') throw new CallError('invalid type for comparison');
  if (k1 !== k2) throw new CallError('incompatible types for comparison');
  return scalar(a) < scalar(b);
}

function length(item: GoValue): GoValue {
  if (item === undefined || item === null) throw new CallError('len of nil pointer');
  if (typeof item === 'string') return new GoInt(Buffer.byteLength(item, 'utf8'));
  if (Array.isArray(item)) return new GoInt(item.length);
  if (isMap(item)) return new GoInt(Object.keys(item).length);
  throw new CallError(`len of type ${typeName(item)}`);
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new CallError('index of untyped nil');
  let current: GoValue = item;
  for (const key of indexes) {
    if (current === undefined || current === null) throw new CallError('index of nil pointer');
    if (Array.isArray(current) || typeof current === 'string') {
      if (key === undefined || key === null) throw new CallError('cannot index slice/array with nil');
      if (!(key instanceof GoInt)) throw new CallError(`cannot index slice/array with type ${typeName(key)}`);
      const size = typeof current === 'string' ? Buffer.byteLength(current, 'utf8') : current.length;
      if (key.value < 0 || key.value >= size) throw new CallError(`index out of range: ${key.value}`);
      current = typeof current === 'string' ? new GoInt(Buffer.from(current, 'utf8')[key.value]!) : current[key.value];
    } else if (isMap(current)) {
      if (typeof key !== 'string') throw new CallError(`value has type ${typeName(key)}; should be string`);
      // A missing key gives the map's zero value, nil, whatever missingkey says.
      current = Object.hasOwn(current, key) ? current[key] : null;
    } else {
      throw new CallError(`can't index item of type ${typeName(current)}`);
    }
  }
  return current;
}

/** text/template's own functions, less `and`/`or` (which the evaluator runs lazily) and those refused. */
export const BUILTINS: FunctionMap = {
  not: { params: ['value'], call: (v) => !truth(v) },
  len: { params: ['value'], call: length },
  index: { params: ['value'], variadic: 'value', call: index },
  eq: { params: ['value'], variadic: 'value', call: eq },
  ne: { params: ['value', 'value'], call: (a, b) => !eq(a, b) },
  lt: { params: ['value', 'value'], call: (a, b) => less(a, b) },
  le: { params: ['value', 'value'], call: (a, b) => less(a, b) || eq(a, b) },
  gt: { params: ['value', 'value'], call: (a, b) => !less(a, b) && !eq(a, b) },
  ge: { params: ['value', 'value'], call: (a, b) => !less(a, b) },
  print: { params: [], variadic: 'any', call: (...args) => sprint(args) },
  printf: { params: ['string'], variadic: 'any', call: (format, ...args) => sprintf(format as string, args) },
  println: { params: [], variadic: 'any', call: (...args) => sprintln(args) },
};

/** Lazily evaluated: `and` stops at the first false argument, `or` at the first true one. */
export const SHORT_CIRCUIT = new Set(['and', 'or']);

/** Go builtins an ApplicationSet has no use for, refused by name rather than half-implemented. */
export const UNSUPPORTED_BUILTINS = new Set(['call', 'html', 'js', 'slice', 'urlquery']);
