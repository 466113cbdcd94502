import type { Problem } from './generators/generator.js';
import { isRecord } from './generators/generator.js';
import type { JsonPath } from './template/engine.js';

/** Whether a set of labels (or flattened parameters) matches a label selector. */
export type Matcher = (labels: Readonly<Record<string, string>>) => boolean;

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const validKey = (key: string): boolean => {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash === -1 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  return name.length <= 63 && NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && PREFIX.test(prefix)));
};
const validValue = (value: string): boolean => value === '' || (value.length <= 63 && NAME.test(value));

/**
 * A Kubernetes label selector (`matchLabels`, and `matchExpressions` with In, NotIn, Exists,
 * DoesNotExist), checked as metav1.LabelSelectorAsSelector checks it. Every requirement must hold;
 * an empty selector matches everything. Undefined when the selector is invalid (each problem reported).
 */
export function compileSelector(raw: unknown, at: JsonPath, report: (p: Problem) => void): Matcher | undefined {
  if (raw === undefined || raw === null) return () => true;
  const problem = (path: JsonPath, message: string, details: Partial<Problem> = {}) => report({ code: 'FF809', message, path: [...at, ...path], ...details });
  if (!isRecord(raw)) {
    problem([], 'a selector is a map with matchLabels and matchExpressions', { found: JSON.stringify(raw) });
    return undefined;
  }
  const requirements: Matcher[] = [];
  let valid = true;
  const matchLabels = raw.matchLabels ?? {};
  if (!isRecord(matchLabels)) {
    problem(['matchLabels'], 'matchLabels maps label keys to values');
    valid = false;
  } else {
    for (const [key, value] of Object.entries(matchLabels)) {
      if (!validKey(key) || typeof value !== 'string' || !validValue(value)) {
        problem(['matchLabels', key], `invalid label selector \`${key}: ${String(value)}\``, { expected: 'a label key and a label value (63 characters at most: letters, digits, `-`, `_`, `.`)' });
        valid = false;
        continue;
      }
      requirements.push((labels) => labels[key] === value);
    }
  }
  const expressions = raw.matchExpressions ?? [];
  if (!Array.isArray(expressions)) {
    problem(['matchExpressions'], 'matchExpressions is a list');
    return undefined;
  }
  expressions.forEach((expression: unknown, i) => {
    const requirement = compileExpression(expression, (message, details) => problem(['matchExpressions', i], message, details));
    if (requirement) requirements.push(requirement);
    else valid = false;
  });
  return valid ? (labels) => requirements.every((r) => r(labels)) : undefined;
}

function compileExpression(expression: unknown, problem: (message: string, details?: Partial<Problem>) => void): Matcher | undefined {
  if (!isRecord(expression) || typeof expression.key !== 'string' || !validKey(expression.key)) {
    problem('a match expression needs a valid `key`');
    return undefined;
  }
  const { key, operator } = expression;
  const values = expression.values ?? [];
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || !validValue(v))) {
    problem('`values` is a list of label values');
    return undefined;
  }
  const set = new Set(values as string[]);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (set.size === 0) {
        problem(`for '${operator}', 'values' must be non-empty`);
        return undefined;
      }
      return operator === 'In' ? (labels) => Object.hasOwn(labels, key) && set.has(labels[key]!) : (labels) => !(Object.hasOwn(labels, key)) || !set.has(labels[key]!);
    case 'Exists':
    case 'DoesNotExist':
      if (set.size > 0) {
        problem(`for '${operator}', 'values' must be empty`);
        return undefined;
      }
      return operator === 'Exists' ? (labels) => Object.hasOwn(labels, key) : (labels) => !(Object.hasOwn(labels, key));
    default:
      problem(`${JSON.stringify(operator)} is not a valid label selector operator`, { expected: 'In, NotIn, Exists or DoesNotExist' });
      return undefined;
  }
}
