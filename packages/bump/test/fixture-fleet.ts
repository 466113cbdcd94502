import { join } from 'node:path';
import { readInputs, type InputFiles } from '@fleetform/values';

export const repoRoot = join(import.meta.dirname, '../../..');

/**
 * A small fleet for planning tests, kept here so they do not move with the example fleet: the
 * example as it began (staging then prod, four clusters, the DBUpgrade operator's values).
 * Tests change copies of its files, never the files.
 */
export const fixture: InputFiles = await readInputs(join(import.meta.dirname, 'fixtures/fleet'));

export const APP = 'apps/dbupgrade/app.yaml';
export const FLEET = 'clusters/fleet.yaml';

/** A copy of `files` with one file's text changed, or added. */
export function withFile(files: InputFiles, path: string, change: (text: string) => string): InputFiles {
  return new Map(files).set(path, change(files.get(path) ?? ''));
}

/** The line a text is on in a file of the fixture, counted from 1. */
export function lineOf(files: InputFiles, path: string, text: string): number {
  return files.get(path)!.split('\n').findIndex((line) => line.includes(text)) + 1;
}

/** A second, minimal app: enough for the schema, which is all planning reads. */
export const SECOND_APP = ['team: web', 'namespace:', '  name: hello', 'image:', '  repository: hello', '  tag: v2.0.0', ''].join('\n');

export const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
