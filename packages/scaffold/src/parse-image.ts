import { error, type Diagnostic } from '@fleetform/diagnostics';

/** An image as app.yaml writes it: the registry only when the image does not come from its region's. */
export interface ImageValues {
  readonly registry?: string;
  readonly repository: string;
  readonly tag: string;
}

// The patterns of app.schema.json, so a file written from them always validates.
const REPOSITORY = /^[a-z0-9]+([._/-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * `REPOSITORY:TAG` (pulled from each cluster's region registry) or `REGISTRY/REPOSITORY:TAG`.
 * As with docker, a first segment with a `.` or a `:`, or `localhost`, is a registry.
 */
export function parseImage(text: string): ImageValues | Diagnostic {
  const slash = text.indexOf('/');
  const first = slash < 0 ? '' : text.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const rest = hasRegistry ? text.slice(slash + 1) : text;
  const colon = rest.lastIndexOf(':');
  const [repository, tag] = colon < 0 ? [rest, ''] : [rest.slice(0, colon), rest.slice(colon + 1)];
  const invalid = (what: string, hint: string) =>
    error('FF904', `\`${text}\` is not an image reference fleetform can write: ${what}`, {
      expected: 'REPOSITORY:TAG, or REGISTRY/REPOSITORY:TAG',
      found: `\`${text}\``,
      hint,
    });
  if (!REPOSITORY.test(repository)) return invalid('the repository is not valid', 'a repository is lower-case letters and digits, separated by `.`, `_`, `-` or `/`');
  if (tag === '') return invalid('it has no tag', `name the version, e.g. \`${text}:1.0.0\`: prod refuses images without a tag`);
  if (!TAG.test(tag)) return invalid('the tag is not valid', 'a tag is letters, digits, `_`, `.` and `-`, at most 128 characters');
  return hasRegistry ? { registry: first, repository, tag } : { repository, tag };
}
