/** Where a command writes. Tests pass their own; the real command line passes the process streams. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard input, read whole; for `-` in place of a path. */
  readonly readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin: readProcessStdin,
};

let pipesWatched = false;

/**
 * A reader that stops early (`fleetform validate | head -1`) closes the pipe, and the next write to it
 * fails with EPIPE. fleetform then stops quietly, as other command-line tools do, instead of dying
 * of an unhandled error with a stack trace. Any other failure to write says what it was.
 */
export function stopQuietlyOnClosedPipes(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  const onError = (stream: string) => (cause: NodeJS.ErrnoException) => {
    if (cause.code !== 'EPIPE' && stream === 'stdout') process.stderr.write(`fleetform: cannot write to standard output: ${cause.message}\n`);
    process.exit(cause.code === 'EPIPE' ? (process.exitCode ?? EXIT.ok) : EXIT.usage);
  };
  process.stdout.on('error', onError('stdout'));
  process.stderr.on('error', onError('stderr'));
}

/** How an internal error is named to the user: `TypeError: …`. */
export const describeInternalError = (cause: unknown): string => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));

/** Exit codes of every command (the contract in DESIGN.md). */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
