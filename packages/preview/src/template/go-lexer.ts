import { TemplateSyntaxError } from './errors.js';

export type TokenKind =
  | 'text'
  | 'left'
  | 'right'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'dot'
  | 'string'
  | 'number'
  | 'char'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text; for a string, its unquoted value; for a field, its name without the dot. */
  readonly value: string;
  /** Offset in the template, for error messages. */
  readonly pos: number;
  /** Whether white space separates it from the token before: `.a.b` is one chain, `.a .b` two operands. */
  readonly spaceBefore: boolean;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const SPACE = /[ \t\r\n]/;
const ALPHANUMERIC = /[\p{L}\p{Nd}_]/u;
const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '|', ':', ')', '(']);

/**
 * Splits a Go text/template into tokens: text between actions, and the words of each action.
 * Follows text/template's lexer: `{{- ` and ` -}}` trim the white space beside an action,
 * `{{/* … *\/}}` is a comment, and fields, variables, literals and keywords are told apart here.
 */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let trimNextText = false;
  while (pos < input.length) {
    const open = input.indexOf('{{', pos);
    const textEnd = open === -1 ? input.length : open;
    const trimLeft = open !== -1 && input[open + 2] === '-' && SPACE.test(input[open + 3] ?? '');
    let text = input.slice(pos, textEnd);
    if (trimNextText) text = text.replace(/^[ \t\r\n]+/, '');
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text.length > 0) tokens.push({ kind: 'text', value: text, pos, spaceBefore: false });
    if (open === -1) break;
    const afterDelim = open + (trimLeft ? 4 : 2);
    const comment = commentEnd(input, afterDelim);
    if (comment !== undefined) {
      pos = comment.end;
      trimNextText = comment.trimRight;
      continue;
    }
    tokens.push({ kind: 'left', value: '{{', pos: open, spaceBefore: false });
    const action = lexAction(input, afterDelim, tokens);
    pos = action.end;
    trimNextText = action.trimRight;
  }
  tokens.push({ kind: 'eof', value: '', pos: input.length, spaceBefore: false });
  return tokens;
}

function commentEnd(input: string, start: number): { end: number; trimRight: boolean } | undefined {
  let at = start;
  while (SPACE.test(input[at] ?? '')) at++;
  if (!input.startsWith('/*', at)) return undefined;
  const close = input.indexOf('*/', at + 2);
  if (close === -1) throw new TemplateSyntaxError('unclosed comment');
  const after = close + 2;
  if (input.startsWith('}}', after)) return { end: after + 2, trimRight: false };
  if (SPACE.test(input[after] ?? '') && input.startsWith('-}}', after + 1)) return { end: after + 4, trimRight: true };
  throw new TemplateSyntaxError('comment ends before closing delimiter');
}

function lexAction(input: string, start: number, tokens: Token[]): { end: number; trimRight: boolean } {
  let pos = start;
  let depth = 0;
  let spaceBefore = true;
  const push = (kind: TokenKind, value: string, at: number) => {
    tokens.push({ kind, value, pos: at, spaceBefore });
    spaceBefore = false;
  };
  for (;;) {
    if (input.startsWith('}}', pos) || (SPACE.test(input[pos] ?? '') && input.startsWith('-}}', pos + 1))) {
      if (depth > 0) throw new TemplateSyntaxError('unclosed left paren');
      const trimRight = !input.startsWith('}}', pos);
      push('right', '}}', pos);
      return { end: pos + (trimRight ? 4 : 2), trimRight };
    }
    const ch = input[pos];
    if (ch === undefined) throw new TemplateSyntaxError('unclosed action');
    if (SPACE.test(ch)) {
      pos++;
      spaceBefore = true;
      continue;
    }
    const at = pos;
    if (ch === '=') {
      push('assign', '=', at);
      pos++;
    } else if (ch === ':') {
      if (input[pos + 1] !== '=') throw new TemplateSyntaxError('expected :=');
      push('declare', ':=', at);
      pos += 2;
    } else if (ch === '|') {
      push('pipe', '|', at);
      pos++;
    } else if (ch === ',') {
      push('comma', ',', at);
      pos++;
    } else if (ch === '(') {
      depth++;
      push('lparen', '(', at);
      pos++;
    } else if (ch === ')') {
      if (--depth < 0) throw new TemplateSyntaxError(`unexpected right paren`);
      push('rparen', ')', at);
      pos++;
    } else if (ch === '"') {
      const end = quotedEnd(input, pos);
      push('string', unquote(input.slice(pos, end)), at);
      pos = end;
    } else if (ch === '`') {
      const end = input.indexOf('`', pos + 1);
      if (end === -1) throw new TemplateSyntaxError('unterminated raw quoted string');
      push('string', input.slice(pos + 1, end).replace(/\r/g, ''), at);
      pos = end + 1;
    } else if (ch === "'") {
      const end = charEnd(input, pos);
      push('char', input.slice(pos, end), at);
      pos = end;
    } else if (ch === '$' || (ch === '.' && !/[0-9]/.test(input[pos + 1] ?? ''))) {
      const end = wordEnd(input, pos + 1);
      const word = input.slice(pos, end);
      checkTerminator(input, end);
      if (ch === '$') push('variable', word, at);
      else if (word === '.') push('dot', '.', at);
      else push('field', word.slice(1), at);
      pos = end;
    } else if (/[0-9+\-.]/.test(ch)) {
      const end = numberEnd(input, pos);
      push('number', input.slice(pos, end), at);
      pos = end;
    } else if (ALPHANUMERIC.test(ch)) {
      const end = wordEnd(input, pos);
      const word = input.slice(pos, end);
      checkTerminator(input, end);
      if (KEYWORDS.has(word)) push('keyword', word, at);
      else if (word === 'true' || word === 'false') push('bool', word, at);
      else if (word === 'nil') push('nil', word, at);
      else push('identifier', word, at);
      pos = end;
    } else {
      throw new TemplateSyntaxError(`unrecognized character in action: ${JSON.stringify(ch)}`);
    }
  }
}

