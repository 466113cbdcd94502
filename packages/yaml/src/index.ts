export { toYaml, toYamlStream } from './stringify.js';
export { SourceDocument, parseYamlStream } from './source-document.js';
export type { ParseResult, PathSegment } from './source-document.js';
