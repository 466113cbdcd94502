import { error, type Diagnostic } from '@fleetform/diagnostics';
import { parseYamlStream, type PathSegment, type SourceDocument } from '@fleetform/yaml';

/** One object to validate, with where it was written so a problem can name its file, line and column. */
export interface Manifest {
  readonly file: string;
  /** The document the object comes from, when it was parsed from text. */
  readonly source?: SourceDocument;
  /** Path of the object inside its document: `[]`, or `['items', 3]` inside a `kind: List`. */
  readonly at: readonly PathSegment[];
  readonly object: unknown;
  /** Where the object is deployed, for objects of a rendered fleet: the cluster name. */
  readonly cluster?: string;
}

export interface ManifestStream {
  readonly manifests: Manifest[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The objects of a YAML or JSON stream, the way kubeconform reads one: several documents, `kind: List`
 * expanded into its items, empty documents skipped. A syntax error or a duplicate key is a diagnostic
 * with its position.
 */
export function manifestsOf(text: string, file: string): ManifestStream {
  const { documents, diagnostics } = parseYamlStream(text, file);
  const manifests: Manifest[] = [];
  for (const source of documents) {
    const value = source.value as { kind?: unknown; items?: unknown };
    if (value && typeof value === 'object' && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((object, index) => manifests.push({ file, source, at: ['items', index], object }));
    } else {
      manifests.push({ file, source, at: [], object: value });
    }
  }
  return {
    manifests,
    diagnostics: diagnostics.map((d) => (d.code === 'FF002' ? { ...d, message: 'duplicate key (strict mode)' } : d)),
  };
}

export function positionOf(manifest: Manifest, path: readonly PathSegment[], key = false): Diagnostic['position'] {
  return manifest.source?.positionOf([...manifest.at, ...path], { key }) ?? { file: manifest.file, line: 1, col: 1 };
}

export const missingKey = (manifest: Manifest, key: 'apiVersion' | 'kind'): Diagnostic =>
  error('FF301', `missing '${key}' key`, { position: positionOf(manifest, []), path: `/${key}`, expected: `\`${key}\` to be set`, found: 'nothing' });
