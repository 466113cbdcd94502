import { describe, expect, it } from 'vitest';
import { createEngine } from '@fleetform/preview';

const params = { name: 'Engineering_Dev.Cluster', list: ['a', 'b'], labels: { b: '2', a: '<1>' }, count: 3, nested: { a: { b: 'deep' } } };
const render = (template: string) => createEngine(true, 'error').render(template, params);

describe('sprig and Argo CD functions behave as in Argo CD', () => {
  it.each([
    ['lower', '{{ lower .name }}', 'engineering_dev.cluster'],
    ['upper', '{{ .name | upper }}', 'ENGINEERING_DEV.CLUSTER'],
    ['replace OLD NEW S', '{{ replace "_" "-" .name }}', 'Engineering-Dev.Cluster'],
    ['replace with an empty OLD inserts around every character, as strings.Replace does', '{{ replace "" "-" "ab" }}', '-a-b-'],
    ['trunc keeps the first N bytes', '{{ trunc 5 .name }}', 'Engin'],
    ['trunc with a negative N keeps the last bytes', '{{ trunc -7 .name }}', 'Cluster'],
    ['trimPrefix PREFIX S', '{{ trimPrefix "Engineering_" .name }}', 'Dev.Cluster'],
    ['trimSuffix SUFFIX S', '{{ trimSuffix ".Cluster" .name }}', 'Engineering_Dev'],
    ['trim', '{{ trim "  a  " }}', 'a'],
    ['trimAll CUTSET S', '{{ trimAll "-" "--a--" }}', 'a'],
    ['hasPrefix, hasSuffix and contains', '{{ hasPrefix "Eng" .name }} {{ hasSuffix "x" .name }} {{ contains "Dev" .name }}', 'true false true'],
    ['normalize: lower case, `-` for anything else, trimmed', '{{ normalize "_My App!_" }}', 'my-app'],
    ['normalize keeps dots', '{{ normalize .name }}', 'engineering-dev.cluster'],
    ['quote', '{{ quote .name 3 }}', '"Engineering_Dev.Cluster" "3"'],
    ['squote', '{{ squote "a" }}', "'a'"],
    ['default: the value when set', '{{ default "x" .name }}', 'Engineering_Dev.Cluster'],
    ['default: the fallback for an empty value', '{{ "" | default "x" }}', 'x'],
    ['join', '{{ join "," .list }}', 'a,b'],
    ['splitList', '{{ splitList "." .name | join "/" }}', 'Engineering_Dev/Cluster'],
    ['list', '{{ list 1 "a" }}', '[1 a]'],
    ['dict', '{{ dict "k" "v" "n" 1 }}', 'map[k:v n:1]'],
    ['get and hasKey', '{{ get .labels "a" }} {{ hasKey .labels "z" }}', '<1> false'],
    ['dig: the value under the keys', '{{ dig "a" "b" "none" .nested }}', 'deep'],
    ['dig: the default when a key is missing', '{{ dig "a" "x" "none" .nested }}', 'none'],
    ['b64enc and b64dec', '{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }}', 'aGVsbG8= hello'],
    ['b64dec of text that is not base64 gives the error text, as sprig does', '{{ b64dec "%%" }}', 'illegal base64 data at input byte 0'],
    ['toJson sorts keys and escapes HTML, as encoding/json does', '{{ toJson .labels }}', '{"a":"\\u003c1\\u003e","b":"2"}'],
    ['toRawJson leaves HTML alone', '{{ toRawJson .labels }}', '{"a":"<1>","b":"2"}'],
    ['toPrettyJson', '{{ toPrettyJson .list }}', '[\n  "a",\n  "b"\n]'],
    ['toJson of a float64 parameter', '{{ toJson .count }}', '3'],
    ['toYaml: sorted keys, no final newline', '{{ toYaml .labels }}', 'a: <1>\nb: "2"'],
    ['toYaml of a list puts items flush with their key', '{{ toYaml (dict "l" .list) }}', 'l:\n- a\n- b'],
    ['fromYaml', '{{ (fromYaml "a: 1").a }}', '1'],
    ['cat', '{{ cat "a" 1 nil "b" }}', 'a 1 b'],
    ['base, dir and ext', '{{ base "a/b/c.yaml" }} {{ dir "a/b/c.yaml" }} {{ ext "c.yaml" }}', 'c.yaml a/b .yaml'],
    ['indent and nindent', '{{ indent 2 "a\\nb" }}|{{ nindent 1 "c" }}', '  a\n  b|\n c'],
    ['ternary', '{{ ternary "y" "n" true }}', 'y'],
    ['first and last', '{{ first .list }}{{ last .list }}', 'ab'],
    ['coalesce and empty', '{{ coalesce "" "x" }} {{ empty "" }}', 'x true'],
    ['repeat', '{{ repeat 3 "ab" }}', 'ababab'],
    ['title', '{{ title "hello world" }}', 'Hello World'],
    ['toString', '{{ toString 1.5 }}', '1.5'],
  ])('%s', (_, template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it.each(['slugify', 'regexReplaceAll', 'sha256sum', 'now', 'uuidv4', 'add'])('refuses %s by name instead of guessing', (name) => {
    expect(() => render(`{{ ${name} "a" }}`)).toThrow(`function "${name}" is not supported by fleetform preview`);
  });

  it('does not offer env, expandenv or getHostByName, which Argo CD removes', () => {
    expect(() => render('{{ env "HOME" }}')).toThrow('function "env" not defined');
  });
});