function wordEnd(input: string, start: number): number {
  let end = start;
  while (end < input.length && ALPHANUMERIC.test(input[end]!)) end++;
  return end;
}

function checkTerminator(input: string, at: number): void {
  const ch = input[at];
  if (ch === undefined || TERMINATORS.has(ch) || input.startsWith('}}', at)) return;
  throw new TemplateSyntaxError(`bad character ${JSON.stringify(ch)}`);
}

function quotedEnd(input: string, start: number): number {
  for (let at = start + 1; at < input.length; at++) {
    const ch = input[at];
    if (ch === '\\') at++;
    else if (ch === '\n') break;
    else if (ch === '"') return at + 1;
  }
  throw new TemplateSyntaxError('unterminated quoted string');
}

function charEnd(input: string, start: number): number {
  for (let at = start + 1; at < input.length; at++) {
    const ch = input[at];
    if (ch === '\\') at++;
    else if (ch === '\n') break;
    else if (ch === "'") return at + 1;
  }
  throw new TemplateSyntaxError('unterminated character constant');
}

const NUMBER = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?(\.[\d_]*)?([eE][+-]?\d+)?)/;

function numberEnd(input: string, start: number): number {
  const match = NUMBER.exec(input.slice(start))![0];
  const end = start + match.length;
  if (!/\d/.test(match) || ALPHANUMERIC.test(input[end] ?? '')) {
    throw new TemplateSyntaxError(`bad number syntax: ${JSON.stringify(input.slice(start, wordEnd(input, end) + (match.length === 0 ? 1 : 0)))}`);
  }
  return end;
}

const ESCAPES: Record<string, string> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** strconv.Unquote of a double-quoted Go string literal. */
export function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    if (next in ESCAPES && next !== "'") out += ESCAPES[next];
    else if (next === 'x') out += String.fromCharCode(hex(body.slice(i + 1, (i += 2) + 1)));
    else if (next === 'u') out += String.fromCodePoint(hex(body.slice(i + 1, (i += 4) + 1)));
    else if (next === 'U') out += String.fromCodePoint(hex(body.slice(i + 1, (i += 8) + 1)));
    else if (/[0-7]/.test(next)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new TemplateSyntaxError(`invalid syntax in string ${literal}`);
  }
  return out;
}

function hex(digits: string): number {
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new TemplateSyntaxError(`invalid escape \\x${digits}`);
  return parseInt(digits, 16);
}

/** The rune a character constant such as `'a'` or `'\n'` stands for. */
export function runeOf(literal: string): number {
  const body = literal.slice(1, -1);
  const value = body.startsWith('\\') ? unquote(`"${body.replace(/^\\'$/, "'")}"`) : body;
  if ([...value].length !== 1) throw new TemplateSyntaxError(`malformed character constant: ${literal}`);
  return value.codePointAt(0)!;
}
