import { describe, expect, it } from 'vitest';
import { appSet, memoryRepository, names, preview, secret, secrets } from './helpers.js';

const clusters = secrets(secret('dev', 'https://dev', { env: 'dev' }) + secret('prod', 'https://prod', { env: 'prod' }));
const git = memoryRepository({ 'apps/web/k.yaml': '', 'apps/api/k.yaml': '', 'envs/dev.yaml': 'env: dev\nreplicas: 1\n', 'envs/prod.yaml': 'env: prod\nreplicas: 3\n' });
const run = (generators: string, template: string, goTemplate = true) => preview(appSet({ generators, template, goTemplate }), { clusters, git });
const list = (elements: string) => `- list: {elements: ${elements}}`;
const nest = (kind: string, children: string[], extra = '') => `- ${kind}:\n${extra ? `    ${extra}\n` : ''}    generators:\n${children.map((c) => c.split('\n').map((l) => `      ${l}`).join('\n')).join('\n')}`;

describe('the matrix generator', () => {
  it('combines every set of its first generator with every set of its second', async () => {
    const result = await run(nest('matrix', [list('[{app: web}, {app: api}]'), list('[{env: dev}, {env: prod}]')]), "metadata: {name: '{{.app}}-{{.env}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['web-dev', 'web-prod', 'api-dev', 'api-prod']);
  });

  it('renders the second generator with each set of the first', async () => {
    const second = "- clusters: {selector: {matchLabels: {env: '{{.env}}'}}}";
    const result = await run(nest('matrix', ["- git: {repoURL: x, revision: HEAD, files: [{path: 'envs/*.yaml'}]}", second]), "metadata: {name: '{{.name}}-{{.replicas}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['dev-1', 'prod-3']);
  });

  it('lets the first generator win a clash in Go template mode, as mergo does', async () => {
    const result = await run(nest('matrix', [list('[{name: first, x: {a: 1}}]'), list('[{name: second, x: {a: 2, b: 3}}]')]), "metadata: {name: '{{.name}}-{{.x.a}}-{{.x.b}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['first-1-3']);
  });

  it('refuses a clash with fasttemplate, as Argo CD does', async () => {
    const result = await run(nest('matrix', [list('[{name: a}]'), list('[{name: b}]')]), "metadata: {name: '{{name}}'}\nspec: {project: p}", false);
    expect(result.messages.join('\n')).toContain('error FF810 at /spec/generators/0/matrix: the matrix\'s generators both set `name`, to different values (found "a" and "b")');
  });

  it('nests a matrix or a merge one level, and no deeper', async () => {
    const inner = nest('matrix', [list('[{a: "1"}]'), list('[{b: "2"}]')]);
    const ok = await run(nest('matrix', [inner, list('[{c: "3"}]')]), "metadata: {name: 'x{{.a}}{{.b}}{{.c}}'}\nspec: {project: p}");
    expect(names(ok)).toEqual(['x123']);
    const tooDeep = await run(nest('matrix', [nest('merge', [nest('matrix', [list('[]'), list('[]')]), list('[]')], 'mergeKeys: [a]'), list('[]')]), "metadata: {name: x}\nspec: {project: p}");
    expect(tooDeep.messages.join('\n')).toContain('error FF803 at /spec/generators/0/matrix/generators/0/merge/generators/0/matrix: a matrix inside a matrix or merge that is itself nested');
  });

  it.each([
    ['three generators', nest('matrix', [list('[]'), list('[]'), list('[]')]), 'a matrix combines exactly two generators'],
    ['two generators in one child', nest('matrix', ['- list: {elements: []}\n  clusters: {}', list('[]')]), 'a matrix or merge child holds exactly one generator'],
  ])('refuses %s', async (_, generators, message) => {
    expect((await run(generators, "metadata: {name: x}\nspec: {project: p}")).messages.join('\n')).toContain(message);
  });

  it('warns that Argo CD ignores a child’s template', async () => {
    const result = await run(nest('matrix', ['- list: {elements: [{a: "1"}], template: {metadata: {name: other}}}', list('[{b: "2"}]')]), "metadata: {name: 'x{{.a}}{{.b}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['x12']);
    expect(result.messages.join('\n')).toContain('warning FF813 at /spec/generators/0/matrix/generators/0/list/template: Argo CD ignores the template of a matrix or merge child');
  });
});

describe('the merge generator', () => {
  const template = "metadata: {name: '{{.name}}-{{.size}}'}\nspec: {project: p}";

  it('overrides the first generator’s sets with later sets that share the merge keys, in the first generator’s order', async () => {
    const generators = nest('merge', [list('[{name: a, size: s}, {name: b, size: s}, {name: c, size: s}]'), list('[{name: c, size: l}, {name: z, size: xl}]'), list('[{name: a, size: m}]')], 'mergeKeys: [name]');
    expect(names(await run(generators, template))).toEqual(['a-m', 'b-s', 'c-l']);
  });

  it('keeps the first of the first generator’s sets that share merge-key values', async () => {
    const generators = nest('merge', [list('[{name: a, size: s}, {name: a, size: m}]'), list('[]')], 'mergeKeys: [name]');
    expect(names(await run(generators, template))).toEqual(['a-s']);
  });

  it('merges on several keys', async () => {
    const generators = nest('merge', [list('[{name: a, env: dev, size: s}, {name: a, env: prod, size: s}]'), list('[{name: a, env: prod, size: l}]')], 'mergeKeys: [name, env]');
    expect(names(await run(generators, template))).toEqual(['a-s', 'a-l']);
  });

  it('merges nested maps in Go template mode, and takes a dotted key literally, as Argo CD does', async () => {
    const generators = nest('merge', [list('[{name: a, values: {x: "1", y: "1"}}]'), list("[{name: a, values: {y: '2'}, 'values.x': '3'}]")], 'mergeKeys: [name]');
    const result = await run(generators, "metadata: {name: '{{.name}}-{{.values.x}}{{.values.y}}-{{index . \"values.x\"}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['a-12-3']);
  });

  it('warns that a dotted merge key means nothing to Go templates', async () => {
    const generators = nest('merge', [list('[{name: a, values: {s: x}}]'), list('[{name: b}]')], 'mergeKeys: [values.s]');
    const result = await run(generators, "metadata: {name: '{{.name}}'}\nspec: {project: p}");
    expect(result.messages.join('\n')).toContain('warning FF813 at /spec/generators/0/merge/mergeKeys: merge key `values.s` is no parameter of the first generator');
  });

  it.each([
    ['one generator', nest('merge', [list('[]')], 'mergeKeys: [name]'), 'a merge combines at least two generators'],
    ['no merge keys', nest('merge', [list('[]'), list('[]')]), 'a merge needs `mergeKeys`'],
  ])('refuses %s', async (_, generators, message) => {
    expect((await run(generators, template)).messages.join('\n')).toContain(message);
  });
});

describe('a post selector', () => {
  it('filters any generator’s parameters, nested ones by dotted key', async () => {
    const result = await run("- git: {repoURL: x, revision: HEAD, directories: [{path: 'apps/*'}]}\n  selector: {matchLabels: {path.basename: web}}", "metadata: {name: '{{.path.basename}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['web']);
  });

  it('applies inside a matrix too', async () => {
    const result = await run(nest('matrix', [list('[{app: web}, {app: api}]') + '\n  selector: {matchExpressions: [{key: app, operator: NotIn, values: [api]}]}', list('[{env: dev}]')]), "metadata: {name: '{{.app}}-{{.env}}'}\nspec: {project: p}");
    expect(names(result)).toEqual(['web-dev']);
  });
});

describe('generators this preview cannot run', () => {
  it.each(['scmProvider', 'pullRequest', 'clusterDecisionResource', 'plugin'])('refuses %s by name', async (kind) => {
    const result = await run(`- ${kind}: {}`, "metadata: {name: x}\nspec: {project: p}");
    expect(result.messages.join('\n')).toContain(`error FF801 at /spec/generators/0/${kind}: the ${kind} generator is not supported by fleetform preview`);
    expect(result.applications).toEqual([]);
  });

  it('refuses an unknown generator with a suggestion', async () => {
    const result = await run('- clustrs: {}', "metadata: {name: x}\nspec: {project: p}");
    expect(result.messages.join('\n')).toContain('error FF802 at /spec/generators/0/clustrs: unknown generator `clustrs`');
    expect(result.messages.join('\n')).toContain('hint: did you mean `clusters`?');
  });

  it('reports every problem of an ApplicationSet, not just the first', async () => {
    const result = await run('- plugin: {}\n- scmProvider: {}\n- list: {elements: [{name: ok}]}', "metadata: {name: '{{.name}}'}\nspec: {project: p}");
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FF801', 'FF801']);
  });
});
