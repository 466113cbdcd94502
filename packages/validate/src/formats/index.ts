import type { ValidationReport } from '../result.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatText } from './text.js';

export const FORMATS = {
  text: formatText,
  json: formatJson,
  junit: formatJunit,
  github: formatGithub,
} as const satisfies Record<string, (report: ValidationReport) => string>;

export type OutputFormat = keyof typeof FORMATS;
