import { GitProblem, type GitTree } from '../git-repository.js';
import { pathBase } from '../go-path.js';
import type { Params } from '../params.js';
import type { JsonPath } from '../template/engine.js';
import { normalize } from '../template/sprig.js';
import { checkFields, readValues, type GeneratorContext } from './generator.js';

const GIT_FIELDS = ['repoURL', 'revision', 'directories', 'files', 'values', 'pathParamPrefix', 'template', 'requeueAfterSeconds'];

export interface GitSpec {
  readonly revision: string;
  readonly values: Readonly<Record<string, string>>;
  readonly pathParamPrefix: string;
}

/** The fields both git generators share. `repoURL` is not read: the preview reads the local repository. */
export function readGitSpec(spec: Record<string, unknown>, at: JsonPath, context: GeneratorContext): GitSpec | undefined {
  checkFields(spec, GIT_FIELDS, at, context);
  const values = readValues(spec, at, context);
  const revision = spec.revision ?? 'HEAD';
  if (typeof revision !== 'string') {
    context.report({ code: 'FF803', message: '`revision` is a branch, tag or commit', path: [...at, 'revision'], found: JSON.stringify(revision) });
    return undefined;
  }
  const prefix = spec.pathParamPrefix ?? '';
  if (typeof prefix !== 'string') {
    context.report({ code: 'FF803', message: '`pathParamPrefix` is a string', path: [...at, 'pathParamPrefix'] });
    return undefined;
  }
  return values ? { revision: revision || 'HEAD', values, pathParamPrefix: prefix } : undefined;
}

/** The repository's tree at the spec's revision, or undefined with the problem reported. */
export async function loadTree(spec: GitSpec, at: JsonPath, context: GeneratorContext): Promise<GitTree | undefined> {
  try {
    return await context.git.tree(spec.revision);
  } catch (cause) {
    if (!(cause instanceof GitProblem)) throw cause;
    context.report({ code: 'FF807', message: cause.message, path: [...at, 'revision'], ...(cause.hint ? { hint: cause.hint } : {}) });
    return undefined;
  }
}

/**
 * The path parameters of a folder (and, for the files generator, of the file in it), as Argo CD
 * names them: nested under `path` (or `PREFIX.path`) in Go template mode, flat keys otherwise.
 */
export function pathParams(folder: string, file: string | undefined, spec: GitSpec, goTemplate: boolean): Params {
  const basename = pathBase(folder);
  const filename = file === undefined ? undefined : pathBase(file);
  const segments = folder.split('/');
  if (goTemplate) {
    const path: Params = { path: folder, basename, basenameNormalized: normalize(basename) };
    if (filename !== undefined) Object.assign(path, { filename, filenameNormalized: normalize(filename) });
    path.segments = segments;
    return spec.pathParamPrefix ? { [spec.pathParamPrefix]: { path } } : { path };
  }
  const name = spec.pathParamPrefix ? `${spec.pathParamPrefix}.path` : 'path';
  const params: Params = { [name]: folder, [`${name}.basename`]: basename, [`${name}.basenameNormalized`]: normalize(basename) };
  if (filename !== undefined) Object.assign(params, { [`${name}.filename`]: filename, [`${name}.filenameNormalized`]: normalize(filename) });
  segments.forEach((segment, i) => {
    if (segment !== '') params[`${name}[${i}]`] = segment;
  });
  return params;
}
