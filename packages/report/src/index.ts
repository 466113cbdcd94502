export { collectReport } from './collect-report.js';
export { countDiffering } from './model.js';
export type { FleetReport, ImageCell, ReportApp, ReportCluster, ReportEnvironment, ReportProblem, ReportValidation, SyncWave, WaveObject } from './model.js';
export { renderReportPage } from './page/report-page.js';
