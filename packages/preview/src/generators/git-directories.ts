import { pathMatch } from '../glob.js';
import type { Params } from '../params.js';
import { isRecord, readSpec, withValues, type Generator } from './generator.js';
import { loadTree, pathParams, readGitSpec } from './git-spec.js';

/**
 * The git directories generator: every folder of the repository at the revision that an include
 * path matches (Go's path.Match, so `*` stays within one folder) and no exclude path matches,
 * skipping folders whose name starts with a dot, in the order Argo CD walks them.
 */
export const gitDirectories: Generator = {
  async generate(raw, at, context) {
    const spec = readSpec(raw, 'git', at, context);
    const git = spec && readGitSpec(spec, at, context);
    const patterns = readPatterns(spec?.directories);
    if (!patterns) context.report({ code: 'FF803', message: '`directories` is a list of `{path, exclude}`', path: [...at, 'directories'] });
    if (!git || !patterns) return [];
    const tree = await loadTree(git, at, context);
    if (!tree) return [];
    const folders = tree.directories.filter((d) => !d.split('/').some((segment) => segment.startsWith('.'))).sort(walkOrder);
    const matched = folders.filter((folder) => {
      const hits = patterns.filter((p) => pathMatch(p.path, folder) === true);
      return hits.some((p) => !p.exclude) && !hits.some((p) => p.exclude);
    });
    return matched
      .map((folder) => withValues(pathParams(folder, undefined, git, context.engine.goTemplate), git.values, at, context))
      .filter((p): p is Params => p !== undefined);
  },
};

export interface PathPattern {
  readonly path: string;
  readonly exclude: boolean;
}

export function readPatterns(raw: unknown): PathPattern[] | undefined {
  if (!Array.isArray(raw) || raw.some((item) => !isRecord(item) || typeof item.path !== 'string')) return undefined;
  return raw.map((item: { path: string; exclude?: unknown }) => ({ path: item.path, exclude: item.exclude === true }));
}

/** Go's filepath.WalkDir order: a folder, then its subfolders, siblings by name. */
function walkOrder(a: string, b: string): number {
  const [x, y] = [a.split('/'), b.split('/')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
