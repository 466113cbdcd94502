import { error, type Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream } from '@fleetform/yaml';
import type { KubeObject, RawResource } from './types.js';

/**
 * Parses one file of raw resources: a YAML stream of Kubernetes objects, or a `kind: List`.
 * Every object needs apiVersion, kind and metadata.name.
 */
export function parseRawResources(file: string, text: string, diagnostics: Diagnostic[]): RawResource[] {
  const { documents, diagnostics: problems } = parseYamlStream(text, file);
  diagnostics.push(...problems);
  const resources: RawResource[] = [];
  for (const source of documents) {
    const value = source.value as Record<string, unknown>;
    const items = value.kind === 'List' && Array.isArray(value.items) ? value.items.map((item, i) => [item, ['items', i]] as const) : [[value, []] as const];
    for (const [item, path] of items) {
      const missing = missingField(item);
      if (missing) {
        diagnostics.push(
          error('FF109', `a raw resource needs \`${missing}\``, {
            position: source.positionOf([...path]),
            path: `/${[...path].join('/')}`,
            expected: `\`${missing}\` to be set`,
            found: 'nothing',
          }),
        );
        continue;
      }
      resources.push({ file, source, at: [...path], object: item as KubeObject });
    }
  }
  return resources;
}

function missingField(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'apiVersion';
  const object = item as Partial<KubeObject>;
  if (typeof object.apiVersion !== 'string') return 'apiVersion';
  if (typeof object.kind !== 'string') return 'kind';
  if (typeof object.metadata?.name !== 'string') return 'metadata.name';
  return undefined;
}
