import { error, type Diagnostic, type SourcePosition } from '@fleetform/diagnostics';
import { mergeValues, type AppIdentity } from '@fleetform/resolve';
import type { Image, RawResource, Values, Workload } from '@fleetform/values';
import type { PathSegment } from '@fleetform/yaml';
import type { ImageMode } from './images.js';
import type { Scopes } from './kube.js';
import { standardLabels } from './labels.js';

/** A workload with the app's workload defaults merged in, and its final name. */
export interface ResolvedWorkload extends Workload {
  readonly key: string;
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  /** Where the workload is written in the values, for diagnostics. */
  readonly path: readonly PathSegment[];
}

export interface BuildInput {
  readonly app: AppIdentity;
  readonly values: Values;
  readonly imageMode: ImageMode;
  readonly resources: readonly RawResource[];
  readonly scopes: Scopes;
  /** Where this build happens, for diagnostics: `base` or a cluster name. */
  readonly target: string;
  /** Maps a path in the values to a position in app.yaml, for diagnostics. */
  readonly locate?: (path: readonly PathSegment[]) => SourcePosition;
}

/** What every builder receives: the input, the resolved workloads, and a place to report problems. */
export class BuildContext {
  readonly workloads: readonly ResolvedWorkload[];
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly input: BuildInput) {
    const { values } = input;
    this.workloads = Object.entries(values.workloads ?? {}).map(([key, workload]) => ({
      ...mergeValues(values.workloadDefaults ?? {}, workload),
      key,
      name: workload.name ?? `${input.app.name}-${key}`,
      kind: workload.kind ?? 'Deployment',
      path: ['workloads', key],
    }));
  }

  get app(): AppIdentity {
    return this.input.app;
  }

  get values(): Values {
    return this.input.values;
  }

  get namespace(): string {
    return this.input.app.namespace.name;
  }

  get serviceAccountName(): string {
    return this.values.serviceAccount?.name ?? this.app.name;
  }

  /** Metadata of a namespaced object of this app. */
  metadata(name: string, component?: string): { name: string; namespace: string; labels: Record<string, string> } {
    return { name, namespace: this.namespace, labels: standardLabels(this.app, component) };
  }

  /** The image a container uses: `main` or a key of extraImages. */
  image(key: string | undefined): Image | undefined {
    return !key || key === 'main' ? this.values.image : this.values.extraImages?.[key];
  }

  /**
   * A value the schema leaves optional (any layer may set it) but that the merged values must have.
   * Reports it when missing and returns the fallback, so building goes on and finds further problems.
   */
  need<T>(value: T | undefined, path: readonly PathSegment[], fallback: T): T {
    if (value !== undefined) return value;
    this.report('FF200', `\`${path[path.length - 1]}\` is required here`, path, {
      expected: 'a value, set in app.yaml or in any layer that applies',
      found: 'nothing',
    });
    return fallback;
  }

  report(code: string, message: string, path: readonly PathSegment[], details: Omit<Diagnostic, 'code' | 'message' | 'severity' | 'path' | 'position'> = {}): void {
    this.diagnostics.push(error(code, `${message} (${this.where})`, { ...details, position: this.input.locate?.(path), path: `/${path.join('/')}` }));
  }

  /** Reports a problem with one of the app's raw resources, at its name in its own file. */
  reportInResource(code: string, message: string, resource: RawResource, details: Omit<Diagnostic, 'code' | 'message' | 'severity' | 'path' | 'position'> = {}): void {
    const path = [...resource.at, 'metadata', 'name'];
    this.diagnostics.push(error(code, `${message} (${this.where})`, { ...details, position: resource.source.positionOf(path), path: `/${path.join('/')}` }));
  }

  private get where(): string {
    return this.input.target === 'base' ? 'in the app as written' : `on cluster ${this.input.target}`;
  }
}
