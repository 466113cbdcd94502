import { GitProblem } from '../git-repository.js';
import { gitPathspecMatch } from '../glob.js';
import { pathDir } from '../go-path.js';
import { flattenParams, isParamMap, type Params } from '../params.js';
import { fromYamlText } from '../yaml-values.js';
import { readSpec, withValues, type Generator } from './generator.js';
import { readPatterns } from './git-directories.js';
import { loadTree, pathParams, readGitSpec } from './git-spec.js';

/**
 * The git files generator: every file at the revision that an include path matches (git ls-files
 * matching, where `*` also crosses folders) and no exclude path matches, in path order. A file
 * holds one map of parameters or a list of them; with fasttemplate they are flattened to
 * `a.b.c` keys. Path parameters name the file's folder.
 */
export const gitFiles: Generator = {
  async generate(raw, at, context) {
    const spec = readSpec(raw, 'git', at, context);
    const git = spec && readGitSpec(spec, at, context);
    const patterns = readPatterns(spec?.files);
    if (!patterns) context.report({ code: 'FF803', message: '`files` is a list of `{path, exclude}`', path: [...at, 'files'] });
    if (!git || !patterns) return [];
    const tree = await loadTree(git, at, context);
    if (!tree) return [];
    const matching = (exclude: boolean) => new Set([...tree.files.keys()].filter((file) => patterns.some((p) => p.exclude === exclude && gitPathspecMatch(p.path, file))));
    const excluded = matching(true);
    const files = [...matching(false)].filter((file) => !excluded.has(file)).sort();
    const sets: Params[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = await context.git.read(tree, file);
      } catch (cause) {
        if (!(cause instanceof GitProblem)) throw cause;
        context.report({ code: 'FF807', message: cause.message, path: [...at, 'files'] });
        continue;
      }
      const objects = parseParamFile(text);
      if (!objects) {
        context.report({ code: 'FF807', message: `${file} at ${git.revision} is not a YAML or JSON map, nor a list of maps`, path: [...at, 'files'], found: file });
        continue;
      }
      for (const object of objects) {
        const own = context.engine.goTemplate ? object : flattenParams(object);
        const params = withValues({ ...own, ...pathParams(pathDir(file), file, git, context.engine.goTemplate) }, git.values, at, context);
        if (params) sets.push(params);
      }
    }
    return sets;
  },
};

/** A parameter file: a list of maps, or one map; an empty file is one empty map. */
function parseParamFile(text: string): Params[] | undefined {
  const value = fromYamlText(text);
  if (value === null) return [{}];
  if (Array.isArray(value)) return value.length === 0 ? [{}] : value.every(isParamMap) ? value : undefined;
  return isParamMap(value) ? [value] : undefined;
}
