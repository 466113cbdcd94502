export { diffClusters, objectsOfLayout, summarize, type Change, type ClusterDiff, type DiffSummary, type FleetObjects, type ObjectChange, type RenderedClusters } from './diff-clusters.js';
export { describeImageChange, diffImages, type ImageChange } from './image-changes.js';
export { compareRefs, objectLabel, objectPath, refOf, type ObjectRef } from './object-ref.js';
export { formatText } from './format-text.js';
export { formatMarkdown, GITHUB_COMMENT_LIMIT, MARKDOWN_MARKER, type MarkdownOptions } from './format-markdown.js';
export type { DiffSides } from './wording.js';
