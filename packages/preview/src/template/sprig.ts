import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { pathBase, pathDir } from '../go-path.js';
import { CallError, type FunctionMap, type GoFunction } from './go-builtins.js';
import { formatValue, fromJson, goQuote, isMap, toJson as toPlain, truth, type GoInt, type GoMap, type GoValue } from './go-value.js';

/**
 * The sprig functions Argo CD's ApplicationSet documentation uses, plus Argo CD's own `normalize`,
 * `toYaml` and `fromYaml`, each with sprig's parameter types and behaviour. Every other sprig
 * function is in SPRIG_NAMES, so using one is refused by name instead of reported as undefined.
 */
export const SPRIG: FunctionMap = {
  lower: { params: ['string'], call: (s) => (s as string).toLowerCase() },
  upper: { params: ['string'], call: (s) => (s as string).toUpperCase() },
  title: { params: ['string'], call: (s) => (s as string).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) },
  replace: { params: ['string', 'string', 'string'], call: (old, replacement, s) => replaceAll(s as string, old as string, replacement as string) },
  trunc: { params: ['int', 'string'], call: (c, s) => trunc((c as GoInt).value, s as string) },
  trim: { params: ['string'], call: (s) => (s as string).trim() },
  trimAll: { params: ['string', 'string'], call: (cutset, s) => trimCutset(s as string, cutset as string) },
  trimPrefix: { params: ['string', 'string'], call: (prefix, s) => ((s as string).startsWith(prefix as string) ? (s as string).slice((prefix as string).length) : (s as string)) },
  trimSuffix: { params: ['string', 'string'], call: (suffix, s) => trimSuffix(s as string, suffix as string) },
  hasPrefix: { params: ['string', 'string'], call: (prefix, s) => (s as string).startsWith(prefix as string) },
  hasSuffix: { params: ['string', 'string'], call: (suffix, s) => (s as string).endsWith(suffix as string) },
  contains: { params: ['string', 'string'], call: (part, s) => (s as string).includes(part as string) },
  repeat: { params: ['int', 'string'], call: (count, s) => (s as string).repeat(Math.max(0, (count as GoInt).value)) },
  indent: { params: ['int', 'string'], call: (n, s) => indent((n as GoInt).value, s as string) },
  nindent: { params: ['int', 'string'], call: (n, s) => `\n${indent((n as GoInt).value, s as string)}` },
  quote: { params: [], variadic: 'any', call: (...args) => args.filter((a) => a !== null).map((a) => goQuote(strval(a))).join(' ') },
  squote: { params: [], variadic: 'any', call: (...args) => args.filter((a) => a !== null).map((a) => `'${strval(a)}'`).join(' ') },
  cat: { params: [], variadic: 'any', call: (...args) => args.filter((a) => a !== null).map(formatValue).join(' ') },
  ['toString']: { params: ['any'], call: (v: GoValue) => strval(v) } as GoFunction,
  default: { params: ['any'], variadic: 'any', call: (fallback, ...given) => (given.length === 0 || !truth(given[0]) ? fallback : given[0]) },
  empty: { params: ['any'], call: (v) => !truth(v) },
  coalesce: { params: [], variadic: 'any', call: (...args) => args.find(truth) ?? null },
  ternary: { params: ['any', 'any', 'bool'], call: (yes, no, condition) => (condition ? yes : no) },
  join: { params: ['string', 'any'], call: (sep, v) => strslice(v).join(sep as string) },
  splitList: { params: ['string', 'string'], call: (sep, s) => (s as string).split(sep as string) },
  list: { params: [], variadic: 'any', call: (...items) => items },
  first: { params: ['any'], call: (v) => (Array.isArray(v) ? (v[0] ?? null) : fail(`cannot find first on type ${typeof v}`)) },
  last: { params: ['any'], call: (v) => (Array.isArray(v) ? (v[v.length - 1] ?? null) : fail(`cannot find last on type ${typeof v}`)) },
  dict: { params: [], variadic: 'any', call: (...pairs) => dict(pairs) },
  get: { params: ['any', 'string'], call: (d, key) => (isMap(d) && Object.hasOwn(d, key as string) ? d[key as string]! : '') },
  hasKey: { params: ['any', 'string'], call: (d, key) => isMap(d) && Object.hasOwn(d, key as string) },
  dig: { params: ['any', 'any', 'any'], variadic: 'any', call: (...args) => dig(args) },
  b64enc: { params: ['string'], call: (s) => Buffer.from(s as string, 'utf8').toString('base64') },
  b64dec: { params: ['string'], call: (s) => base64Decode(s as string) },
  base: { params: ['string'], call: (p) => pathBase(p as string) },
  dir: { params: ['string'], call: (p) => pathDir(p as string) },
  ext: { params: ['string'], call: (p) => /(\.[^./]*)$/.exec(pathBase(p as string))?.[1] ?? '' },
  toJson: { params: ['any'], call: (v) => goJson(v) },
  mustToJson: { params: ['any'], call: (v) => goJson(v) },
  toRawJson: { params: ['any'], call: (v) => goJson(v, { escapeHtml: false }) },
  toPrettyJson: { params: ['any'], call: (v) => goJson(v, { indent: 2 }) },
  mustToPrettyJson: { params: ['any'], call: (v) => goJson(v, { indent: 2 }) },
  fromJson: { params: ['string'], call: (s) => parseOr(() => fromJson(JSON.parse(s as string)), {}) },
  toYaml: { params: ['any'], call: (v) => toYaml(v) },
  fromYaml: { params: ['string'], call: (s) => fromYaml(s as string) },
  normalize: { params: ['string'], call: (s) => normalize(s as string) },
};

