import { parseAllDocuments, type Tags } from 'yaml';
import type { ParamValue } from './params.js';

/**
 * YAML or JSON as Argo CD reads a parameter file (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1, so
 * `yes` is true, but a date stays a string; only the first document counts. Undefined when the
 * text does not parse.
 */
export function fromYamlText(text: string): ParamValue | undefined {
  const documents = parseAllDocuments(text, { version: '1.1', customTags: withoutTimestamps, uniqueKeys: false });
  const docs = Array.isArray(documents) ? documents : [];
  const first = docs[0];
  if (!first) return null;
  if (first.errors.length > 0) return undefined;
  return (first.toJS({ maxAliasCount: 100 }) ?? null) as ParamValue;
}

const withoutTimestamps = (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp');
