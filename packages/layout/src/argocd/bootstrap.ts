import type { KubeObject } from '@fleetform/objects';
import type { Fleet } from '@fleetform/values';
import { argoMetadata } from './common.js';

/**
 * Argo CD dropped its health check for Applications in v1.8, so without this an Application is
 * "healthy" the moment it exists and sync waves between Applications do not wait for anything.
 * This check reports the child Application's own health, which makes the waves hold.
 */
export const APPLICATION_HEALTH_CHECK = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then',
  '    hs.message = obj.status.health.message',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');

/**
 * The one key of argocd-cm fleetform owns. Applied server-side, it leaves every other setting of the
 * installation alone, and Prune=false keeps Argo CD from ever deleting its own configuration.
 */
export function buildArgocdSettings(fleet: Fleet, cluster: string): KubeObject {
  const metadata = argoMetadata(fleet, 'argocd-cm', cluster, -3, { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' });
  metadata.annotations = { ...metadata.annotations, 'argocd.argoproj.io/sync-options': 'Prune=false,ServerSideApply=true' };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata,
    data: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_CHECK },
  };
}

/** What a cluster's ApplicationSet controller must allow for the ApplicationSets fleetform writes there. */
export interface ApplicationSetControllerNeeds {
  /** RollingSync strategies (hub ApplicationSets): off unless enabled. */
  readonly progressiveSyncs: boolean;
  /** An applicationsSync other than `sync`: the controller ignores it unless overrides are allowed. */
  readonly policyOverride: boolean;
}

/**
 * The keys of argocd-cmd-params-cm the ApplicationSet controller reads for what fleetform's
 * ApplicationSets use, or undefined when they need none. Applied server-side like argocd-cm, it
 * owns only these keys; the controller reads them when it starts, so it needs a restart.
 */
export function buildArgocdCmdParams(fleet: Fleet, cluster: string, needs: ApplicationSetControllerNeeds): KubeObject | undefined {
  const data: Record<string, string> = {};
  if (needs.policyOverride) data['applicationsetcontroller.enable.policy.override'] = 'true';
  if (needs.progressiveSyncs) data['applicationsetcontroller.enable.progressive.syncs'] = 'true';
  if (Object.keys(data).length === 0) return undefined;
  const metadata = argoMetadata(fleet, 'argocd-cmd-params-cm', cluster, -3, { 'app.kubernetes.io/name': 'argocd-cmd-params-cm', 'app.kubernetes.io/part-of': 'argocd' });
  metadata.annotations = { ...metadata.annotations, 'argocd.argoproj.io/sync-options': 'Prune=false,ServerSideApply=true' };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}
