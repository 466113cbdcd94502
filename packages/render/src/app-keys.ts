import { createHash } from 'node:crypto';
import { appOfPath, type FleetInputs, type InputFiles, type KubeObject } from '@fleetform/values';

/**
 * What an app's own files (its base and overlays) depend on, as one key per app. An app's files are
 * a function of its own inputs (everything under apps/NAME/) and of the inputs every app reads:
 * clusters/fleet.yaml, every cluster.yaml, and the CRDs of all apps (which decide whether a custom
 * kind is namespaced). Anything outside apps/ counts as read by every app, so an input kind added
 * later is covered without listing it here. Two renders of one app with one key write the same files.
 */
export function appKeys(files: InputFiles, inputs: FleetInputs, crds: readonly KubeObject[]): Map<string, string> {
  const shared = createHash('sha1');
  const own = new Map<string, ReturnType<typeof createHash>>();
  for (const name of [...inputs.apps.keys()].sort()) own.set(name, createHash('sha1'));
  for (const path of [...files.keys()].sort()) {
    const app = appOfPath(path);
    const hash = (app !== undefined && own.get(app)) || shared;
    hash.update(`${path}\u0000${files.get(path)}\u0000`);
  }
  shared.update(JSON.stringify(crds));
  const common = shared.digest('base64url');
  return new Map([...own].map(([name, hash]) => [name, createHash('sha1').update(common).update(hash.digest('base64url')).digest('base64url')]));
}
