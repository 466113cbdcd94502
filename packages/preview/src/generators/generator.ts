import { didYouMean, type Diagnostic } from '@fleetform/diagnostics';
import type { ClusterSource } from '../cluster-source.js';
import type { GitReader } from '../git-repository.js';
import type { Params } from '../params.js';
import type { JsonPath, TemplateEngine } from '../template/engine.js';
import { TemplateError } from '../template/errors.js';

/** The generators this preview runs. `git` is two: directories and files, told apart by the spec. */
export type GeneratorKind = 'list' | 'clusters' | 'gitDirectories' | 'gitFiles' | 'matrix' | 'merge';
export type SimpleKind = Exclude<GeneratorKind, 'matrix' | 'merge'>;

/** A problem in the ApplicationSet, at a JSON path inside it; the caller turns it into a positioned diagnostic. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path: JsonPath;
  readonly severity?: 'error' | 'warning';
  readonly expected?: string;
  readonly found?: string;
  readonly hint?: string;
}

export interface GeneratorContext {
  /** The ApplicationSet's engine: it renders `values`, and a matrix's second generator. */
  readonly engine: TemplateEngine;
  readonly clusters: ClusterSource;
  readonly git: GitReader;
  readonly report: (problem: Problem) => void;
  /** Problems found in other files (the fleet's values, a clusters file), reported as they are. */
  readonly forward: (diagnostics: readonly Diagnostic[]) => void;
}

/**
 * One kind of generator: the parameter sets it yields for its spec, the value under its key
 * (`list:`, `git:` …) at `at`. Problems go to `context.report`; a generator that cannot run
 * yields nothing, so one pass reports every problem of the ApplicationSet.
 */
export interface Generator {
  generate(spec: unknown, at: JsonPath, context: GeneratorContext): Promise<Params[]>;
}

export type Registry = Readonly<Record<SimpleKind, Generator>> & Readonly<Partial<Record<'matrix' | 'merge', Generator>>>;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A generator's `values:` map, which must hold strings. */
export function readValues(spec: Record<string, unknown>, at: JsonPath, context: GeneratorContext): Record<string, string> | undefined {
  const values = spec.values;
  if (values === undefined || values === null) return {};
  if (!isRecord(values) || Object.values(values).some((v) => typeof v !== 'string')) {
    context.report({ code: 'FF803', message: '`values` maps names to strings', path: [...at, 'values'], expected: 'a map of strings' });
    return undefined;
  }
  return values as Record<string, string>;
}

/**
 * Adds a generator's `values` to a parameter set, each rendered with that set (Argo CD's
 * appendTemplatedValues): under `values` in Go template mode, as `values.NAME` otherwise.
 */
export function withValues(params: Params, values: Readonly<Record<string, string>>, at: JsonPath, context: GeneratorContext): Params | undefined {
  const rendered: Record<string, string> = {};
  for (const [key, text] of Object.entries(values)) {
    try {
      rendered[key] = context.engine.render(text, params);
    } catch (cause) {
      reportTemplateError(context, [...at, 'values', key], cause, params);
      return undefined;
    }
  }
  if (Object.keys(rendered).length === 0) return params;
  if (context.engine.goTemplate) return { ...params, values: rendered };
  return { ...params, ...Object.fromEntries(Object.entries(rendered).map(([k, v]) => [`values.${k}`, v])) };
}

/**
 * Reports a TemplateError with its own code, and for a missing key the parameters there are;
 * anything else is a bug and propagates.
 */
export function reportTemplateError(context: GeneratorContext, path: JsonPath, cause: unknown, params?: Params): void {
  if (!(cause instanceof TemplateError)) throw cause;
  const keys = params && /no entry for key/.test(cause.message) ? Object.keys(params).sort() : undefined;
  const hint = keys && (keys.length > 0 ? `this parameter set has ${keys.map((k) => `\`${k}\``).join(', ')}` : 'this parameter set is empty');
  context.report({ code: cause.code, message: cause.message, path, ...(hint ? { hint } : {}) });
}

/**
 * Warns about fields a generator does not have: Argo CD's API drops them without a word, so a
 * misplaced `selector` or a misspelt `elemnts` would otherwise change the answer silently.
 */
export function checkFields(spec: Record<string, unknown>, known: readonly string[], at: JsonPath, context: GeneratorContext): void {
  for (const key of Object.keys(spec)) {
    if (known.includes(key)) continue;
    const hint = key === 'selector' ? 'a post selector sits beside the generator, not inside it' : didYouMean(key, known);
    context.report({ code: 'FF813', severity: 'warning', message: `Argo CD ignores \`${key}\` here`, path: [...at, key], expected: `one of ${known.map((k) => `\`${k}\``).join(', ')}`, ...(hint ? { hint } : {}) });
  }
}

/** Reads a generator's spec as a map, or reports that it is not one. */
export function readSpec(spec: unknown, kind: string, at: JsonPath, context: GeneratorContext): Record<string, unknown> | undefined {
  if (isRecord(spec)) return spec;
  context.report({ code: 'FF803', message: `the ${kind} generator takes a map`, path: at, found: JSON.stringify(spec) });
  return undefined;
}