/** Argo CD's SanitizeName: lower case, anything outside `[-a-z0-9.]` as `-`, at most 253 characters, trimmed of `-` and `.`. */
export function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}

const fail = (message: string): never => {
  throw new CallError(message);
};

/** Go's strings.Replace with n = -1: an empty `old` inserts `replacement` around every character. */
function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return replacement + [...s].join(replacement) + (s.length > 0 ? replacement : '');
  return s.split(old).join(replacement);
}

function trunc(c: number, s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  if (c < 0 && bytes.length + c > 0) return bytes.subarray(bytes.length + c).toString('utf8');
  if (c >= 0 && bytes.length > c) return bytes.subarray(0, c).toString('utf8');
  return s;
}

function trimSuffix(s: string, suffix: string): string {
  return suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}

function trimCutset(s: string, cutset: string): string {
  const chars = new Set(cutset);
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && chars.has(runes[start]!)) start++;
  while (end > start && chars.has(runes[end - 1]!)) end--;
  return runes.slice(start, end).join('');
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(0, spaces));
  return pad + s.replace(/\n/g, `\n${pad}`);
}

/** sprig's strval: a string as it is, anything else as fmt's %v prints it. */
function strval(v: GoValue): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** sprig's strslice: a list's non-nil items as strings, or one value as a list of itself. */
function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((item) => item !== null && item !== undefined).map(strval);
  return v === null || v === undefined ? [] : [strval(v)];
}

function dict(pairs: readonly GoValue[]): GoMap {
  const result: GoMap = {};
  for (let i = 0; i < pairs.length; i += 2) result[strval(pairs[i])] = i + 1 < pairs.length ? pairs[i + 1] : '';
  return result;
}

/** dig KEY… DEFAULT DICT: the value under the keys, or DEFAULT as soon as one is missing. */
function dig(args: readonly GoValue[]): GoValue {
  let current = args[args.length - 1];
  const fallback = args[args.length - 2];
  const keys = args.slice(0, -2);
  for (const key of keys) {
    if (typeof key !== 'string') fail(`interface conversion: interface {} is ${typeof key}, not string`);
    if (!isMap(current)) return fail('interface conversion: interface {} is not map[string]interface {}');
    if (!Object.hasOwn(current, key as string)) return fallback;
    current = current[key as string];
  }
  return current;
}

function base64Decode(s: string): string {
  const invalid = /[^A-Za-z0-9+/=]/.exec(s);
  if (invalid) return `illegal base64 data at input byte ${invalid.index}`;
  if (s.length % 4 !== 0 || /=[^=]/.test(s)) return `illegal base64 data at input byte ${Math.max(0, s.length - (s.length % 4 || 4))}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

/** encoding/json as Go's json.Marshal writes it: keys sorted, `<`, `>` and `&` escaped unless told not to. */
export function goJson(v: GoValue, { indent = 0, escapeHtml = true } = {}): string {
  const text = JSON.stringify(sortKeys(toPlain(v)), null, indent) ?? 'null';
  const escaped = escapeHtml ? text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') : text;
  return escaped.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Argo CD's toYaml: sigs.k8s.io/yaml's layout (sorted keys, lists flush with their key), less the final newline. */
function toYaml(v: GoValue): string {
  const text = stringifyYaml(sortKeys(toPlain(v)), { indentSeq: false, lineWidth: 0, version: '1.1' });
  return text.replace(/\n$/, '');
}

function fromYaml(s: string): GoValue {
  return parseOr(() => {
    const value = fromJson(parseYaml(s, { version: '1.1' }));
    return isMap(value) ? value : {};
  }, {});
}

/** sprig's fromJson and Argo CD's fromYaml give an empty map, not an error, for text that does not parse. */
function parseOr(read: () => GoValue, fallback: GoValue): GoValue {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Every function sprig v3 defines (less `env`, `expandenv` and `getHostByName`, which Argo CD removes) and Argo CD adds. */
export const SPRIG_NAMES = new Set(
  (
    'hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone must_date_modify ' +
    'mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall ' +
    'trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase ' +
    'kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote cat indent nindent replace plural sha1sum sha256sum sha512sum ' +
    'adler32sum toString atoi int64 int float64 seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod ' +
    'mul randInt add1f addf subf divf mulf biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any ' +
    'compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary ' +
    'deepCopy mustDeepCopy typeOf typeIs typeIsLike kindOf kindIs deepEqual base dir clean ext isAbs osBase osClean osDir osExt ' +
    'osIsAbs b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge mergeOverwrite mustMerge ' +
    'mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend first mustFirst rest mustRest last mustLast ' +
    'initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk ' +
    'bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey ' +
    'genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes uuidv4 semver semverCompare fail regexMatch mustRegexMatch ' +
    'regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral ' +
    'mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin normalize slugify toYaml fromYaml fromYamlArray'
  ).split(' '),
);
