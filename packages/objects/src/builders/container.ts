import { createHash } from 'node:crypto';
import type { EnvValue, Probe } from '@fleetform/values';
import type { BuildContext, ResolvedWorkload } from '../context.js';
import { imageReference } from '../images.js';
import { configMapName } from './config-map.js';

type Json = Record<string, unknown>;

/** The workload's one container, with the secure defaults of the seeds. */
export function buildContainer(ctx: BuildContext, workload: ResolvedWorkload): Json {
  const image = ctx.image(workload.image);
  if (!image) {
    ctx.report('FF201', workload.image ? `unknown image \`${workload.image}\`` : 'the app has no `image`', [...workload.path, 'image'], {
      hint: workload.image ? 'use `main` or a key of `extraImages`' : 'set `image.repository` and `image.tag` in app.yaml',
    });
  }
  if (image && !image.repository) {
    ctx.need(image.repository, [...(workload.image && workload.image !== 'main' ? ['extraImages', workload.image] : ['image']), 'repository'], '');
  }
  const container: Json = {
    name: workload.containerName ?? 'main',
    image: image ? imageReference(image, ctx.input.imageMode) : 'missing-image',
  };
  if (image?.pullPolicy) container.imagePullPolicy = image.pullPolicy;
  if (workload.command) container.command = [...workload.command];
  if (workload.args) container.args = [...workload.args];
  const env = buildEnv(ctx, workload);
  if (env.length > 0) container.env = env;
  if (ctx.values.config && workload.envFromConfig !== false) {
    container.envFrom = [{ configMapRef: { name: configMapName(ctx.app.name) } }];
  }
  const ports = Object.entries(workload.ports ?? {}).map(([name, port]) => ({
    name,
    containerPort: ctx.need(port.port, [...workload.path, 'ports', name, 'port'], 0),
    protocol: port.protocol ?? 'TCP',
  }));
  if (ports.length > 0) container.ports = ports;
  for (const [kind, field] of [['liveness', 'livenessProbe'], ['readiness', 'readinessProbe'], ['startup', 'startupProbe']] as const) {
    const probe = workload.probes?.[kind];
    if (probe) container[field] = buildProbe(ctx, workload, probe, kind);
    else if (kind !== 'startup') {
      ctx.report('FF202', `workload \`${workload.key}\` has no ${kind} probe`, [...workload.path, 'probes'], {
        hint: `add probes.${kind} (http, tcp, grpc or exec) so Kubernetes knows when the pod is ${kind === 'liveness' ? 'stuck' : 'ready'}`,
      });
    }
  }
  container.resources = buildResources(ctx, workload);
  container.securityContext = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: workload.readOnlyRootFilesystem ?? true,
    runAsNonRoot: true,
    ...(workload.runAsUser ? { runAsUser: workload.runAsUser } : {}),
    ...(workload.runAsGroup ? { runAsGroup: workload.runAsGroup } : {}),
  };
  if (workload.preStopSleepSeconds) {
    container.lifecycle = { preStop: { sleep: { seconds: workload.preStopSleepSeconds } } };
  }
  const mounts = [
    ...Object.entries(workload.volumes ?? {}).map(([name, v]) => ({
      name,
      mountPath: ctx.need(v.mountPath, [...workload.path, 'volumes', name, 'mountPath'], '/'),
      ...(v.readOnly ? { readOnly: true } : {}),
      ...(v.subPath ? { subPath: v.subPath } : {}),
    })),
    ...Object.entries(workload.volumeClaimTemplates ?? {}).map(([name, v]) => ({
      name,
      mountPath: ctx.need(v.mountPath, [...workload.path, 'volumeClaimTemplates', name, 'mountPath'], '/'),
    })),
  ];
  if (mounts.length > 0) container.volumeMounts = mounts;
  return container;
}

function buildEnv(ctx: BuildContext, workload: ResolvedWorkload): Json[] {
  return Object.entries(workload.env ?? {}).map(([name, value]) => ({ name, ...envSource(ctx, workload, name, value) }));
}

function envSource(ctx: BuildContext, workload: ResolvedWorkload, name: string, value: EnvValue): Json {
  if (typeof value === 'string') return { value };
  if ('image' in value) {
    const image = ctx.image(value.image);
    if (!image) {
      ctx.report('FF201', `env ${name} names unknown image \`${value.image}\``, [...workload.path, 'env', name, 'image'], {
        hint: 'use `main` or a key of `extraImages`',
      });
      return { value: '' };
    }
    return { value: imageReference(image, ctx.input.imageMode) };
  }
  if ('secret' in value) return { valueFrom: { secretKeyRef: { name: value.secret.name, key: value.secret.key } } };
  if ('configMap' in value) return { valueFrom: { configMapKeyRef: { name: value.configMap.name, key: value.configMap.key } } };
  return { valueFrom: { fieldRef: { fieldPath: value.field } } };
}

function buildProbe(ctx: BuildContext, workload: ResolvedWorkload, probe: Probe, kind: string): Json {
  const port = (p: number | string, field: string): number | string => {
    if (typeof p === 'string' && !workload.ports?.[p]) {
      ctx.report('FF203', `${kind} probe uses port \`${p}\`, which the workload does not declare`, [...workload.path, 'probes', kind, field, 'port'], {
        expected: `one of ${Object.keys(workload.ports ?? {}).map((n) => `\`${n}\``).join(', ') || 'the names under `ports`'}`,
        found: `\`${p}\``,
      });
    }
    return p;
  };
  const handlers = [probe.http, probe.tcp, probe.grpc, probe.exec].filter((h) => h !== undefined);
  if (handlers.length !== 1) {
    ctx.report('FF204', `${kind} probe needs exactly one of http, tcp, grpc or exec`, [...workload.path, 'probes', kind], { found: `${handlers.length}` });
  }
  const result: Json = {};
  const at = [...workload.path, 'probes', kind];
  if (probe.http) {
    const path = ctx.need(probe.http.path, [...at, 'http', 'path'], '/');
    result.httpGet = { path, port: port(ctx.need(probe.http.port, [...at, 'http', 'port'], 0), 'http'), ...(probe.http.scheme ? { scheme: probe.http.scheme } : {}) };
  } else if (probe.tcp) result.tcpSocket = { port: port(ctx.need(probe.tcp.port, [...at, 'tcp', 'port'], 0), 'tcp') };
  else if (probe.grpc) result.grpc = { port: ctx.need(probe.grpc.port, [...at, 'grpc', 'port'], 0), ...(probe.grpc.service ? { service: probe.grpc.service } : {}) };
  else if (probe.exec) result.exec = { command: [...ctx.need<string[]>(probe.exec.command, [...at, 'exec', 'command'], [])] };
  for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
    if (probe[field] !== undefined) result[field] = probe[field];
  }
  return result;
}

function buildResources(ctx: BuildContext, workload: ResolvedWorkload): Json {
  const resources = workload.resources ?? {};
  for (const bound of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      if (resources[bound]?.[resource] === undefined) {
        ctx.report('FF205', `workload \`${workload.key}\` has no ${resource} ${bound === 'requests' ? 'request' : 'limit'}`, [...workload.path, 'resources', bound, resource], {
          hint: `set resources.${bound}.${resource} on the workload, or in workloadDefaults of fleet.yaml's defaults`,
        });
      }
    }
  }
  const list = (l: object | undefined) =>
    Object.fromEntries(Object.entries(l ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  return { requests: list(resources.requests), limits: list(resources.limits) };
}

/** A short, stable digest of the app's config, put on pod templates so a config change rolls the pods. */
export function configChecksum(config: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(config))).digest('hex').slice(0, 16);
}
