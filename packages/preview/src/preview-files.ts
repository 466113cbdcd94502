import { error, type Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream } from '@fleetform/yaml';
import { renderApplications, type Application, type PreviewSources } from './render-applications.js';

export interface PreviewInput {
  /** The file name diagnostics point into. */
  readonly file: string;
  readonly text: string;
}

/**
 * The Applications every ApplicationSet in the given manifest streams generates, in order.
 * Documents of other kinds are skipped with a warning; no ApplicationSet at all is an error.
 */
export async function previewFiles(inputs: readonly PreviewInput[], sources: PreviewSources): Promise<{ applications: Application[]; diagnostics: Diagnostic[] }> {
  const applications: Application[] = [];
  const diagnostics: Diagnostic[] = [];
  let sets = 0;
  for (const { file, text } of inputs) {
    const parsed = parseYamlStream(text, file);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) {
      const { apiVersion, kind } = (document.value ?? {}) as { apiVersion?: unknown; kind?: unknown };
      if (kind !== 'ApplicationSet' || typeof apiVersion !== 'string' || !apiVersion.startsWith('argoproj.io/')) {
        diagnostics.push({ ...error('FF800', 'not an ApplicationSet; skipped', { position: document.positionOf([]), expected: 'apiVersion argoproj.io/v1alpha1, kind ApplicationSet', found: `${String(apiVersion)} ${String(kind)}` }), severity: 'warning' });
        continue;
      }
      sets++;
      const result = await renderApplications(document, sources);
      applications.push(...result.applications);
      diagnostics.push(...result.diagnostics);
    }
  }
  if (sets === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(error('FF800', `no ApplicationSet in ${inputs.map((i) => i.file).join(', ')}`, { hint: 'pass the ApplicationSet manifests, for example clusters/NAME/appsets/*.yaml' }));
  }
  return { applications, diagnostics };
}
