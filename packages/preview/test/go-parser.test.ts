import { describe, expect, it } from 'vitest';
import { TemplateSyntaxError, UnsupportedTemplateError } from '../src/template/errors.js';
import { parse, type FunctionLookup } from '../src/template/go-parser.js';

const functions: FunctionLookup = (name) => (['printf', 'len', 'index'].includes(name) ? 'defined' : name === 'slugify' ? 'unsupported' : 'undefined');

describe('the Go template parser', () => {
  it('builds actions, control structures and their else branches', () => {
    const nodes = parse('a{{ if .x }}b{{ else if .y }}c{{ else }}d{{ end }}', functions);
    expect(nodes.map((n) => n.kind)).toEqual(['text', 'if']);
    const control = nodes[1] as unknown as { otherwise: { kind: string; otherwise: unknown[] }[] };
    expect(control.otherwise[0]!.kind).toBe('if');
    expect(control.otherwise[0]!.otherwise).toEqual([{ kind: 'text', text: 'd' }]);
  });

  it('reads a pipeline into commands and remembers its source for error messages', () => {
    const [action] = parse('{{ .name | printf "%s" }}', functions) as unknown as [{ pipe: { cmds: unknown[]; source: string } }];
    expect(action.pipe.cmds).toHaveLength(2);
    expect(action.pipe.source).toBe('{{ .name | printf "%s" }}');
  });

  it('scopes variables to their control structure', () => {
    expect(() => parse('{{ if .a }}{{ $x := 1 }}{{ end }}{{ $x }}', functions)).toThrow('undefined variable "$x"');
    expect(() => parse('{{ $x := 1 }}{{ if .a }}{{ $x }}{{ end }}', functions)).not.toThrow();
  });

  it.each([
    ['an undefined function', '{{ foo }}', TemplateSyntaxError, 'function "foo" not defined'],
    ['a sprig function the preview lacks', '{{ slugify .a }}', UnsupportedTemplateError, 'function "slugify" is not supported by fleetform preview'],
    ['define', '{{ define "x" }}{{ end }}', UnsupportedTemplateError, '{{define}} is not supported'],
    ['template', '{{ template "x" }}', UnsupportedTemplateError, '{{template}} is not supported'],
    ['an undefined variable', '{{ $y }}', TemplateSyntaxError, 'undefined variable "$y"'],
    ['assigning an undeclared variable', '{{ $y = 1 }}', TemplateSyntaxError, 'undefined variable "$y"'],
    ['an end with no control', '{{ end }}', TemplateSyntaxError, 'unexpected {{end}}'],
    ['a control with no end', '{{ if .a }}x', TemplateSyntaxError, 'unexpected EOF'],
    ['break outside range', '{{ if .a }}{{ break }}{{ end }}', TemplateSyntaxError, '{{break}} outside {{range}}'],
    ['an empty action', '{{ }}', TemplateSyntaxError, 'missing value for command'],
    ['two declarations outside range', '{{ $a, $b := .x }}', TemplateSyntaxError, 'too many declarations in command'],
    ['operands with no space between', '{{ len(.a) }}', TemplateSyntaxError, 'missing space'],
    ['a field after a constant', '{{ "a".b }}', TemplateSyntaxError, 'unexpected . after term "a"'],
  ])('refuses %s', (_, template, type, message) => {
    expect(() => parse(template, functions)).toThrow(type);
    expect(() => parse(template, functions)).toThrow(message);
  });
});
