import type { Finding, Loose, Policy } from './policy.js';
import { containersOf, podSpecOf } from './policy.js';

/**
 * The fields the restricted Pod Security Standard checks. A pod that fails them is rejected by a
 * namespace that enforces `restricted`, which Argo CD only reports after the sync has started.
 */
export const restrictedPodSecurity: Policy = {
  id: 'restricted-pod-security',
  code: 'FF405',
  description: 'pods meet the restricted Pod Security Standard',
  check({ objects }) {
    const findings: Finding[] = [];
    for (const target of objects) {
      const pod = podSpecOf(target.object);
      if (!pod) continue;
      const flag = (path: (string | number)[], message: string, hint: string) => findings.push({ target, path, message, hint });
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
        if (pod.spec[field] === true) flag([...pod.path, field], `${field} is not allowed`, `remove ${field}`);
      }
      ((pod.spec.volumes ?? []) as Loose[]).forEach((volume, i) => {
        if (volume?.hostPath) flag([...pod.path, 'volumes', i, 'hostPath'], `hostPath volume ${volume.name} is not allowed`, 'use an emptyDir, a ConfigMap, a Secret or a PersistentVolumeClaim');
      });
      const podContext = pod.spec.securityContext ?? {};
      const podSeccomp = podContext.seccompProfile?.type;
      for (const { path, container } of containersOf(pod)) {
        const context = container.securityContext ?? {};
        const name = `container ${container.name}`;
        if (context.privileged === true) flag([...path, 'securityContext', 'privileged'], `${name} is privileged`, 'remove privileged: true');
        if (context.allowPrivilegeEscalation !== false) flag([...path, 'securityContext', 'allowPrivilegeEscalation'], `${name} may escalate privileges`, 'set securityContext.allowPrivilegeEscalation: false');
        const drop = (context.capabilities?.drop ?? []) as string[];
        if (!drop.includes('ALL')) flag([...path, 'securityContext', 'capabilities'], `${name} does not drop ALL capabilities`, 'set securityContext.capabilities.drop: [ALL]');
        const added = ((context.capabilities?.add ?? []) as string[]).filter((c) => c !== 'NET_BIND_SERVICE');
        if (added.length > 0) flag([...path, 'securityContext', 'capabilities', 'add'], `${name} adds ${added.join(', ')}`, 'only NET_BIND_SERVICE may be added');
        if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true) flag([...path, 'securityContext', 'runAsNonRoot'], `${name} may run as root`, 'set runAsNonRoot: true on the pod or the container');
        if ((context.runAsUser ?? podContext.runAsUser) === 0) flag([...path, 'securityContext', 'runAsUser'], `${name} runs as UID 0`, 'run as a non-zero UID');
        const seccomp = context.seccompProfile?.type ?? podSeccomp;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') flag([...path, 'securityContext', 'seccompProfile'], `${name} has no seccomp profile`, 'set seccompProfile.type: RuntimeDefault on the pod');
      }
    }
    return findings;
  },
};
