import type { ImageOverride } from './kustomization.js';

/**
 * kustomize's `images` transformer: every `image` of an entry in a `containers` or `initContainers`
 * list, anywhere in the object, whose name (without tag or digest) matches gets the new name, tag
 * or digest. A digest wins over a tag.
 */
export function applyImageOverrides<T>(object: T, overrides: readonly ImageOverride[]): T {
  if (overrides.length === 0) return object;
  return walk(object, overrides) as T;
}

/**
 * The node with its images overridden. What does not change is not copied: an unchanged node comes
 * back as it is, and a changed one shares its unchanged parts (callers copy before they edit).
 */
function walk(node: unknown, overrides: readonly ImageOverride[]): unknown {
  if (Array.isArray(node)) return sameOr(node, node.map((item) => walk(item, overrides)));
  if (node === null || typeof node !== 'object') return node;
  let result: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(node)) {
    const next =
      (key === 'containers' || key === 'initContainers') && Array.isArray(value)
        ? sameOr(value, value.map((container) => overrideContainer(walk(container, overrides), overrides)))
        : walk(value, overrides);
    if (next !== value) (result ??= { ...node })[key] = next;
  }
  return result ?? node;
}

/** `items`, or `before` when every item is the one it had. */
const sameOr = (before: readonly unknown[], items: unknown[]): readonly unknown[] => (items.some((item, i) => item !== before[i]) ? items : before);

function overrideContainer(container: unknown, overrides: readonly ImageOverride[]): unknown {
  if (container === null || typeof container !== 'object') return container;
  const image = (container as { image?: unknown }).image;
  if (typeof image !== 'string') return container;
  const parsed = parseImage(image);
  const override = overrides.find((o) => o.name === parsed.name);
  if (!override) return container;
  const name = override.newName ?? parsed.name;
  const suffix = override.digest ? `@${override.digest}` : override.newTag ? `:${override.newTag}` : parsed.suffix;
  return { ...container, image: `${name}${suffix}` };
}

/** Splits `registry:5000/repo:tag@sha256:…` into its name and its `:tag` / `@digest` suffix. */
export function parseImage(image: string): { name: string; suffix: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), suffix: image.slice(at) };
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? { name: image.slice(0, colon), suffix: image.slice(colon) } : { name: image, suffix: '' };
}
