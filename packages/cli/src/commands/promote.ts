import { planPromotion } from '@fleetform/bump';
import type { ExitCode, Io } from '../io.js';
import { processContext, runChange, type ChangeOptions, type CommandContext } from './bump.js';

export interface PromoteOptions extends ChangeOptions {
  readonly from: string;
  readonly to: string;
  readonly force: boolean;
}

/**
 * `fleetform promote APP --from ENV --to ENV`: bump `to` to the image every cluster of `from`
 * runs. With --pr the image is read from the base branch, where the promotion will land.
 */
export async function runPromote(io: Io, app: string, options: PromoteOptions, context: CommandContext = processContext): Promise<ExitCode> {
  const request = { app, from: options.from, to: options.to, force: options.force };
  return runChange(
    io,
    {
      command: 'promote',
      plan: (files, parseYaml) => {
        const { promotion, bump, diagnostics } = planPromotion(files, request, { parseYaml });
        return { requests: bump ? [bump] : undefined, promotion, diagnostics };
      },
    },
    options,
    context,
  );
}
