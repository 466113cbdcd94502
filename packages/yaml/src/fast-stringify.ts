import { stringify } from 'yaml';
import { OPTIONS } from './options.js';

/*
 * A direct YAML emitter for plain JSON-like data that writes byte for byte what
 * `stringify(value, OPTIONS)` from the `yaml` package writes, at a fraction of the cost
 * (yaml builds a node tree and resolves a tag for every scalar).
 *
 * It only does layout. Every string it is not sure about is written once by `yaml` itself and
 * remembered. Whenever it meets something it cannot place safely (a multi-line scalar, a key that
 * needs `? `, a Date, a Map, a class instance, a bigint, a cycle...) it gives up on the whole
 * document and returns undefined, and the caller uses `yaml`.
 *
 * Layout written by `yaml` with OPTIONS (block style everywhere, indent step 2, indentSeq true):
 *   key: scalar          key:            key:            - scalar       - a: 1       - - x
 *   key: {}                nested: 1       - item        - {}             b: 2         - y
 */

/** Deeper nesting gives up: this catches cycles, and no real manifest is this deep. */
const MAX_DEPTH = 100;

/**
 * The memos are module-level so they pay off across documents (a fleet repeats the same
 * names, images and labels thousands of times). They are bounded so a long-running process
 * cannot grow them without limit: when one is full it is simply cleared, which costs at most
 * one `yaml` call per distinct string afterwards. Long strings are rarely repeated and are
 * not remembered at all.
 */
const MEMO_LIMIT = 50_000;
const MEMO_MAX_LENGTH = 256;

/** What `yaml` writes for a string after `key: ` or `- `; null when it cannot be placed on one line. */
const valueMemo = new Map<string, string | null>();
/** What `yaml` writes for a map key before `:`; null when it is not a plain one-line implicit key. */
const keyMemo = new Map<string, string | null>();

/**
 * Strings `yaml` always writes as they are: they start with an ASCII letter, so no indicator,
 * number, timestamp or `.inf`/`.nan` reading applies; they hold no space, `:` or `#`; they are
 * longer than 5 characters, so no YAML 1.1 boolean or null word (y, n, yes, No, ON, off, true,
 * False, null, NULL...) matches; and they are at most 1000 long, because `yaml` turns a key
 * longer than 1024 into an explicit `? ` key.
 */
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]{5,999}$/;
/** ...except `e12345` or `E-123456`: YAML 1.1 reads them as floats (`yaml` quotes them). */
const FLOAT_EXP = /^[eE]-?[0-9]+$/;
/**
 * A key starting like a document marker is quoted by `yaml` only in the top-level map, so the
 * same key is written two ways depending on depth: not worth remembering per depth, give up.
 */
const DOC_MARKER = /^(?:%|---|\.\.\.)/;

const isPlain = (s: string): boolean => PLAIN.test(s) && !FLOAT_EXP.test(s);

function remember(memo: Map<string, string | null>, s: string, text: string | null): void {
  if (s.length > MEMO_MAX_LENGTH) return;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, text);
}

/** How `yaml` writes a string as a map value or sequence item (both use the same rules there). */
function valueText(s: string): string | undefined {
  if (isPlain(s)) return s;
  let text = valueMemo.get(s);
  if (text === undefined) {
    const out = stringify({ v: s }, OPTIONS);
    // Expect exactly `v: <one-line scalar>\n`. Block scalars (`|`, `>`) and multi-line quoted
    // strings carry their own indentation, so they are left to `yaml`.
    text = out.startsWith('v: ') && out.indexOf('\n') === out.length - 1 ? out.slice(3, -1) : null;
    remember(valueMemo, s, text);
  }
  return text ?? undefined;
}

/** How `yaml` writes a map key. */
function keyText(k: string): string | undefined {
  if (isPlain(k)) return k;
  let text = keyMemo.get(k);
  if (text === undefined) {
    const out = DOC_MARKER.test(k) ? '' : stringify({ [k]: null }, OPTIONS);
    // Expect exactly `<one-line key>: null\n`; an explicit `? key\n: null` has two lines.
    text = out.endsWith(': null\n') && out.indexOf('\n') === out.length - 1 ? out.slice(0, -7) : null;
    remember(keyMemo, k, text);
  }
  return text ?? undefined;
}

/** `yaml` writes numbers with JSON.stringify, `-0` kept, and YAML's `.nan`/`.inf` spellings. */
function numberText(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '-0' : String(n);
  return Number.isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf';
}

/** A map or sequence that `yaml` writes in block style, i.e. on lines of its own. */
const isBlock = (value: unknown, text: string): boolean =>
  typeof value === 'object' && value !== null && text !== '{}' && text !== '[]';

/**
 * Writes `value` as it appears after `key: ` or `- `, with `indent` being the indentation of
 * its own lines after the first. Returns undefined to give up.
 */
function emit(value: unknown, indent: string, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return valueText(value);
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth > MAX_DEPTH) return undefined;
      // `yaml` calls toJSON when present; an own Symbol.iterator would make an object a sequence.
      if ('toJSON' in value) return undefined;
      if (Array.isArray(value)) {
        return Object.getPrototypeOf(value) === Array.prototype ? sequence(value, indent, depth) : undefined;
      }
      {
        const proto: unknown = Object.getPrototypeOf(value);
        if ((proto !== Object.prototype && proto !== null) || Symbol.iterator in value) return undefined;
      }
      return mapping(value as Record<string, unknown>, indent, depth);
    default:
      // undefined is handled by the callers; bigint, symbol and function are left to `yaml`.
      return undefined;
  }
}

function sequence(items: readonly unknown[], indent: string, depth: number): string | undefined {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    // `yaml` writes an undefined item (or a hole) as null.
    const item = items[i] ?? null;
    const text = emit(item, inner, depth + 1);
    if (text === undefined) return undefined;
    // A nested block starts right after `- `; its other lines are indented past the dash.
    out += i === 0 ? `- ${text}` : `\n${indent}- ${text}`;
  }
  return out;
}

function mapping(object: Record<string, unknown>, indent: string, depth: number): string | undefined {
  const inner = `${indent}  `;
  let out = '';
  for (const key of Object.keys(object)) {
    const value = object[key];
    // `yaml` drops undefined values; a map left empty is written `{}`.
    if (value === undefined) continue;
    const k = keyText(key);
    if (k === undefined) return undefined;
    const text = emit(value, inner, depth + 1);
    if (text === undefined) return undefined;
    if (out !== '') out += `\n${indent}`;
    // A nested block (map, or sequence thanks to indentSeq) goes on the next line, indented.
    out += isBlock(value, text) ? `${k}:\n${inner}${text}` : `${k}: ${text}`;
  }
  return out === '' ? '{}' : out;
}

/**
 * The text `toYaml` writes for `value`, ending in exactly one newline, or undefined when the
 * fast emitter gives up and `yaml` must be used.
 */
export function fastToYaml(value: unknown): string | undefined {
  // At the top level `yaml` writes some strings differently (document markers get a block
  // scalar), so only the always-plain ones are written here; undefined yields no document.
  if (value === undefined || (typeof value === 'string' && !isPlain(value))) return undefined;
  const text = emit(value, '', 0);
  return text === undefined ? undefined : `${text}\n`;
}
