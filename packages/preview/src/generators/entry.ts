import { didYouMean } from '@fleetform/diagnostics';
import { flattenParams, type Params } from '../params.js';
import { compileSelector } from '../selector.js';
import { renderDeep, type JsonPath } from '../template/engine.js';
import { isRecord, reportTemplateError, type GeneratorContext, type GeneratorKind, type Registry } from './generator.js';

/** Generators Argo CD has that need a service or a controller this preview cannot reach. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  scmProvider: 'it lists repositories from an SCM provider’s API',
  pullRequest: 'it lists pull requests from an SCM provider’s API',
  clusterDecisionResource: 'it reads a custom resource from a live cluster',
  plugin: 'it calls a plugin service over HTTP',
};

/** The generator keys in the order Argo CD runs them when one entry holds several. */
const GENERATOR_KEYS = ['list', 'clusters', 'git', 'scmProvider', 'clusterDecisionResource', 'pullRequest', 'matrix', 'merge', 'plugin'];
const OTHER_KEYS = ['selector'];

export interface EntryPart {
  readonly kind: GeneratorKind;
  readonly spec: unknown;
  readonly at: JsonPath;
}

/** One item of a `generators:` list: its generator(s) and post selector. */
export interface Entry {
  readonly parts: readonly EntryPart[];
  readonly selector?: unknown;
  readonly at: JsonPath;
}

/**
 * Reads one generator entry. A top-level entry may hold several generators (Argo CD runs each);
 * a matrix or merge child holds exactly one. A generator this preview cannot run is an error
 * naming it; a matrix or merge deeper than the registry allows is an error too.
 */
export function readEntry(raw: unknown, at: JsonPath, registry: Registry, context: GeneratorContext, { nested }: { nested: boolean }): Entry | undefined {
  if (!isRecord(raw)) {
    context.report({ code: 'FF803', message: 'a generator is a map with one generator key', path: at, found: JSON.stringify(raw) });
    return undefined;
  }
  const parts: EntryPart[] = [];
  let valid = true;
  for (const key of Object.keys(raw)) {
    if (OTHER_KEYS.includes(key) || GENERATOR_KEYS.includes(key)) continue;
    const hint = didYouMean(key, [...GENERATOR_KEYS, ...OTHER_KEYS]);
    context.report({ code: 'FF802', message: `unknown generator \`${key}\``, path: [...at, key], expected: `one of ${GENERATOR_KEYS.map((k) => `\`${k}\``).join(', ')}`, found: key, ...(hint ? { hint } : {}) });
    valid = false;
  }
  for (const key of GENERATOR_KEYS.filter((k) => raw[k] !== undefined && raw[k] !== null)) {
    const where = [...at, key];
    if (key in UNSUPPORTED) {
      context.report({ code: 'FF801', message: `the ${key} generator is not supported by fleetform preview: ${UNSUPPORTED[key]}`, path: where, hint: 'preview supports list, clusters, git, matrix and merge' });
      valid = false;
    } else if ((key === 'matrix' || key === 'merge') && !registry[key]) {
      context.report({ code: 'FF803', message: `a ${key} inside a matrix or merge that is itself nested: Argo CD nests matrix and merge two levels deep at most`, path: where });
      valid = false;
    } else if (key === 'git') {
      const kind = gitKind(raw.git);
      if (kind) parts.push({ kind, spec: raw.git, at: where });
      else {
        context.report({ code: 'FF803', message: 'a git generator needs `directories` or `files`', path: where });
        valid = false;
      }
    } else {
      parts.push({ kind: key as GeneratorKind, spec: raw[key], at: where });
    }
  }
  if (valid && parts.length === 0) context.report({ code: 'FF803', message: 'no generator in this entry', path: at, expected: GENERATOR_KEYS.join(', ') });
  if (valid && nested && parts.length > 1) context.report({ code: 'FF803', message: 'a matrix or merge child holds exactly one generator', path: at, found: parts.map((p) => p.at.at(-1)).join(', ') });
  for (const part of nested ? parts : []) {
    if (isRecord(part.spec) && part.spec.template !== undefined) {
      context.report({ code: 'FF813', severity: 'warning', message: 'Argo CD ignores the template of a matrix or merge child', path: [...part.at, 'template'], hint: 'move it to the matrix or merge itself' });
    }
  }
  if (!valid || parts.length === 0 || (nested && parts.length > 1)) return undefined;
  return { parts, selector: raw.selector, at };
}

function gitKind(spec: unknown): GeneratorKind | undefined {
  if (!isRecord(spec)) return undefined;
  if (Array.isArray(spec.directories) && spec.directories.length > 0) return 'gitDirectories';
  if (Array.isArray(spec.files) && spec.files.length > 0) return 'gitFiles';
  return undefined;
}

/**
 * Runs one part of an entry: renders its spec with `interpolate` first when a matrix passes the
 * first generator's parameters to the second, generates, then keeps what the post selector matches.
 */
export async function runPart(part: EntryPart, entry: Entry, registry: Registry, context: GeneratorContext, interpolate?: Params): Promise<Params[]> {
  let spec = part.spec;
  if (interpolate && Object.keys(interpolate).length > 0) {
    let failed = false;
    spec = renderDeep(part.spec, interpolate, context.engine, (path, cause) => {
      failed = true;
      reportTemplateError(context, [...part.at, ...path], cause, interpolate);
    });
    if (failed) return [];
  }
  const generator = registry[part.kind]!;
  const params = await generator.generate(spec, part.at, context);
  if (entry.selector === undefined || entry.selector === null) return params;
  const matches = compileSelector(entry.selector, [...entry.at, 'selector'], context.report);
  return matches ? params.filter((p) => matches(flattenParams(p))) : [];
}

/** A matrix or merge child: its one generator's parameter sets. */
export async function runChild(raw: unknown, at: JsonPath, registry: Registry, context: GeneratorContext, interpolate?: Params): Promise<Params[] | undefined> {
  const entry = readEntry(raw, at, registry, context, { nested: true });
  if (!entry) return undefined;
  return runPart(entry.parts[0]!, entry, registry, context, interpolate);
}
