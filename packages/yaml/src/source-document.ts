import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node } from 'yaml';
import { error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';

export type PathSegment = string | number;

/**
 * One YAML document parsed with its source positions kept, so any JSON path inside it
 * can be traced back to a file, line and column.
 */
export class SourceDocument {
  constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /**
   * The position of the node at `path`, or of its key when `key` is true (where an unknown
   * property should be reported). A path that runs past the document points at the deepest
   * node that exists, which is where a missing property belongs.
   */
  positionOf(path: readonly PathSegment[], { key = false } = {}): SourcePosition {
    let node: unknown = this.document.contents;
    let keyNode: unknown;
    for (const segment of path) {
      const next = childOf(node, segment);
      if (next === undefined) break;
      node = next.value;
      keyNode = next.key;
    }
    const target = key && keyNode !== undefined ? keyNode : node;
    const offset = rangeStart(target) ?? rangeStart(this.document.contents) ?? 0;
    const { line, col } = this.lines.linePos(offset);
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

/**
 * Parses a YAML stream. Syntax errors and duplicate keys become diagnostics with their position;
 * empty documents (a lone `---`, only comments) are skipped.
 */
export function parseYamlStream(text: string, file: string): ParseResult {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    for (const problem of doc.errors) {
      const { line, col } = lines.linePos(problem.pos[0]);
      const duplicate = problem.code === 'DUPLICATE_KEY';
      diagnostics.push(
        error(duplicate ? 'FF002' : 'FF001', duplicate ? 'duplicate key' : `YAML syntax error: ${firstLine(problem.message)}`, {
          position: { file, line, col },
          hint: duplicate ? 'a key may appear once per mapping; remove or merge the repeated one' : undefined,
        }),
      );
    }
    if (doc.errors.length > 0) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    documents.push(new SourceDocument(file, value, doc, lines));
  }
  return { documents, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
