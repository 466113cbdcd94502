import { mergeParams, type Params } from '../params.js';
import { runChild } from './entry.js';
import { checkFields, readSpec, type Generator, type Registry } from './generator.js';

/**
 * The matrix generator over the generators it is given (which bounds nesting): every combination
 * of its two children's parameter sets. The second child is rendered with each set of the first,
 * so it can use them (`{{.path.basename}}` in a selector). In Go template mode the first child's
 * values win a clash; with fasttemplate a key with two different values is an error, as in Argo CD.
 */
export function createMatrix(children: Registry): Generator {
  return {
    async generate(raw, at, context) {
      const spec = readSpec(raw, 'matrix', at, context);
      if (!spec) return [];
      checkFields(spec, ['generators', 'template'], at, context);
      const generators = spec.generators;
      if (!Array.isArray(generators) || generators.length !== 2) {
        context.report({ code: 'FF803', message: 'a matrix combines exactly two generators', path: [...at, 'generators'], found: Array.isArray(generators) ? `${generators.length}` : JSON.stringify(generators) });
        return [];
      }
      const firsts = await runChild(generators[0], [...at, 'generators', 0], children, context);
      if (!firsts) return [];
      const combined: Params[] = [];
      for (const first of firsts) {
        const seconds = await runChild(generators[1], [...at, 'generators', 1], children, context, first);
        if (!seconds) return [];
        for (const second of seconds) {
          if (context.engine.goTemplate) {
            combined.push(mergeParams(second, first));
            continue;
          }
          const clash = Object.keys(second).find((key) => key in first && first[key] !== second[key]);
          if (clash !== undefined) {
            context.report({
              code: 'FF810',
              message: `the matrix's generators both set \`${clash}\`, to different values`,
              path: at,
              found: `${JSON.stringify(first[clash])} and ${JSON.stringify(second[clash])}`,
              hint: 'give one git generator a pathParamPrefix, or rename the parameter',
            });
            return [];
          }
          combined.push({ ...first, ...second });
        }
      }
      return combined;
    },
  };
}
