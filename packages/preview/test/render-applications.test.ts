import { describe, expect, it } from 'vitest';
import { formatTable } from '@fleetform/preview';
import { appSet, names, preview } from './helpers.js';

const elements = "- list: {elements: [{name: a, auto: true}, {name: b, auto: false}]}";

describe('rendering the Applications of an ApplicationSet', () => {
  it('puts apiVersion, kind and metadata first, the ApplicationSet’s namespace in, and the resources finalizer on', async () => {
    const yaml = appSet({ generators: elements, template: "metadata: {name: '{{.name}}', namespace: elsewhere, labels: {app: '{{.name}}'}}\nspec: {project: p}" });
    const [app] = (await preview(yaml)).applications;
    expect(app).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'a', namespace: 'argocd', labels: { app: 'a' }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: { project: 'p' },
    });
    expect(Object.keys(app!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it.each([
    ['keeps the template’s own finalizers', "metadata: {name: '{{.name}}', finalizers: [custom]}\nspec: {project: p}", '', ['custom']],
    ['adds none when resources are preserved', "metadata: {name: '{{.name}}'}\nspec: {project: p}", 'syncPolicy: {preserveResourcesOnDeletion: true}', undefined],
  ])('%s', async (_, template, extra, finalizers) => {
    const [app] = (await preview(appSet({ generators: elements, template, extra }))).applications;
    expect(app!.metadata.finalizers).toEqual(finalizers);
  });

  it('keeps only name, namespace, labels, annotations and finalizers of the template’s metadata, as the controller does', async () => {
    const [app] = (await preview(appSet({ generators: elements, template: "metadata: {name: '{{.name}}', generateName: x-, ownerReferences: []}\nspec: {project: p}" }))).applications;
    expect(Object.keys(app!.metadata)).toEqual(['name', 'namespace', 'finalizers']);
  });

  it('renders map keys too, and drops null values', async () => {
    const [app] = (await preview(appSet({ generators: elements, template: "metadata:\n  name: '{{.name}}'\n  annotations: {'notify.{{.name}}': 'yes', gone: null}\nspec: {project: p}" }))).applications;
    expect(app!.metadata.annotations).toEqual({ 'notify.a': 'yes' });
  });

  it('takes a generator’s template over the ApplicationSet’s, field by field', async () => {
    const generators = "- list:\n    elements: [{name: a}]\n    template:\n      metadata: {labels: {from: generator}}\n      spec: {source: {path: 'own/{{.name}}'}, destination: {}}";
    const template = "metadata: {name: '{{.name}}', labels: {from: appset, keep: me}}\nspec: {project: p, source: {repoURL: r, path: base}, destination: {server: s}}";
    const [app] = (await preview(appSet({ generators, template }))).applications;
    expect(app!.metadata.labels).toEqual({ from: 'generator', keep: 'me' });
    expect(app!.spec).toEqual({ source: { path: 'own/a', repoURL: 'r' }, destination: { server: 's' }, project: 'p' });
  });

  it('points an error in a generator’s template at that template, and names the parameters there are', async () => {
    const generators = "- list:\n    elements: [{name: a}]\n    template: {metadata: {name: '{{.nope}}'}}";
    const result = await preview(appSet({ generators, extra: 'goTemplateOptions: ["missingkey=error"]' }));
    expect(result.messages.join('\n')).toContain('error FF805 at /spec/generators/0/list/template/metadata/name: in {{.nope}}: map has no entry for key "nope"');
    expect(result.messages.join('\n')).toContain('hint: this parameter set has `name`');
  });

  it('applies templatePatch: maps merge, lists and scalars replace, null deletes, finalizers add up', async () => {
    const template = "metadata: {name: '{{.name}}', labels: {a: '1', b: '2'}, finalizers: [one]}\nspec: {project: p, source: {repoURL: r, helm: {valueFiles: [x, y]}}}";
    const templatePatch = [
      'templatePatch: |',
      '  metadata:',
      '    labels: {b: null, c: "3"}',
      '    finalizers: [two]',
      '  spec:',
      '    source:',
      '      helm: {valueFiles: [z]}',
      '  {{- if .auto }}',
      '    syncPolicy: {automated: {prune: true}}',
      '  {{- end }}',
    ].join('\n');
    const [a, b] = (await preview(appSet({ generators: elements, template, extra: templatePatch }))).applications;
    expect(a!.metadata).toMatchObject({ labels: { a: '1', c: '3' }, finalizers: ['one', 'two'] });
    expect(a!.spec).toEqual({ project: 'p', source: { repoURL: 'r', helm: { valueFiles: ['z'] } }, syncPolicy: { automated: { prune: true } } });
    expect(b!.spec.syncPolicy).toBeUndefined();
  });

  it.each([
    ['a templatePatch that is not a map', "templatePatch: '- a'", 'error FF811 at /spec/templatePatch: templatePatch must render to a YAML map'],
    ['a templatePatch that sets the project', "templatePatch: 'spec: {project: other}'", 'warning FF813 at /spec/templatePatch: Argo CD does not support `spec.project` in templatePatch'],
    ['an unknown goTemplateOptions entry', 'goTemplateOptions: ["missingkey=maybe"]', 'error FF812 at /spec/goTemplateOptions/0: unknown goTemplateOptions entry "missingkey=maybe"'],
  ])('reports %s', async (_, extra, message) => {
    expect((await preview(appSet({ generators: elements, extra }))).messages.join('\n')).toContain(message);
  });

  it.each([
    ['two Applications with one name', "metadata: {name: same}\nspec: {project: p}", 'error FF814 at /spec/template/metadata/name: two Applications are named `same`: Argo CD refuses the whole ApplicationSet'],
    ['a name Kubernetes refuses', "metadata: {name: '{{.name}}_X'}\nspec: {project: p}", 'error FF814 at /spec/template/metadata/name: Application name "a_X" is not a valid Kubernetes name'],
    ['a destination with both name and server', "metadata: {name: '{{.name}}'}\nspec: {project: p, destination: {name: n, server: s}}", 'has both destination name and server'],
  ])('refuses %s', async (_, template, message) => {
    expect((await preview(appSet({ generators: elements, template }))).messages.join('\n')).toContain(message);
  });

  it('hands back an empty parameter set’s template untouched, as Argo CD does', async () => {
    const result = await preview(appSet({ generators: '- list: {elements: [{}]}', template: "metadata: {name: fixed, annotations: {x: '{{.name}}'}}\nspec: {project: p}" }));
    expect(result.applications[0]!.metadata).toEqual({ name: 'fixed', namespace: 'argocd', annotations: { x: '{{.name}}' } });
  });

  it('needs a spec, a template and generators', async () => {
    const result = await preview('apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: x}\nspec: {goTemplate: true}\n');
    expect(result.diagnostics.map((d) => d.message)).toEqual(['an ApplicationSet needs a `template`', 'an ApplicationSet needs a list of `generators`']);
  });

  it('skips documents that are not ApplicationSets with a warning, and says when there is none', async () => {
    const result = await preview('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    expect(result.messages).toEqual([
      'appset.yaml:1:1: warning FF800: not an ApplicationSet; skipped (expected apiVersion argoproj.io/v1alpha1, kind ApplicationSet, found v1 ConfigMap)',
      'error FF800: no ApplicationSet in appset.yaml\n  hint: pass the ApplicationSet manifests, for example clusters/NAME/appsets/*.yaml',
    ]);
  });

  it('previews several ApplicationSets of one stream in order', async () => {
    const one = appSet({ generators: "- list: {elements: [{name: one}]}" });
    const two = appSet({ generators: "- list: {elements: [{name: two}]}" });
    expect(names(await preview(`${one}---\n${two}`))).toEqual(['one', 'two']);
  });
});

describe('the table format', () => {
  it('shows name, project, source and destination, aligned', async () => {
    const template = "metadata: {name: '{{.name}}'}\nspec:\n  project: team\n  source: {repoURL: 'https://charts.example.com/', chart: '{{.name}}', targetRevision: 1.0.0}\n  destination: {name: in-cluster, namespace: '{{.name}}-ns'}";
    const generators = "- list: {elements: [{name: a}, {name: longer}]}";
    const pathApp = appSet({ generators: "- list: {elements: [{name: p}]}", template: "metadata: {name: '{{.name}}'}\nspec: {project: x, source: {repoURL: r, path: apps/p}, destination: {server: 'https://kubernetes.default.svc', namespace: p}}" });
    const { applications } = await preview(`${appSet({ generators, template })}---\n${pathApp}`);
    expect(formatTable(applications)).toBe(
      [
        'NAME    PROJECT  SOURCE                             DESTINATION                     NAMESPACE',
        'a       team     https://charts.example.com/a       in-cluster                      a-ns',
        'longer  team     https://charts.example.com/longer  in-cluster                      longer-ns',
        'p       x        apps/p                             https://kubernetes.default.svc  p',
        '',
      ].join('\n'),
    );
  });
});
