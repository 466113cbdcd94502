import { error, type Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream, type ParseResult } from '@fleetform/yaml';
import type { KubeObject, RawResource } from './types.js';

/**
 * Parses one file of raw resources: a YAML stream of Kubernetes objects, or a `kind: List`.
 * Every object needs apiVersion, kind and metadata.name.
 */
export function parseRawResources(file: string, text: string, diagnostics: Diagnostic[], parseYaml: (text: string, file: string) => ParseResult = parseYamlStream): RawResource[] {
  const { documents, diagnostics: problems } = parseYaml(text, file);
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
      const unsafe = unsafeName(item as KubeObject);
      if (unsafe) {
        const field = unsafe.field === 'kind' ? ['kind'] : ['metadata', 'name'];
        diagnostics.push(
          error('FF105', `invalid ${unsafe.field === 'kind' ? 'kind' : 'name'} for a raw resource`, {
            position: source.positionOf([...path, ...field]),
            path: `/${[...path, ...field].join('/')}`,
            expected: unsafe.expected,
            found: `\`${unsafe.found}\``,
            hint: 'the kind and name also name the generated file, so they may not hold `/`, `..` or other path characters',
          }),
        );
        continue;
      }
      resources.push({ file, source, at: [...path], object: item as KubeObject });
    }
  }
  return resources;
}

// Kinds are CamelCase identifiers; names are DNS-1123 subdomains (`:` too, which RBAC names use).
// Both become the generated file's name (`<kind>-<name>.yaml`), so anything else, `../x` or `/tmp/x`
// above all, must never reach the layout.
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
const NAME = /^[a-z0-9]([-a-z0-9:]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9:]*[a-z0-9])?)*$/;
const MAX_NAME = 253;
const MAX_FILE_NAME = 255;

function unsafeName(object: KubeObject): { field: 'kind' | 'name'; expected: string; found: string } | undefined {
  const { kind, metadata } = object;
  if (!KIND.test(kind)) return { field: 'kind', expected: 'a Kubernetes kind: letters and digits, starting with a letter', found: kind };
  const fileName = `${kind.toLowerCase()}-${metadata.name}.yaml`;
  if (!NAME.test(metadata.name) || metadata.name.length > MAX_NAME || fileName.length > MAX_FILE_NAME) {
    return {
      field: 'name',
      expected: `a DNS-1123 subdomain (lower-case letters, digits, \`-\` and \`.\`) of at most ${Math.min(MAX_NAME, MAX_FILE_NAME - kind.length - 6)} characters`,
      found: metadata.name.length > 60 ? `${metadata.name.slice(0, 40)}… (${metadata.name.length} characters)` : metadata.name,
    };
  }
  return undefined;
}

function missingField(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'apiVersion';
  const object = item as Partial<KubeObject>;
  if (typeof object.apiVersion !== 'string') return 'apiVersion';
  if (typeof object.kind !== 'string') return 'kind';
  if (typeof object.metadata?.name !== 'string') return 'metadata.name';
  return undefined;
}
