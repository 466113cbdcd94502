import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';
import { standardLabels } from '../labels.js';

/**
 * The app's raw resources as written, given the app's namespace when they are namespaced and have
 * none, and the standard labels (their own labels win).
 */
export function buildRawResources(ctx: BuildContext): KubeObject[] {
  return ctx.input.resources.map(({ object }) => {
    const copy = structuredClone(object);
    const clusterScoped = ctx.input.scopes.isClusterScoped(copy.apiVersion, copy.kind);
    if (!clusterScoped && copy.metadata.namespace === undefined) copy.metadata.namespace = ctx.namespace;
    copy.metadata.labels = { ...standardLabels(ctx.app), ...copy.metadata.labels };
    return copy;
  });
}
