import { error, type Diagnostic } from '@fleetform/diagnostics';
import type { Image } from '@fleetform/values';

/** What a bump sets: a tag, or a digest that pins the image whatever its tag says. */
export type ImageRef = { readonly kind: 'tag'; readonly tag: string } | { readonly kind: 'digest'; readonly digest: string };

/** The OCI distribution spec's tag grammar. */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const OCI_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Tags that name whatever was pushed last; an environment with immutable tags refuses them. */
const MUTABLE_TAGS = new Set(['latest']);

/** Parses a tag (`v1.2.0`) or a digest (`@sha256:…`) as typed on the command line. */
export function parseImageRef(text: string): ImageRef | Diagnostic {
  if (text.startsWith('@')) {
    const digest = text.slice(1);
    if (OCI_DIGEST.test(digest)) return { kind: 'digest', digest };
    return error('FF502', `\`${text}\` is not an image digest`, {
      expected: '`@sha256:` and 64 lower-case hex digits',
      found: `\`${text}\``,
      hint: /^sha256:[a-fA-F0-9]{64}$/.test(digest) ? 'write the hex digits in lower case' : undefined,
    });
  }
  if (OCI_TAG.test(text)) return { kind: 'tag', tag: text };
  return error('FF502', `\`${text}\` is not a valid image tag`, {
    expected: 'up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`',
    found: text === '' ? 'an empty tag' : `\`${text}\``,
    hint: text.includes(':') ? 'give only the tag, without the repository, or a digest as `@sha256:…`' : undefined,
  });
}

/** What a cluster runs, from its merged image values: the digest when there is one, else the tag. */
export function imageRefOf(image: Image | undefined): ImageRef | undefined {
  if (image?.digest) return { kind: 'digest', digest: image.digest };
  if (image?.tag !== undefined) return { kind: 'tag', tag: image.tag };
  return undefined;
}

export function sameRef(a: ImageRef | undefined, b: ImageRef | undefined): boolean {
  return formatImageRef(a, { full: true }) === formatImageRef(b, { full: true });
}

/** A tag as it is, a digest shortened to 12 hex digits unless `full`. */
export function formatImageRef(ref: ImageRef | undefined, { full = false } = {}): string {
  if (!ref) return '(no tag)';
  if (ref.kind === 'tag') return ref.tag;
  return `@${full ? ref.digest : ref.digest.slice(0, 'sha256:'.length + 12)}`;
}

export function isMutable(ref: ImageRef): boolean {
  return ref.kind === 'tag' && (ref.tag === '' || MUTABLE_TAGS.has(ref.tag));
}
