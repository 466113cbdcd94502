import { describe, expect, it } from 'vitest';
import { ParseMemo } from '../src/parse-memo.js';

const TEXT = 'name: web\nimage:\n  tag: v1\n';

/** What a later run starts from: the entries this run kept, through JSON as the render state stores them. */
const nextRun = (memo: ParseMemo) => new ParseMemo(JSON.parse(JSON.stringify(memo.entries())));

describe('ParseMemo', () => {
  it('gives a later run the same values, with positions parsed again only when asked for', () => {
    const first = new ParseMemo();
    const parsed = first.parse(TEXT, 'apps/web/app.yaml');
    const again = nextRun(first).parse(TEXT, 'apps/web/app.yaml');
    expect(again.documents.map((d) => d.value)).toEqual(parsed.documents.map((d) => d.value));
    expect(again.documents[0]!.positionOf(['image', 'tag'])).toEqual({ file: 'apps/web/app.yaml', line: 3, col: 8 });
  });

  it('remembers what was found true of a document for the same text only', () => {
    const first = new ParseMemo();
    first.parse(TEXT, 'apps/web/app.yaml').documents[0]!.verdicts.add('valid app.schema.json');
    const later = nextRun(first);
    expect([...later.parse(TEXT, 'apps/web/app.yaml').documents[0]!.verdicts]).toEqual(['valid app.schema.json']);
    expect(later.parse(TEXT.replace('v1', 'v2'), 'apps/web/app.yaml').documents[0]!.verdicts.size).toBe(0);
    expect(later.parse(TEXT, 'apps/other/app.yaml').documents[0]!.verdicts.size).toBe(0);
  });

  it('keeps only the texts this run read', () => {
    const first = new ParseMemo();
    first.parse(TEXT, 'a.yaml');
    first.parse('x: 1\n', 'b.yaml');
    const later = nextRun(first);
    later.parse(TEXT, 'a.yaml');
    expect(Object.keys(later.entries())).toHaveLength(1);
  });
});
