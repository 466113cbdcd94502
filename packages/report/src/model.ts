/** How many cells of the matrix differ from the environment before them. */
export function countDiffering(report: Pick<FleetReport, 'apps'>): number {
  return report.apps.reduce((n, app) => n + Object.values(app.cells).filter((c) => c.differs).length, 0);
}

/** Everything the report page shows, as plain data: built from a rendered fleet, turned into HTML by renderReportPage. */
export interface FleetReport {
  /** `example-org/fleet`, from the repository URL. */
  readonly title: string;
  readonly repository: string;
  readonly revision: string;
  /** In promotion order, each with its clusters. */
  readonly environments: readonly ReportEnvironment[];
  /** In name order. */
  readonly apps: readonly ReportApp[];
  readonly validation: ReportValidation;
}

export interface ReportEnvironment {
  readonly name: string;
  readonly promotion?: 'auto' | 'pullRequest';
  readonly immutableTags: boolean;
  /** By region in fleet.yaml's order, then by name. */
  readonly clusters: readonly ReportCluster[];
}

export interface ReportCluster {
  readonly name: string;
  readonly region: string;
}

export interface ReportApp {
  readonly name: string;
  readonly team: string;
  readonly description?: string;
  /** The app's main image on each cluster it runs on, by cluster name. */
  readonly cells: Readonly<Record<string, ImageCell>>;
  /** Its objects grouped by sync wave, lowest wave first. */
  readonly waves: readonly SyncWave[];
}

export interface ImageCell {
  /** The tag, or the start of the digest when the image is pinned by digest. */
  readonly version: string;
  /** The full image reference the cluster pulls. */
  readonly reference: string;
  /**
   * Set when this version is not one the previous environment (in promotion order) runs: a
   * promotion waits here, or this environment went ahead of it.
   */
  readonly differs?: { readonly environment: string; readonly versions: readonly string[] };
}

export interface SyncWave {
  readonly wave: number;
  readonly objects: readonly WaveObject[];
}

export interface WaveObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The clusters that get it, when not every cluster of the app does. */
  readonly onlyOn?: readonly string[];
}

/** The result of `fleetform validate` on the fleet. */
export interface ReportValidation {
  readonly passed: boolean;
  readonly resources: number;
  readonly valid: number;
  readonly invalid: number;
  readonly errors: number;
  readonly skipped: number;
  readonly problems: readonly ReportProblem[];
  /** Policy findings the fleet waives, with their reasons. */
  readonly waived: readonly ReportProblem[];
}

export interface ReportProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  /** `file:line:col`. */
  readonly where?: string;
  /** The object it is about: `Deployment/web on us-east-1-prod`. */
  readonly subject?: string;
  readonly hint?: string;
}
