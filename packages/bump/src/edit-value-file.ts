import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type ToStringOptions } from 'yaml';
import { error, type Diagnostic } from '@fleetform/diagnostics';

/** One change to a value file: set a key (creating the mappings above it) or delete it. */
export type ValueEdit = { readonly path: readonly string[]; readonly value: string | null } | { readonly path: readonly string[]; readonly delete: true };

/**
 * The ways yaml can print a document. The one that prints the file exactly as it was written is
 * used for the edited file, so every line the edit does not touch stays byte for byte.
 */
const LAYOUTS: ToStringOptions[] = [false, true].flatMap((flowCollectionPadding) =>
  [true, false].map((indentSeq) => ({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding, indentSeq })),
);

/**
 * Applies edits to the text of a value file with yaml's Document API: comments, key order, quoting
 * and blank lines stay, and the result differs from `text` only in the lines the edits set or add.
 */
export function editValueFile(file: string, text: string, edits: readonly ValueEdit[]): { text: string } | { diagnostic: Diagnostic } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const layout = LAYOUTS.find((options) => doc.toString(options) === text);
  if (doc.errors.length > 0 || !layout) {
    return {
      diagnostic: error('FF507', `${file} cannot be edited without rewriting lines the change does not touch`, {
        position: { file, line: firstDifferentLine(text, doc.toString(LAYOUTS[0])), col: 1 },
        hint: 'edit the tag by hand, or write the file the way yaml prints it (LF line ends, no folded plain scalars)',
      }),
    };
  }
  for (const edit of edits) {
    const problem = makeRoom(doc, edit.path, file, lines);
    if (problem) return { diagnostic: problem };
    if ('delete' in edit) doc.deleteIn(edit.path);
    else doc.setIn(edit.path, edit.value);
  }
  return { text: doc.toString(layout) };
}

/** Makes every key above the edited one a mapping: absent keys are created, an empty `key:` becomes one. */
function makeRoom(doc: Document, path: readonly string[], file: string, lines: LineCounter): Diagnostic | undefined {
  for (let depth = 1; depth < path.length; depth++) {
    const prefix = path.slice(0, depth);
    const node = doc.getIn(prefix, true);
    if (node === undefined || isMap(node)) continue;
    if (isScalar(node) && node.value === null) {
      doc.setIn(prefix, doc.createNode({}));
      continue;
    }
    const at = isNode(node) && node.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return error('FF507', `\`${prefix.join('.')}\` in ${file} is not a mapping, so \`${path.join('.')}\` cannot be set`, {
      position: { file, line: at.line, col: at.col },
      path: `/${prefix.join('/')}`,
      expected: 'a mapping',
      hint: 'make it a mapping, or edit the file by hand',
    });
  }
  return undefined;
}

function firstDifferentLine(a: string, b: string): number {
  const [x, y] = [a.split('\n'), b.split('\n')];
  const index = x.findIndex((line, i) => line !== y[i]);
  return index === -1 ? 1 : index + 1;
}
