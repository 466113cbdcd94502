import type { Params } from '../params.js';
import { renderFasttemplate } from './fasttemplate.js';
import { BUILTINS, SHORT_CIRCUIT, UNSUPPORTED_BUILTINS, type FunctionMap } from './go-builtins.js';
import { execute, type MissingKey } from './go-eval.js';
import { parse, type FunctionLookup, type TemplateNode } from './go-parser.js';
import { SPRIG, SPRIG_NAMES } from './sprig.js';

const FUNCTIONS: FunctionMap = { ...BUILTINS, ...SPRIG };

const lookup: FunctionLookup = (name) => {
  if (Object.hasOwn(FUNCTIONS, name) || SHORT_CIRCUIT.has(name)) return 'defined';
  return UNSUPPORTED_BUILTINS.has(name) || SPRIG_NAMES.has(name) ? 'unsupported' : 'undefined';
};

/** How an ApplicationSet renders its strings: fasttemplate, or Go text/template with its missingkey option. */
export interface TemplateEngine {
  readonly goTemplate: boolean;
  /** Renders one string; throws a TemplateError. */
  render(text: string, params: Params): string;
}

export function createEngine(goTemplate: boolean, missingKey: MissingKey = 'default'): TemplateEngine {
  if (!goTemplate) return { goTemplate, render: (text, params) => renderFasttemplate(text, params) };
  // Every field of every Application renders the same few strings: parse each once.
  const parsed = new Map<string, TemplateNode[]>();
  return {
    goTemplate,
    render(text, params) {
      let nodes = parsed.get(text);
      if (!nodes) {
        nodes = parse(text, lookup);
        parsed.set(text, nodes);
      }
      return execute(nodes, params, FUNCTIONS, missingKey);
    },
  };
}

/** Where in a value a string sits, so an error can name the field (`/spec/source/path`). */
export type JsonPath = readonly (string | number)[];

/**
 * Renders every string inside `value` — map keys too, as Argo CD does — and drops map entries
 * whose value is null. `onError` receives each failure with its path; the failed string stays.
 */
export function renderDeep(value: unknown, params: Params, engine: TemplateEngine, onError: (path: JsonPath, cause: unknown) => void, path: JsonPath = []): unknown {
  if (typeof value === 'string') {
    try {
      return engine.render(value, params);
    } catch (cause) {
      onError(path, cause);
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((item, i) => renderDeep(item, params, engine, onError, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      const renderedKey = renderDeep(key, params, engine, onError, [...path, key]) as string;
      out[renderedKey] = renderDeep(item, params, engine, onError, [...path, key]);
    }
    return out;
  }
  return value;
}
