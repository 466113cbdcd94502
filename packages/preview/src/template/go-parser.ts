import { TemplateSyntaxError, UnsupportedTemplateError } from './errors.js';
import { lex, runeOf, type Token } from './go-lexer.js';
import { GoInt, type GoValue } from './go-value.js';

export type Operand =
  | { readonly kind: 'field'; readonly names: readonly string[] }
  | { readonly kind: 'dot' }
  | { readonly kind: 'variable'; readonly name: string; readonly fields: readonly string[] }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'chain'; readonly target: Operand; readonly fields: readonly string[] }
  | { readonly kind: 'pipe'; readonly pipe: Pipe }
  | { readonly kind: 'constant'; readonly value: GoValue; readonly text: string }
  | { readonly kind: 'nil' };

export interface Command {
  readonly args: readonly Operand[];
}

export interface Pipe {
  /** Variables the pipeline declares (`$x :=`) or assigns (`$x =`). */
  readonly decl: readonly string[];
  readonly isAssign: boolean;
  readonly cmds: readonly Command[];
  /** The action's source, such as `{{.name | lower}}`, for error messages. */
  readonly source: string;
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipe: Pipe }
  | { readonly kind: 'if' | 'with'; readonly pipe: Pipe; readonly body: readonly TemplateNode[]; readonly otherwise?: readonly TemplateNode[] }
  | { readonly kind: 'range'; readonly pipe: Pipe; readonly body: readonly TemplateNode[]; readonly otherwise?: readonly TemplateNode[] }
  | { readonly kind: 'break' | 'continue' };

/** Whether a function name is known: implemented here, a sprig function this preview lacks, or neither. */
export type FunctionLookup = (name: string) => 'defined' | 'unsupported' | 'undefined';

/**
 * Parses a Go text/template into a tree, with text/template's checks: functions must exist,
 * variables must be declared before use, `end` and `else` must match a control structure.
 * `define`, `template` and `block` name other templates, which an ApplicationSet field cannot
 * hold, so they are refused.
 */
export function parse(input: string, functions: FunctionLookup): TemplateNode[] {
  const parser = new Parser(input, lex(input), functions);
  const { nodes, end } = parser.list(false);
  if (end !== 'eof') throw new TemplateSyntaxError(`unexpected {{${end}}}`);
  return nodes;
}

type ListEnd = 'eof' | 'end' | 'else';

