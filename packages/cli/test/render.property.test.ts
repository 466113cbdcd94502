import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFleetformError } from '@fleetform/diagnostics';
import { renderFleet, type RenderResult } from '@fleetform/render';
import { readInputs, type InputFiles } from '@fleetform/values';
import { parseYamlStream, type PathSegment } from '@fleetform/yaml';
import { copyExampleFleet, repoRoot, run } from './fleet-copy.js';

// Random small edits of the example fleet's app values (replicas, image tags, labels), rendered
// in-process and through the command line. Kept to a few runs each: a render of the example fleet
// takes about half a second.

interface Target {
  readonly file: string;
  readonly path: readonly PathSegment[];
  readonly kind: 'replicas' | 'tag' | 'label';
}

let example: InputFiles;
let targets: Target[];

beforeAll(async () => {
  example = await readInputs(repoRoot);
  targets = [...example].flatMap(([file, text]) => (/^apps\/[^/]+\/app\.yaml$/.test(file) ? targetsIn(file, text) : []));
});

function targetsIn(file: string, text: string): Target[] {
  const value = parseYamlStream(text, file).documents[0]!.value as Record<string, Record<string, unknown> | undefined>;
  const found: Target[] = [];
  for (const [workload, spec] of Object.entries(value.workloads ?? {})) {
    if (typeof (spec as { replicas?: unknown }).replicas === 'number') found.push({ file, path: ['workloads', workload, 'replicas'], kind: 'replicas' });
  }
  if (typeof value.image?.tag === 'string') found.push({ file, path: ['image', 'tag'], kind: 'tag' });
  for (const [label, v] of Object.entries(value.labels ?? {})) if (typeof v === 'string') found.push({ file, path: ['labels', label], kind: 'label' });
  return found;
}

/** Replaces the plain or quoted scalar at `path` in place, leaving every other byte as it was. */
function setScalar(text: string, file: string, path: readonly PathSegment[], literal: string): string {
  const { line, col } = parseYamlStream(text, file).documents[0]!.positionOf(path);
  const lines = text.split('\n');
  const row = lines[line - 1]!;
  const token = /^("[^"]*"|'[^']*'|[^\s#,}\]]+)/.exec(row.slice(col - 1))![0];
  lines[line - 1] = row.slice(0, col - 1) + literal + row.slice(col - 1 + token.length);
  return lines.join('\n');
}

const edit = fc.integer({ min: 0, max: 10_000 }).chain((pick) =>
  fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,11}$/), fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/)).map((literal) => ({ pick, literal })),
);
const edits = fc.array(edit, { minLength: 1, maxLength: 4 });

function applyEdits(list: readonly { pick: number; literal: string }[]): Map<string, string> {
  const files = new Map(example);
  for (const { pick, literal } of list) {
    const target = targets[pick % targets.length]!;
    // A replica count stays a number; a tag or label is quoted so `1.0` or `007` stays a string.
    const written = target.kind === 'replicas' ? String(Number.parseInt(literal, 10) || 1) : JSON.stringify(literal);
    files.set(target.file, setScalar(files.get(target.file)!, target.file, target.path, written));
  }
  return files;
}

/** Renders, letting only a user error escape; any other exception fails the property. */
function renderOrUserError(files: InputFiles): RenderResult | undefined {
  try {
    return renderFleet(files);
  } catch (cause) {
    if (isFleetformError(cause)) return undefined;
    throw cause;
  }
}

const sorted = (files: ReadonlyMap<string, string>) => [...files].sort(([a], [b]) => (a < b ? -1 : 1));

describe('render, on random edits of the example fleet', () => {
  it('finds editable values in the example fleet', () => {
    expect(new Set(targets.map((t) => t.kind))).toEqual(new Set(['replicas', 'tag', 'label']));
  });

  it('throws nothing but a user error, and gives the same files whatever order the inputs are read in', () => {
    fc.assert(
      fc.property(edits, fc.infiniteStream(fc.nat()), (list, randoms) => {
        const files = applyEdits(list);
        const first = renderOrUserError(files);
        const keys = [...files.keys()];
        for (let i = keys.length - 1; i > 0; i--) {
          const j = randoms.next().value % (i + 1);
          [keys[i], keys[j]] = [keys[j]!, keys[i]!];
        }
        const second = renderOrUserError(new Map(keys.map((k) => [k, files.get(k)!])));
        expect(second?.diagnostics.length).toBe(first?.diagnostics.length);
        if (!first?.layout) return;
        expect(sorted(second!.layout!.files)).toEqual(sorted(first.layout.files));
      }),
      { numRuns: 6 },
    );
  }, 20_000);

  it('writes byte-identical files twice, after which `render --check` is clean', async () => {
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        const dir = await copyExampleFleet();
        const files = applyEdits(list);
        for (const [path, text] of files) if (text !== example.get(path)) await writeFile(join(dir, path), text);
        const first = await run('render', '--root', dir);
        expect(first.err).not.toContain('internal error');
        if (first.code !== 0) return;
        const second = await run('render', '--root', dir);
        expect(second).toMatchObject({ code: 0, out: expect.stringContaining(': 0 created, 0 updated, 0 removed,') });
        const check = await run('render', '--check', '--root', dir);
        expect(check).toMatchObject({ code: 0, out: expect.stringContaining('generated files are up to date') });
      }),
      { numRuns: 2 },
    );
  }, 20_000);
});
