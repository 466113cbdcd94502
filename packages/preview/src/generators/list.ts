import { fromYamlText } from '../yaml-values.js';
import type { Params } from '../params.js';
import type { JsonPath } from '../template/engine.js';
import { checkFields, isRecord, readSpec, type Generator, type GeneratorContext } from './generator.js';

/**
 * The list generator: one parameter set per element, plus those `elementsYaml` holds (usually
 * rendered from a matrix's first generator). With fasttemplate every element value must be a
 * string, and `values: {k: v}` becomes `values.k`, as in Argo CD.
 */
export const list: Generator = {
  async generate(raw, at, context) {
    const spec = readSpec(raw, 'list', at, context);
    if (!spec) return [];
    checkFields(spec, ['elements', 'elementsYaml', 'template'], at, context);
    const elements = spec.elements ?? [];
    if (!Array.isArray(elements)) {
      context.report({ code: 'FF803', message: '`elements` is a list of maps', path: [...at, 'elements'] });
      return [];
    }
    const sets: Params[] = [];
    elements.forEach((element: unknown, i) => {
      const params = readElement(element, [...at, 'elements', i], context);
      if (params) sets.push(params);
    });
    if (typeof spec.elementsYaml === 'string' && spec.elementsYaml !== '') sets.push(...readElementsYaml(spec.elementsYaml, [...at, 'elementsYaml'], context));
    return sets;
  },
};

function readElement(element: unknown, at: JsonPath, context: GeneratorContext): Params | undefined {
  if (!isRecord(element)) {
    context.report({ code: 'FF803', message: 'a list element is a map of parameters', path: at, found: JSON.stringify(element) });
    return undefined;
  }
  if (context.engine.goTemplate) return element as Params;
  const params: Params = {};
  for (const [key, value] of Object.entries(element)) {
    const entries: [string, unknown][] = key === 'values' && isRecord(value) ? Object.entries(value).map(([k, v]) => [`values.${k}`, v]) : [[key, value]];
    for (const [name, item] of entries) {
      if (typeof item !== 'string') {
        context.report({
          code: 'FF803',
          message: `with fasttemplate (goTemplate unset), list elements hold strings: \`${name}\` is not one`,
          path: [...at, ...name.split('.')],
          found: JSON.stringify(item),
          hint: 'quote the value, or set goTemplate: true',
        });
        return undefined;
      }
      params[name] = item;
    }
  }
  return params;
}

function readElementsYaml(text: string, at: JsonPath, context: GeneratorContext): Params[] {
  const value = fromYamlText(text);
  if (value === undefined || !Array.isArray(value) || value.some((v) => !isRecord(v))) {
    context.report({ code: 'FF803', message: '`elementsYaml` must render to a YAML list of maps', path: at, found: text.length > 80 ? `${text.slice(0, 77)}...` : text });
    return [];
  }
  return value as Params[];
}