class Parser {
  private at = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    private readonly input: string,
    private readonly tokens: readonly Token[],
    private readonly functions: FunctionLookup,
  ) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    return this.tokens[this.at++]!;
  }

  private expect(kind: Token['kind'], context: string): Token {
    const token = this.next();
    if (token.kind !== kind) throw new TemplateSyntaxError(`unexpected ${describe(token)} in ${context}`);
    return token;
  }

  /** Nodes up to `{{end}}`, `{{else}}` or the end of input; an `else` is left for the caller to read. */
  list(inControl: boolean): { nodes: TemplateNode[]; end: ListEnd } {
    const nodes: TemplateNode[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') {
        if (inControl) throw new TemplateSyntaxError('unexpected EOF');
        return { nodes, end: 'eof' };
      }
      if (token.kind === 'text') {
        nodes.push({ kind: 'text', text: token.value });
        continue;
      }
      const keyword = this.peek();
      if (keyword.kind === 'keyword' && (keyword.value === 'end' || keyword.value === 'else')) {
        if (!inControl) throw new TemplateSyntaxError(`unexpected {{${keyword.value}}}`);
        this.next();
        if (keyword.value === 'end') this.expect('right', 'end');
        return { nodes, end: keyword.value };
      }
      nodes.push(this.action(token));
    }
  }

  private action(left: Token): TemplateNode {
    const token = this.peek();
    if (token.kind === 'keyword') {
      this.next();
      switch (token.value) {
        case 'if':
        case 'with':
        case 'range':
          return this.control(token.value, left);
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) throw new TemplateSyntaxError(`{{${token.value}}} outside {{range}}`);
          this.expect('right', token.value);
          return { kind: token.value };
        default:
          throw new UnsupportedTemplateError(`{{${token.value}}} is not supported: an ApplicationSet field is one template, with no others to define or call`);
      }
    }
    return { kind: 'action', pipe: this.pipeline('command', left) };
  }

  private control(kind: 'if' | 'with' | 'range', left: Token): TemplateNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, left);
    if (kind === 'range') this.rangeDepth++;
    const body = this.list(true);
    if (kind === 'range') this.rangeDepth--;
    let otherwise: TemplateNode[] | undefined;
    if (body.end === 'else') {
      const chained = this.peek();
      // `{{else if …}}` and `{{else with …}}` open a nested control that shares this one's `end`.
      if (chained.kind === 'keyword' && (chained.value === 'if' || chained.value === 'with') && kind !== 'range') {
        this.next();
        otherwise = [this.control(chained.value, left)];
      } else {
        this.expect('right', 'else');
        const rest = this.list(true);
        if (rest.end !== 'end') throw new TemplateSyntaxError('expected end; found {{else}}');
        otherwise = rest.nodes;
      }
    }
    this.vars.length = mark;
    return { kind, pipe, body: body.nodes, ...(otherwise ? { otherwise } : {}) };
  }

  private pipeline(context: string, left: Token): Pipe {
    const decl: string[] = [];
    let isAssign = false;
    const first = this.peek();
    const second = this.tokens[this.at + 1];
    if (first.kind === 'variable' && second && (second.kind === 'declare' || second.kind === 'assign' || second.kind === 'comma')) {
      this.next();
      decl.push(first.value);
      if (second.kind === 'comma') {
        if (context !== 'range') throw new TemplateSyntaxError(`too many declarations in ${context}`);
        this.next();
        decl.push(this.expect('variable', 'range declaration').value);
        this.expect('declare', 'range declaration');
      } else {
        this.next();
        isAssign = second.kind === 'assign';
        if (isAssign && !this.vars.includes(first.value)) throw new TemplateSyntaxError(`undefined variable "${first.value}"`);
      }
    }
    const cmds: Command[] = [];
    for (;;) {
      cmds.push(this.command());
      const token = this.next();
      if (token.kind === 'right') {
        if (cmds.some((c) => c.args.length === 0)) throw new TemplateSyntaxError(`missing value for ${context}`);
        if (!isAssign) this.vars.push(...decl);
        return { decl, isAssign, cmds, source: this.input.slice(left.pos, token.pos + 2) };
      }
      if (token.kind !== 'pipe') throw new TemplateSyntaxError(`unexpected ${describe(token)} in ${context}`);
    }
  }

  private command(): Command {
    const args: Operand[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'right' || token.kind === 'pipe' || token.kind === 'rparen' || token.kind === 'eof') break;
      if (args.length > 0 && !token.spaceBefore) throw new TemplateSyntaxError(`missing space before ${describe(token)}`);
      args.push(this.operand());
    }
    return { args };
  }

  private operand(): Operand {
    const term = this.term();
    const fields: string[] = [];
    while (this.peek().kind === 'field' && !this.peek().spaceBefore) fields.push(this.next().value);
    if (fields.length === 0) return term;
    switch (term.kind) {
      case 'field':
        return { kind: 'field', names: [...term.names, ...fields] };
      case 'variable':
        return { kind: 'variable', name: term.name, fields: [...term.fields, ...fields] };
      case 'pipe':
      case 'function':
        return { kind: 'chain', target: term, fields };
      default:
        throw new TemplateSyntaxError(`unexpected . after term ${term.kind === 'constant' ? term.text : term.kind}`);
    }
  }

  private term(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'dot':
        return { kind: 'dot' };
      case 'nil':
        return { kind: 'nil' };
      case 'field':
        return { kind: 'field', names: [token.value] };
      case 'variable':
        if (!this.vars.includes(token.value)) throw new TemplateSyntaxError(`undefined variable "${token.value}"`);
        return { kind: 'variable', name: token.value, fields: [] };
      case 'identifier': {
        const known = this.functions(token.value);
        if (known === 'unsupported') throw new UnsupportedTemplateError(`function "${token.value}" is not supported by fleetform preview`);
        if (known === 'undefined') throw new TemplateSyntaxError(`function "${token.value}" not defined`);
        return { kind: 'function', name: token.value };
      }
      case 'bool':
        return { kind: 'constant', value: token.value === 'true', text: token.value };
      case 'string':
        return { kind: 'constant', value: token.value, text: JSON.stringify(token.value) };
      case 'char':
        return { kind: 'constant', value: new GoInt(runeOf(token.value)), text: token.value };
      case 'number':
        return { kind: 'constant', value: numberValue(token.value), text: token.value };
      case 'lparen': {
        const pipe = this.pipelineInParens();
        return { kind: 'pipe', pipe };
      }
      default:
        throw new TemplateSyntaxError(`unexpected ${describe(token)} in operand`);
    }
  }

  private pipelineInParens(): Pipe {
    const start = this.peek().pos;
    const cmds: Command[] = [];
    for (;;) {
      const command = this.command();
      if (command.args.length === 0) throw new TemplateSyntaxError('missing value for parenthesized pipeline');
      cmds.push(command);
      const token = this.next();
      if (token.kind === 'rparen') return { decl: [], isAssign: false, cmds, source: this.input.slice(start, token.pos) };
      if (token.kind !== 'pipe') throw new TemplateSyntaxError(`unexpected ${describe(token)} in parenthesized pipeline`);
    }
  }
}

/** A number literal: an int unless it has a fraction or an exponent (hex is always an int). */
function numberValue(text: string): GoValue {
  const clean = text.replace(/_/g, '');
  const isHexLike = /^[+-]?0[xXbBoO]/.test(clean);
  if (isHexLike) {
    const sign = clean.startsWith('-') ? -1 : 1;
    const digits = clean.replace(/^[+-]/, '');
    const base = { x: 16, b: 2, o: 8 }[digits[1]!.toLowerCase() as 'x' | 'b' | 'o'];
    return new GoInt(sign * parseInt(digits.slice(2), base));
  }
  if (/[.eE]/.test(clean)) return Number(clean);
  // A leading 0 makes an octal int, as in Go.
  if (/^[+-]?0\d/.test(clean)) return new GoInt((clean.startsWith('-') ? -1 : 1) * parseInt(clean.replace(/^[+-]?0/, ''), 8));
  return new GoInt(Number(clean));
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'EOF';
  if (token.kind === 'right') return '"}}"';
  return `${JSON.stringify(token.value)}`;
}
