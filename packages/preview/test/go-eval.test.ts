import { describe, expect, it } from 'vitest';
import { createEngine } from '@fleetform/preview';

const params = {
  name: 'engineering-dev',
  replicas: 3,
  big: 1000000,
  ratio: 0.5,
  enabled: true,
  off: false,
  empty: '',
  nothing: null,
  list: ['a', 'b', 'c'],
  labels: { env: 'prod', 'my-label': 'x' },
  path: { path: 'apps/web', basename: 'web', segments: ['apps', 'web'] },
  clusters: [{ name: 'one' }, { name: 'two' }],
};

const render = (template: string, missingKey: 'default' | 'zero' | 'error' = 'default') => createEngine(true, missingKey).render(template, params);

describe('Go templates render as text/template does', () => {
  it.each([
    ['plain text passes through', 'no actions here', 'no actions here'],
    ['a field', '{{.name}}', 'engineering-dev'],
    ['white space inside the braces', '{{  .name  }}', 'engineering-dev'],
    ['a nested field', '{{.path.basename}}', 'web'],
    ['a float64 parameter prints as %v does', '{{.replicas}} {{.ratio}}', '3 0.5'],
    ['a large float64 prints with an exponent, as Go does', '{{.big}}', '1e+06'],
    ['booleans', '{{.enabled}}/{{.off}}', 'true/false'],
    ['a missing key prints <no value>', '{{.missing}}', '<no value>'],
    ['a field of a missing key prints <no value>', '{{.missing.deeper}}', '<no value>'],
    ['null prints <no value>', '{{.nothing}}', '<no value>'],
    ['a list prints as fmt prints a slice', '{{.list}}', '[a b c]'],
    ['a map prints with sorted keys', '{{.labels}}', 'map[env:prod my-label:x]'],
    ['dot is the data', '{{ len . }}', '12'],
    ['$ is the data everywhere', '{{ range .list }}{{ $.name }};{{ end }}', 'engineering-dev;engineering-dev;engineering-dev;'],
    ['index into a list', '{{ index .path.segments 1 }}', 'web'],
    ['index into a map with a key a field cannot name', '{{ index .labels "my-label" }}', 'x'],
    ['index of a missing map key is nil', '{{ index .labels "nope" }}', '<no value>'],
    ['a pipeline passes its value last', '{{ .name | printf "%s-app" }}', 'engineering-dev-app'],
    ['a parenthesised pipeline, then a field of its result', '{{ (index .clusters 1).name }}', 'two'],
    ['if', '{{ if .enabled }}on{{ end }}', 'on'],
    ['if with else', '{{ if .off }}on{{ else }}off{{ end }}', 'off'],
    ['else if chains', '{{ if .off }}a{{ else if .empty }}b{{ else if .list }}c{{ end }}', 'c'],
    ['an empty string is false', '{{ if .empty }}yes{{ else }}no{{ end }}', 'no'],
    ['a missing key is false', '{{ if .missing }}yes{{ else }}no{{ end }}', 'no'],
    ['with sets dot', '{{ with .path }}{{ .basename }}{{ end }}', 'web'],
    ['with else', '{{ with .empty }}x{{ else }}none{{ end }}', 'none'],
    ['range over a list', '{{ range .list }}<{{ . }}>{{ end }}', '<a><b><c>'],
    ['range with index and element', '{{ range $i, $e := .list }}{{ $i }}={{ $e }} {{ end }}', '0=a 1=b 2=c '],
    ['range with one variable gives the element', '{{ range $e := .list }}{{ $e }}{{ end }}', 'abc'],
    ['range over a map walks sorted keys', '{{ range $k, $v := .labels }}{{ $k }}:{{ $v }},{{ end }}', 'env:prod,my-label:x,'],
    ['range else for nothing to walk', '{{ range .missing }}x{{ else }}empty{{ end }}', 'empty'],
    ['range over an int counts from zero', '{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['break and continue', '{{ range .list }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ if eq . "c" }}{{ break }}{{ end }}{{ . }}{{ end }}', 'a'],
    ['a variable', '{{ $x := .name }}{{ $x }}', 'engineering-dev'],
    ['a variable assigned again', '{{ $x := "a" }}{{ $x = "b" }}{{ $x }}', 'b'],
    ['a variable with fields', '{{ $p := .path }}{{ $p.basename }}', 'web'],
    ['trim markers eat white space around actions', 'a  {{- "b" -}}  c', 'abc'],
    ['a comment prints nothing', 'a{{/* a comment */}}b', 'ab'],
    ['a trimmed comment', 'a {{- /* a comment */ -}} b', 'ab'],
    ['a raw string keeps braces, as the Helm-escaping idiom needs', '{{ `{{ . }}` }}', '{{ . }}'],
    ['string escapes', '{{ "a\\tb\\u00e9" }}', 'a\tbé'],
    ['a character constant is a number', "{{ 'a' }}", '97'],
    ['eq compares strings', '{{ eq .name "engineering-dev" }}', 'true'],
    ['eq with several candidates', '{{ eq .name "x" "engineering-dev" }}', 'true'],
    ['eq of a missing key and a string is false', '{{ eq .missing "x" }}', 'false'],
    ['ne lt le gt ge', '{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}', 'true true true true false'],
    ['eq compares float64 parameters with float literals', '{{ eq .replicas 3.0 }}', 'true'],
    ['and returns the first false value', '{{ and 1 0 2 }}', '0'],
    ['or returns the first true value', '{{ or 0 "" "z" }}', 'z'],
    ['and does not evaluate past a false value', '{{ and .off (index .list 9) }}', 'false'],
    ['not', '{{ not .enabled }}', 'false'],
    ['len counts UTF-8 bytes of a string', '{{ len "é" }} {{ len .list }} {{ len .labels }}', '2 3 2'],
    ['printf', '{{ printf "%s:%d:%v:%q:%5.2f:%x" "a" 7 .list "q" 3.14159 255 }}', 'a:7:[a b c]:"q": 3.14:ff'],
    ['printf marks a value of the wrong type as fmt does', '{{ printf "%d" .replicas }}', '%!d(float64=3)'],
    ['printf marks a missing argument', '{{ printf "%s %s" "a" }}', 'a %!s(MISSING)'],
    ['print puts spaces only between operands that are not strings', '{{ print 1 2 "a" "b" 3 }}', '1 2ab3'],
    ['println', '{{ println "a" 1 }}', 'a 1\n'],
    ['the templatePatch example of the documentation', 'spec:\n{{- range $f := .list }}\n  - {{ $f }}\n{{- end }}', 'spec:\n  - a\n  - b\n  - c'],
  ])('%s', (_, template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it.each([
    ['a missing key', '{{.missing}}', 'in {{.missing}}: map has no entry for key "missing"'],
    ['a missing nested key', '{{.path.nope}}', 'in {{.path.nope}}: map has no entry for key "nope"'],
    ['a missing key inside an if', '{{ if .missing }}x{{ end }}', 'map has no entry for key "missing"'],
  ])('missingkey=error refuses %s', (_, template, message) => {
    expect(() => render(template, 'error')).toThrow(message);
  });

  it('missingkey=zero gives nil, which prints <no value>', () => {
    expect(render('{{.missing}}', 'zero')).toBe('<no value>');
  });

  it.each([
    ['comparing an int with a float64', '{{ eq .replicas 3 }}', 'error calling eq: incompatible types for comparison'],
    ['a field of a string', '{{ .name.first }}', "can't evaluate field first in type string"],
    ['a field of null', '{{ .nothing.x }}', 'nil pointer evaluating interface {}.x'],
    ['an index out of range', '{{ index .list 5 }}', 'error calling index: index out of range: 5'],
    ['indexing a list with a float64', '{{ index .list .ratio }}', 'cannot index slice/array with type float64'],
    ['a string function given a number', '{{ lower .replicas }}', 'error calling lower: wrong type for value; expected string; got float64'],
    ['a string function given a missing value', '{{ upper .missing }}', 'error calling upper: invalid value; expected string'],
    ['too few arguments', '{{ replace "a" "b" }}', 'wrong number of args for replace: want 3 got 2'],
    ['an argument to a non-function', '{{ "a" | .name }}', 'name is not a method but has arguments'],
    ['an argument to a constant', '{{ .name | "x" }}', 'can\'t give argument to non-function "x"'],
    ['ranging over a string', '{{ range .name }}{{ end }}', "range can't iterate over engineering-dev"],
    ['len of a number', '{{ len .replicas }}', 'error calling len: len of type float64'],
  ])('fails on %s, as Go does', (_, template, message) => {
    expect(() => render(template)).toThrow(message);
  });
});
