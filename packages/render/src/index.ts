export { prepareRender, renderFleet, type PreparedRender, type RenderOptions, type RenderResult } from './render-fleet.js';
export { buildShare, RenderWorkers, renderWorkerCount, workersShare } from './parallel/render-workers.js';
export type { AppRecord, ClusterRecord, InstanceRecord, ObjectIdentity, ReusableApp } from './app-record.js';
export { imageOverrides } from './image-overrides.js';
