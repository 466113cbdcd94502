import { createHash } from 'node:crypto';
import type { Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream, SourceDocument, type ParseResult } from './source-document.js';

/** What parseYamlStream found in one text, as plain data: each document's value, and the problems. */
export interface ParsedText {
  readonly values: readonly unknown[];
  readonly diagnostics: readonly Diagnostic[];
  /** Each document's verdicts (see SourceDocument.verdicts). */
  readonly verdicts?: readonly (readonly string[])[];
}

/**
 * Parses remembered by file and text, so that a later run (an incremental render) skips parsing the
 * value files that did not change: for a fleet, parsing is most of loading. A remembered document
 * keeps its value; its source positions, needed only to report a problem, come from parsing the
 * text again when first asked for.
 */
export class ParseMemo {
  private readonly used = new Map<string, { readonly parsed: ParsedText; readonly documents: readonly SourceDocument[] }>();

  constructor(private readonly earlier: Readonly<Record<string, ParsedText>> = {}) {}

  readonly parse = (text: string, file: string): ParseResult => {
    const key = createHash('sha1').update(`${file}\u0000${text}`).digest('base64url');
    const known = this.earlier[key] ?? this.used.get(key)?.parsed;
    if (known) {
      let reparsed: ParseResult | undefined;
      const documents = known.values.map((value, i) => SourceDocument.deferred(file, value, () => (reparsed ??= parseYamlStream(text, file)).documents[i]!));
      documents.forEach((d, i) => known.verdicts?.[i]?.forEach((v) => d.verdicts.add(v)));
      this.used.set(key, { parsed: known, documents });
      return { documents, diagnostics: [...known.diagnostics] };
    }
    const result = parseYamlStream(text, file);
    this.used.set(key, { parsed: { values: result.documents.map((d) => d.value), diagnostics: result.diagnostics }, documents: result.documents });
    return result;
  };

  /** The parses this run used, with their documents' verdicts now, to remember for the next one (texts no longer read are dropped). */
  entries(): Record<string, ParsedText> {
    return Object.fromEntries(
      [...this.used].map(([key, { parsed, documents }]) => [key, { values: parsed.values, diagnostics: parsed.diagnostics, verdicts: documents.map((d) => [...d.verdicts].sort()) }]),
    );
  }
}
