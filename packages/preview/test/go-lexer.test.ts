import { describe, expect, it } from 'vitest';
import { lex } from '../src/template/go-lexer.js';

const kinds = (template: string) => lex(template).map((t) => `${t.kind}${t.kind === 'eof' ? '' : `(${t.value})`}`);

describe('the Go template lexer', () => {
  it.each([
    ['text alone', 'hello', ['text(hello)', 'eof']],
    ['a field between text', 'a{{.name}}b', ['text(a)', 'left({{)', 'field(name)', 'right(}})', 'text(b)', 'eof']],
    ['a chain of fields', '{{.a.b}}', ['left({{)', 'field(a)', 'field(b)', 'right(}})', 'eof']],
    ['dot, variables and a declaration', '{{$x := .}}', ['left({{)', 'variable($x)', 'declare(:=)', 'dot(.)', 'right(}})', 'eof']],
    ['a pipeline with a function and a string', '{{ .a | printf "%s" }}', ['left({{)', 'field(a)', 'pipe(|)', 'identifier(printf)', 'string(%s)', 'right(}})', 'eof']],
    ['numbers, booleans, nil and a character', '{{ 1 -2.5 0x1F true nil \'a\' }}', ['left({{)', 'number(1)', 'number(-2.5)', 'number(0x1F)', 'bool(true)', 'nil(nil)', "char('a')", 'right(}})', 'eof']],
    ['keywords', '{{if .a}}{{else}}{{end}}', ['left({{)', 'keyword(if)', 'field(a)', 'right(}})', 'left({{)', 'keyword(else)', 'right(}})', 'left({{)', 'keyword(end)', 'right(}})', 'eof']],
    ['parentheses and a comma', '{{ range $i, $v := (list 1) }}', ['left({{)', 'keyword(range)', 'variable($i)', 'comma(,)', 'variable($v)', 'declare(:=)', 'lparen(()', 'identifier(list)', 'number(1)', 'rparen())', 'right(}})', 'eof']],
    ['trim markers remove the white space beside them', 'a \n {{- .x -}} \n b', ['text(a)', 'left({{)', 'field(x)', 'right(}})', 'text(b)', 'eof']],
    ['a minus without a space is a negative number, not a trim marker', '{{-1}}', ['left({{)', 'number(-1)', 'right(}})', 'eof']],
    ['a comment disappears', 'a{{/* x */}}b', ['text(a)', 'text(b)', 'eof']],
    ['a raw string keeps what it holds', '{{ `{{.x}}` }}', ['left({{)', 'string({{.x}})', 'right(}})', 'eof']],
  ])('lexes %s', (_, template, expected) => {
    expect(kinds(template)).toEqual(expected);
  });

  it.each([
    ['an unclosed action', '{{ .a', 'unclosed action'],
    ['an unterminated string', '{{ "a }}', 'unterminated quoted string'],
    ['an unclosed comment', '{{/* x', 'unclosed comment'],
    ['a comment with text after it', '{{/* x */ .y}}', 'comment ends before closing delimiter'],
    ['a bad character', '{{ .a# }}', 'bad character'],
    ['a bad number', '{{ 3x }}', 'bad number syntax'],
    ['an unclosed parenthesis', '{{ (len .a }}', 'unclosed left paren'],
  ])('refuses %s', (_, template, message) => {
    expect(() => lex(template)).toThrow(message);
  });
});
