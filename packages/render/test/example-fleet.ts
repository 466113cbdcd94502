import { join } from 'node:path';
import { renderFleet, type RenderResult } from '@fleetform/render';
import { readInputs } from '@fleetform/values';

/** The repository root, which holds the example fleet. */
export const repoRoot = join(import.meta.dirname, '../../..');

let rendered: Promise<RenderResult> | undefined;

/** The example fleet rendered in memory (once per test file). */
export function renderExampleFleet(): Promise<RenderResult> {
  rendered ??= readInputs(repoRoot).then(renderFleet);
  return rendered;
}
