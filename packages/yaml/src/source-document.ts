import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';

export type PathSegment = string | number;

/**
 * One YAML document parsed with its source positions kept, so any JSON path inside it
 * can be traced back to a file, line and column.
 */
export class SourceDocument {
  private located?: { readonly document: Document.Parsed; readonly lines: LineCounter };
  /**
   * What later steps found true of this document's value (`valid against app.schema.json`, say),
   * remembered with its parse (see ParseMemo) so that a later run need not find it again.
   */
  readonly verdicts = new Set<string>();

  constructor(
    readonly file: string,
    readonly value: unknown,
    document?: Document.Parsed,
    lines?: LineCounter,
    private readonly locate?: () => SourceDocument,
  ) {
    if (document && lines) this.located = { document, lines };
  }

  /**
   * A document whose value is known already (see ParseMemo) and whose positions come from
   * `reparse` when first asked for: the same document, parsed from the same text.
   */
  static deferred(file: string, value: unknown, reparse: () => SourceDocument): SourceDocument {
    return new SourceDocument(file, value, undefined, undefined, reparse);
  }

  private get source(): { readonly document: Document.Parsed; readonly lines: LineCounter } {
    this.located ??= this.locate!().located!;
    return this.located;
  }

  /**
   * The position of the node at `path`, or of its key when `key` is true (where an unknown
   * property should be reported). A path that runs past the document points at the deepest
   * node that exists, which is where a missing property belongs.
   */
  positionOf(path: readonly PathSegment[], { key = false } = {}): SourcePosition {
    const { document, lines } = this.source;
    let node: unknown = document.contents;
    let keyNode: unknown;
    for (const segment of path) {
      const next = childOf(node, segment);
      if (next === undefined) break;
      node = next.value;
      keyNode = next.key;
    }
    const target = key && keyNode !== undefined ? keyNode : node;
    const offset = rangeStart(target) ?? rangeStart(document.contents) ?? 0;
    const { line, col } = lines.linePos(offset);
    return { file: this.file, line, col };
  }
}

function childOf(node: unknown, segment: PathSegment): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (String(k) === String(segment)) return { key: item.key, value: item.value ?? item.key };
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value === undefined ? undefined : { key: undefined, value };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

export interface ParseResult {
  readonly documents: SourceDocument[];
  readonly diagnostics: Diagnostic[];
}

/** Deeper than this, a value file is refused: no fleet needs it, and every later step recurses. */
export const MAX_NESTING_DEPTH = 100;
/** Keys that would reach an object's prototype if a later step indexed a plain object with them. */
export const REFUSED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
// How much alias expansion a document may do (the yaml package's own measure); a billion-laughs
// document exceeds it at once, while anchors used a few times for repeated blocks stay well under.
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a YAML stream. Syntax errors and duplicate keys become diagnostics with their position;
 * empty documents (a lone `---`, only comments) are skipped. Hostile input is refused with a
 * diagnostic too, never an exception: nesting deeper than MAX_NESTING_DEPTH, aliases that expand
 * too much (billion laughs), and the REFUSED_KEYS anywhere.
 */
export function parseYamlStream(text: string, file: string): ParseResult {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const docs = Array.isArray(parsed) ? parsed : [];
  const at = (offset: number) => ({ file, ...lines.linePos(offset) });
  for (const doc of docs) {
    // The parser recurses per level of nesting; running out of stack it reports an error for every
    // character after that point. One error saying why is what helps.
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION' || e.message.includes('Maximum call stack'));
    if (exhausted) {
      diagnostics.push(tooDeep(at(openerRunStart(text, exhausted.pos[0]))));
      continue;
    }
    for (const problem of doc.errors) {
      const duplicate = problem.code === 'DUPLICATE_KEY';
      diagnostics.push(
        error(duplicate ? 'FF002' : 'FF001', duplicate ? 'duplicate key' : `YAML syntax error: ${firstLine(problem.message)}`, {
          position: at(problem.pos[0]),
          hint: duplicate ? 'a key may appear once per mapping; remove or merge the repeated one' : undefined,
        }),
      );
    }
    if (doc.errors.length > 0) continue;
    const deepest = findTooDeep(doc.contents);
    if (deepest !== undefined) {
      diagnostics.push(tooDeep(at(deepest)));
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      if (!(cause instanceof ReferenceError)) throw cause;
      diagnostics.push(
        error('FF006', 'YAML aliases expand too much', {
          position: at(firstAlias(doc) ?? 0),
          expected: `aliases that expand to at most ${MAX_ALIAS_COUNT} nodes`,
          found: 'aliases of aliases that multiply (a "billion laughs" document)',
          hint: 'write the repeated values out, or use fewer levels of aliases',
        }),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    const source = new SourceDocument(file, value, doc, lines);
    const refused = findRefusedKeys(value);
    for (const path of refused) {
      diagnostics.push(
        error('FF004', `the key \`${String(path[path.length - 1])}\` is not allowed`, {
          position: source.positionOf(path, { key: true }),
          path: `/${path.join('/')}`,
          expected: `a key other than ${[...REFUSED_KEYS].map((k) => `\`${k}\``).join(', ')}`,
          hint: 'these names can change how JavaScript objects behave, so fleetform refuses them in every file it reads',
        }),
      );
    }
    if (refused.length === 0) documents.push(source);
  }
  return { documents, diagnostics };
}

function tooDeep(position: SourcePosition): Diagnostic {
  return error('FF005', 'YAML nested too deeply', {
    position,
    expected: `at most ${MAX_NESTING_DEPTH} levels of mappings and lists`,
    hint: 'flatten the structure; no fleetform value needs this depth',
  });
}

/** The offset of the first node deeper than MAX_NESTING_DEPTH, walked without recursion. */
function findTooDeep(root: unknown): number | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return rangeStart(node) ?? 0;
    if (!isCollection(node)) continue;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Where the run of flow-collection openers (`[`, `{`) holding `offset` starts. The parser runs out
 * of stack somewhere inside such a run, at a depth that depends on how deep the stack already was;
 * the start of the run is the same on every machine.
 */
function openerRunStart(text: string, offset: number): number {
  let start = Math.min(offset, text.length);
  while (start > 0 && /[[{\s]/.test(text[start - 1]!) && text[start - 1] !== '\n') start--;
  while (start < offset && /\s/.test(text[start]!)) start++;
  return start;
}

function firstAlias(doc: { contents: unknown }): number | undefined {
  let offset: number | undefined;
  visit(doc as Parameters<typeof visit>[0], {
    Alias(_, node) {
      if (isAlias(node)) offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The paths of every REFUSED_KEYS key in a parsed value (own keys only), walked without recursion. */
function findRefusedKeys(value: unknown): PathSegment[][] {
  const found: PathSegment[][] = [];
  const stack: [unknown, PathSegment[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) node.forEach((item, i) => stack.push([item, [...path, i]]));
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        if (REFUSED_KEYS.has(key)) found.push([...path, key]);
        else stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
      }
    }
  }
  return found.sort((a, b) => a.join('/').localeCompare(b.join('/')));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
