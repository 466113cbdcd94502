import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '@fleetform/yaml';

const text = `# a comment
name: web
workloads:
  api:
    replicas: three
    ports:
      - name: http
        port: 8080
`;

describe('parseYamlStream', () => {
  it('traces a JSON path back to its line and column', () => {
    const [doc] = parseYamlStream(text, 'apps/web/app.yaml').documents;
    expect(doc!.positionOf(['workloads', 'api', 'replicas'])).toEqual({ file: 'apps/web/app.yaml', line: 5, col: 15 });
    expect(doc!.positionOf(['workloads', 'api', 'ports', 0, 'port'])).toEqual({ file: 'apps/web/app.yaml', line: 8, col: 15 });
  });

  it('points at the key when asked, which is where an unknown property is reported', () => {
    const [doc] = parseYamlStream(text, 'f.yaml').documents;
    expect(doc!.positionOf(['workloads', 'api', 'replicas'], { key: true })).toMatchObject({ line: 5, col: 5 });
  });

  it('falls back to the deepest existing node for a path that is missing', () => {
    const [doc] = parseYamlStream(text, 'f.yaml').documents;
    expect(doc!.positionOf(['workloads', 'api', 'image', 'tag'])).toMatchObject({ line: 5, col: 5 });
  });

  it('reports duplicate keys with their position', () => {
    const { diagnostics } = parseYamlStream('a: 1\nb: 2\na: 3\n', 'dup.yaml');
    expect(diagnostics).toMatchObject([{ code: 'FF002', position: { file: 'dup.yaml', line: 3, col: 1 } }]);
  });

  it('reports a syntax error with its position and skips empty documents', () => {
    const { documents, diagnostics } = parseYamlStream('---\n# only a comment\n---\na: [1, 2\n', 'bad.yaml');
    expect(documents).toHaveLength(0);
    expect(diagnostics[0]).toMatchObject({ code: 'FF001', position: { file: 'bad.yaml', line: 5 } });
  });
});
