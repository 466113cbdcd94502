export { renderApplications, RESOURCES_FINALIZER, type Application, type PreviewResult, type PreviewSources } from './render-applications.js';
export { previewFiles, type PreviewInput } from './preview-files.js';
export { formatTable } from './format-table.js';
export { clustersFromFleet, clustersFromSecrets, FLEET_CLUSTER_LABELS, IN_CLUSTER, SECRET_TYPE_LABEL, type ClusterList, type ClusterSecret, type ClusterSource } from './cluster-source.js';
export { GitFailure, GitProblem, localRepository, type GitReader, type GitTree } from './git-repository.js';
export { GENERATORS } from './generators/registry.js';
export type { Generator, GeneratorContext, GeneratorKind } from './generators/generator.js';
export { createEngine, type TemplateEngine } from './template/engine.js';
