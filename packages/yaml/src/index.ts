export { toYaml, toYamlStream } from './stringify.js';
export { OPTIONS as YAML_OPTIONS } from './options.js';
export { MAX_NESTING_DEPTH, REFUSED_KEYS, SourceDocument, parseYamlStream } from './source-document.js';
export type { ParseResult, PathSegment } from './source-document.js';
export { ParseMemo, type ParsedText } from './parse-memo.js';
