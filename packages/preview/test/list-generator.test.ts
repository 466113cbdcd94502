import { describe, expect, it } from 'vitest';
import { appSet, names, preview } from './helpers.js';

describe('the list generator', () => {
  it.each([
    ['one Application per element', "- list:\n    elements: [{name: a}, {name: b}]", true, ['a', 'b']],
    ['elements of any JSON type with goTemplate', "- list:\n    elements: [{name: a, replicas: 3, tags: [x]}]", true, ['a']],
    ['elementsYaml after elements', "- list:\n    elements: [{name: a}]\n    elementsYaml: '[{name: b}, {name: c}]'", true, ['a', 'b', 'c']],
    ['values.KEY for fasttemplate', "- list:\n    elements: [{name: a, values: {suffix: x}}]", false, ['a']],
    ['nothing for an empty list', '- list:\n    elements: []', true, []],
  ])('yields %s', async (_, generators, goTemplate, expected) => {
    expect(names(await preview(appSet({ generators, goTemplate })))).toEqual(expected);
  });

  it('passes `values` of an element to fasttemplate as values.KEY', async () => {
    const yaml = appSet({ goTemplate: false, generators: '- list:\n    elements: [{name: a, values: {suffix: x}}]', template: "metadata: {name: '{{name}}-{{values.suffix}}'}\nspec: {project: p}" });
    expect(names(await preview(yaml))).toEqual(['a-x']);
  });

  it.each([
    ['a number with fasttemplate', "- list:\n    elements: [{name: a, replicas: 3}]", false, 'error FF803 at /spec/generators/0/list/elements/0/replicas: with fasttemplate (goTemplate unset), list elements hold strings: `replicas` is not one (found 3)'],
    ['an element that is not a map', "- list:\n    elements: [a]", true, 'error FF803 at /spec/generators/0/list/elements/0: a list element is a map of parameters'],
    ['elementsYaml that is not a list of maps', "- list:\n    elementsYaml: 'a: 1'", true, 'error FF803 at /spec/generators/0/list/elementsYaml: `elementsYaml` must render to a YAML list of maps'],
    ['a field Argo CD would drop', "- list:\n    elemnts: [{name: a}]", true, 'warning FF813 at /spec/generators/0/list/elemnts: Argo CD ignores `elemnts` here'],
    ['a selector inside the generator', "- list:\n    elements: [{name: a}]\n    selector: {matchLabels: {a: b}}", true, 'hint: a post selector sits beside the generator, not inside it'],
  ])('reports %s', async (_, generators, goTemplate, message) => {
    const result = await preview(appSet({ generators, goTemplate }));
    expect(result.messages.join('\n')).toContain(message);
  });
});
