import { UnsupportedTemplateError } from './errors.js';
import { formatFloat, formatValue, GoInt, goQuote, typeName, type GoValue } from './go-value.js';

/**
 * fmt.Sprintf for the verbs templates use: %v %s %d %q %t %f %e %g %x %X %%, with flags `-+0`, width
 * and precision. A value of the wrong type prints as fmt does (`%!d(string=a)`); a verb outside this
 * set is refused rather than printed differently from Go.
 */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let next = 0;
  const directive = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/y;
  for (let i = 0; i < format.length; ) {
    const percent = format.indexOf('%', i);
    if (percent === -1) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    directive.lastIndex = percent;
    const match = directive.exec(format);
    if (!match) {
      out += '%!(NOVERB)';
      break;
    }
    i = directive.lastIndex;
    const [, flags = '', width, precision, verb = ''] = match;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const spec = { minus: flags.includes('-'), plus: flags.includes('+'), zero: flags.includes('0'), width: width === undefined ? 0 : Number(width), precision: precision === undefined ? undefined : Number(precision || 0) };
    out += pad(formatOne(verb, args[next++], spec), spec);
  }
  if (next < args.length) out += `%!(EXTRA ${args.slice(next).map((a) => `${typeName(a)}=${formatValue(a)}`).join(', ')})`;
  return out;
}

interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly zero: boolean;
  readonly width: number;
  readonly precision: number | undefined;
}

function formatOne(verb: string, arg: GoValue, spec: Spec): string {
  const bad = () => (arg === undefined || arg === null ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(arg)}=${formatValue(arg)})`);
  const sign = (n: number, text: string) => (spec.plus && n >= 0 ? `+${text}` : text);
  switch (verb) {
    case 'v':
      return formatValue(arg);
    case 's':
      if (typeof arg === 'string') return spec.precision === undefined ? arg : [...arg].slice(0, spec.precision).join('');
      if (Array.isArray(arg)) return `[${arg.map((a) => formatOne('s', a, spec)).join(' ')}]`;
      return bad();
    case 'd':
      return arg instanceof GoInt ? sign(arg.value, String(arg.value)) : bad();
    case 'q':
      if (typeof arg === 'string') return goQuote(arg);
      return arg instanceof GoInt ? `'${String.fromCodePoint(arg.value)}'` : bad();
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'f':
    case 'F':
      return typeof arg === 'number' ? sign(arg, arg.toFixed(spec.precision ?? 6)) : bad();
    case 'e':
      return typeof arg === 'number' ? sign(arg, goExponent(arg.toExponential(spec.precision ?? 6))) : bad();
    case 'g':
      if (typeof arg !== 'number') return bad();
      if (spec.precision !== undefined) throw new UnsupportedTemplateError('printf %g with a precision is not supported by fleetform preview');
      return sign(arg, formatFloat(arg));
    case 'x':
    case 'X': {
      let hex: string;
      if (arg instanceof GoInt) hex = arg.value < 0 ? `-${(-arg.value).toString(16)}` : arg.value.toString(16);
      else if (typeof arg === 'string') hex = Buffer.from(arg, 'utf8').toString('hex');
      else if (typeof arg === 'number') throw new UnsupportedTemplateError('printf %x of a float is not supported by fleetform preview');
      else return bad();
      return verb === 'X' ? hex.toUpperCase() : hex;
    }
    default:
      throw new UnsupportedTemplateError(`printf verb %${verb} is not supported by fleetform preview`);
  }
}

/** JavaScript writes `1.5e+6`; Go writes at least two exponent digits, `1.5e+06`. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function pad(text: string, spec: Spec): string {
  const length = [...text].length;
  if (length >= spec.width) return text;
  const fill = spec.width - length;
  if (spec.minus) return text + ' '.repeat(fill);
  if (spec.zero && /^[+-]?\d/.test(text)) {
    const signed = /^[+-]/.test(text);
    return `${signed ? text[0] : ''}${'0'.repeat(fill)}${signed ? text.slice(1) : text}`;
  }
  return ' '.repeat(fill) + text;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

/** fmt.Sprintln: spaces between every operand, and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}
