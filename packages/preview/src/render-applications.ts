import { type Diagnostic } from '@fleetform/diagnostics';
import type { SourceDocument } from '@fleetform/yaml';
import type { ClusterSource } from './cluster-source.js';
import { readEntry, runPart, type EntryPart } from './generators/entry.js';
import { isRecord, reportTemplateError, type GeneratorContext, type Problem } from './generators/generator.js';
import { GENERATORS } from './generators/registry.js';
import type { GitReader } from './git-repository.js';
import { isParamMap, type Params } from './params.js';
import { applyTemplatePatch, overlayTemplate } from './template-patch.js';
import { createEngine, renderDeep, type JsonPath } from './template/engine.js';
import type { MissingKey } from './template/go-eval.js';
import { fromYamlText } from './yaml-values.js';

/** Where the generators read clusters and repository content from. */
export interface PreviewSources {
  readonly clusters: ClusterSource;
  readonly git: GitReader;
}

/** An Application as the ApplicationSet controller would create it. */
export interface Application {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec: Record<string, unknown>;
}

export interface PreviewResult {
  readonly applications: Application[];
  /** Every problem found; when one is an error, the Applications are not what Argo CD would make. */
  readonly diagnostics: Diagnostic[];
}

export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const METADATA_FIELDS = ['name', 'namespace', 'labels', 'annotations', 'finalizers'];
const MISSING_KEY_OPTIONS: Readonly<Record<string, MissingKey>> = { 'missingkey=default': 'default', 'missingkey=invalid': 'default', 'missingkey=zero': 'zero', 'missingkey=error': 'error' };

/**
 * The Applications one ApplicationSet generates, offline: each generator's parameter sets, each
 * rendered into the template (the generator's own template over the ApplicationSet's), the
 * resources finalizer added unless resources are preserved, templatePatch applied, and the
 * namespace set to the ApplicationSet's. Problems are collected; none stops the others.
 */
export async function renderApplications(document: SourceDocument, sources: PreviewSources): Promise<PreviewResult> {
  const diagnostics: Diagnostic[] = [];
  const report = (problem: Problem) => diagnostics.push(toDiagnostic(document, problem));
  const appSet = document.value as { metadata?: { namespace?: unknown }; spec?: unknown };
  const spec = appSet.spec;
  if (!isRecord(spec)) {
    report({ code: 'FF800', message: 'an ApplicationSet needs a `spec`', path: ['spec'] });
    return { applications: [], diagnostics };
  }
  const missingKey = readOptions(spec.goTemplateOptions, report);
  if (!isRecord(spec.template)) report({ code: 'FF800', message: 'an ApplicationSet needs a `template`', path: ['spec', 'template'] });
  if (!Array.isArray(spec.generators)) report({ code: 'FF800', message: 'an ApplicationSet needs a list of `generators`', path: ['spec', 'generators'] });
  if (spec.templatePatch !== undefined && typeof spec.templatePatch !== 'string') report({ code: 'FF811', message: '`templatePatch` is a string: a template that renders to YAML', path: ['spec', 'templatePatch'] });
  if (!isRecord(spec.template) || !Array.isArray(spec.generators) || missingKey === undefined) return { applications: [], diagnostics };

  const context: GeneratorContext = {
    engine: createEngine(spec.goTemplate === true, missingKey),
    clusters: sources.clusters,
    git: sources.git,
    report,
    forward: (found) => diagnostics.push(...found),
  };
  const settings: AppSetSettings = {
    template: spec.template,
    templatePatch: typeof spec.templatePatch === 'string' ? spec.templatePatch : undefined,
    preserveResources: isRecord(spec.syncPolicy) && spec.syncPolicy.preserveResourcesOnDeletion === true,
    namespace: typeof appSet.metadata?.namespace === 'string' ? appSet.metadata.namespace : undefined,
  };
  const applications: Application[] = [];
  for (const [i, raw] of spec.generators.entries()) {
    const entry = readEntry(raw, ['spec', 'generators', i], GENERATORS, context, { nested: false });
    for (const part of entry?.parts ?? []) {
      const sets = await runPart(part, entry!, GENERATORS, context);
      for (const params of sets) {
        const application = renderApplication(params, part, settings, context);
        if (application) applications.push(application);
      }
    }
  }
  checkApplications(applications, report);
  return { applications, diagnostics: unique(diagnostics) };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What the controller and the API server would refuse: a bad or repeated name, a destination with both name and server. */
function checkApplications(applications: readonly Application[], report: (p: Problem) => void): void {
  const at = ['spec', 'template', 'metadata', 'name'];
  const seen = new Set<string>();
  for (const { metadata, spec } of applications) {
    const { name } = metadata;
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      report({ code: 'FF814', message: `Application name ${JSON.stringify(name)} is not a valid Kubernetes name`, path: at, expected: 'lower-case letters, digits, `-` and `.`, 253 characters at most' });
    } else if (seen.has(name)) {
      report({ code: 'FF814', message: `two Applications are named \`${name}\`: Argo CD refuses the whole ApplicationSet`, path: at, hint: 'put a parameter that tells them apart into the name' });
    }
    seen.add(name);
    const destination = isRecord(spec.destination) ? spec.destination : {};
    if (destination.name && destination.server) {
      report({ code: 'FF814', message: `Application \`${name}\` has both destination name and server; Argo CD accepts one`, path: ['spec', 'template', 'spec', 'destination'] });
    }
  }
}

