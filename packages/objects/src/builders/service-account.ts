import type { BuildContext } from '../context.js';
import type { KubeObject } from '../kube.js';

/** One ServiceAccount per app, the identity its workloads run as. */
export function buildServiceAccount(ctx: BuildContext): KubeObject[] {
  if (ctx.workloads.length === 0 && !ctx.values.serviceAccount) return [];
  const account = ctx.values.serviceAccount ?? {};
  const object: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: ctx.metadata(ctx.serviceAccountName) };
  if (account.annotations) object.metadata.annotations = { ...account.annotations };
  if (account.automountToken === false) object.automountServiceAccountToken = false;
  return [object];
}