interface AppSetSettings {
  readonly template: Record<string, unknown>;
  readonly templatePatch: string | undefined;
  readonly preserveResources: boolean;
  readonly namespace: string | undefined;
}

function readOptions(raw: unknown, report: (p: Problem) => void): MissingKey | undefined {
  if (raw === undefined || raw === null) return 'default';
  const options = Array.isArray(raw) ? raw : [raw];
  let missingKey: MissingKey = 'default';
  for (const [i, option] of options.entries()) {
    const known = typeof option === 'string' ? MISSING_KEY_OPTIONS[option] : undefined;
    if (known === undefined) {
      report({ code: 'FF812', message: `unknown goTemplateOptions entry ${JSON.stringify(option)}`, path: ['spec', 'goTemplateOptions', i], expected: Object.keys(MISSING_KEY_OPTIONS).join(', ') });
      return undefined;
    }
    missingKey = known;
  }
  return missingKey;
}

function renderApplication(params: Params, part: EntryPart, settings: AppSetSettings, context: GeneratorContext): Application | undefined {
  const own = isRecord(part.spec) ? part.spec.template : undefined;
  const template = (own === undefined ? settings.template : overlayTemplate(own, settings.template)) as Record<string, unknown>;
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  const chosen = { metadata: Object.fromEntries(METADATA_FIELDS.filter((k) => metadata[k] !== undefined).map((k) => [k, metadata[k]])), spec: template.spec ?? {} };
  let failed = false;
  const where = (path: JsonPath): JsonPath => (own !== undefined && has(own, path) ? [...part.at, 'template', ...path] : ['spec', 'template', ...path]);
  // Argo CD hands an empty parameter set back untouched: no rendering, no finalizer.
  const rendered = Object.keys(params).length === 0 ? structuredClone(chosen) : (renderDeep(chosen, params, context.engine, (path, cause) => {
    failed = true;
    reportTemplateError(context, where(path), cause, params);
  }) as typeof chosen);
  if (failed) return undefined;
  const finalizers = rendered.metadata.finalizers;
  if (Object.keys(params).length > 0 && !settings.preserveResources && (!Array.isArray(finalizers) || finalizers.length === 0)) rendered.metadata.finalizers = [RESOURCES_FINALIZER];
  let application: Record<string, unknown> = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...rendered };
  if (settings.templatePatch !== undefined) {
    const patched = patch(application, settings.templatePatch, params, context);
    if (!patched) return undefined;
    application = patched;
  }
  return finalize(application, settings.namespace);
}

function patch(application: Record<string, unknown>, templatePatch: string, params: Params, context: GeneratorContext): Record<string, unknown> | undefined {
  const at: JsonPath = ['spec', 'templatePatch'];
  let text: string;
  try {
    text = context.engine.render(templatePatch, params);
  } catch (cause) {
    reportTemplateError(context, at, cause, params);
    return undefined;
  }
  const value = fromYamlText(text);
  if (value === null) return application;
  if (!isParamMap(value)) {
    context.report({ code: 'FF811', message: 'templatePatch must render to a YAML map', path: at, found: text.length > 120 ? `${text.slice(0, 117)}...` : text });
    return undefined;
  }
  if (isParamMap(value.spec) && value.spec.project !== undefined) {
    context.report({ code: 'FF813', severity: 'warning', message: 'Argo CD does not support `spec.project` in templatePatch; set it in the template', path: at });
  }
  return applyTemplatePatch(application, value);
}

/** apiVersion, kind, metadata (name, namespace, labels, annotations, finalizers), spec, in that order. */
function finalize(application: Record<string, unknown>, namespace: string | undefined): Application {
  const { apiVersion, kind, metadata: rawMetadata, spec, ...rest } = application;
  const metadata = (isRecord(rawMetadata) ? rawMetadata : {}) as Application['metadata'];
  // The controller puts every Application in the ApplicationSet's own namespace, whatever the template says.
  const ordered: Application['metadata'] = { name: metadata.name ?? '' };
  if (namespace !== undefined) ordered.namespace = namespace;
  for (const key of ['labels', 'annotations', 'finalizers'] as const) {
    if (metadata[key] !== undefined) Object.assign(ordered, { [key]: metadata[key] });
  }
  return { apiVersion: apiVersion as 'argoproj.io/v1alpha1', kind: kind as 'Application', metadata: ordered, spec: (isRecord(spec) ? spec : {}), ...rest };
}

function has(value: unknown, path: JsonPath): boolean {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

function toDiagnostic(document: SourceDocument, problem: Problem): Diagnostic {
  const { path, severity = 'error', code, message, ...details } = problem;
  return { code, severity, message, position: document.positionOf(path), path: `/${path.join('/')}`, ...details };
}

/** The same problem met once per parameter set is reported once. */
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.code, d.position, d.path, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
