import pc from 'picocolors';
import type { Io } from './io.js';

export type Colours = ReturnType<typeof pc.createColors>;
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Where the command line's output goes, as far as colour and progress care. Tests pass their own. */
export interface Terminal {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Output that is captured or piped: plain text, whatever the environment asks for. */
export const NOT_A_TERMINAL: Terminal = { stdoutIsTTY: false, stderrIsTTY: false, env: {} };

export function processTerminal(): Terminal {
  return { stdoutIsTTY: process.stdout.isTTY === true, stderrIsTTY: process.stderr.isTTY === true, env: process.env };
}

/** NO_COLOR (https://no-color.org) wins; then FORCE_COLOR (`0` and `false` mean no); then whether it is a terminal. */
export function wantsColour(isTTY: boolean, env: Terminal['env']): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** A progress line redraws itself with carriage returns: only for a person watching, never in a CI log. */
export function wantsProgress(terminal: Terminal, verbosity: Verbosity): boolean {
  const ci = terminal.env.CI !== undefined && terminal.env.CI !== '' && terminal.env.CI !== 'false';
  return terminal.stderrIsTTY && !ci && terminal.env.TERM !== 'dumb' && verbosity !== 'quiet';
}

const DIAGNOSTIC = /^(\S+:\d+:\d+: )?(error|warning)( FF\d{3})(.*)$/;
const COUNTS = /^(\d+) errors?, \d+ warnings?$/;
const VALIDATE_SUMMARY = /^Summary: .* Invalid: (\d+), Errors: (\d+), /;

/**
 * Colours one line of what fleetform prints, by its shape: diagnostics (`file:line:col: error FF…`),
 * their hints, the summary lines, commander's usage errors and `fleetform:` status lines. The text
 * itself never changes, so plain output stays byte for byte what tests and scripts compare.
 */
export function paintLine(line: string, c: Colours): string {
  const diagnostic = DIAGNOSTIC.exec(line);
  if (diagnostic) {
    const [, where = '', severity = '', code = '', rest = ''] = diagnostic;
    const tone = severity === 'error' ? c.red : c.yellow;
    return `${where && c.bold(where)}${c.bold(tone(`${severity}${code}`))}${rest}`;
  }
  if (line.startsWith('  hint: ')) return `  ${c.cyan('hint:')}${line.slice('  hint:'.length)}`;
  const counts = COUNTS.exec(line);
  if (counts) return c.bold(counts[1] === '0' ? c.yellow(line) : c.red(line));
  const summary = VALIDATE_SUMMARY.exec(line);
  if (summary) return summary[1] === '0' && summary[2] === '0' ? c.green(line) : c.red(line);
  if (line.startsWith('error: ')) return `${c.bold(c.red('error:'))}${line.slice('error:'.length)}`;
  if (line.startsWith('fleetform: ')) return `${c.bold('fleetform:')}${line.slice('fleetform:'.length)}`;
  return line;
}

export function paint(text: string, c: Colours): string {
  return c.isColorSupported ? text.split('\n').map((line) => paintLine(line, c)).join('\n') : text;
}

/** By convention a command's status line on standard output starts `fleetform: `; --quiet drops it. */
const isStatusLine = (text: string): boolean => text.startsWith('fleetform: ');

/** What the progress line says while a command runs; commands that know their steps name them as they go. */
const PROGRESS_LABELS: Readonly<Record<string, string>> = {
  render: 'rendering the fleet',
  validate: 'validating',
  diff: 'rendering both revisions and comparing them',
};

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Everything the command line prints goes through here: colour on a terminal, a progress line on a
 * watched terminal, --quiet and --verbose. Commands write to `io` as they always have; with output
 * captured or piped, what they write arrives unchanged.
 */
export class Output {
  readonly io: Io;
  readonly colours: { readonly out: Colours; readonly err: Colours };
  private verbosity: Verbosity = 'normal';
  private progress?: { label: string; frame: number; timer: NodeJS.Timeout; drawn: boolean };
  private started = 0;

  constructor(
    private readonly raw: Io,
    private readonly terminal: Terminal = NOT_A_TERMINAL,
  ) {
    this.colours = { out: pc.createColors(wantsColour(terminal.stdoutIsTTY, terminal.env)), err: pc.createColors(wantsColour(terminal.stderrIsTTY, terminal.env)) };
    this.io = {
      out: (text) => {
        if (this.verbosity === 'quiet' && isStatusLine(text)) return;
        this.clearProgress();
        raw.out(paint(text, this.colours.out));
      },
      err: (text) => {
        this.clearProgress();
        raw.err(paint(text, this.colours.err));
      },
      ...(raw.readStdin ? { readStdin: raw.readStdin } : {}),
    };
  }

  get level(): Verbosity {
    return this.verbosity;
  }

  /** Called before a command runs, with the global options. */
  begin(command: string, options: { quiet?: boolean; verbose?: boolean }): void {
    this.verbosity = options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal';
    this.started = performance.now();
    this.step(PROGRESS_LABELS[command] ?? `fleetform ${command}`);
  }

  /** Called after a command ran: stops the progress line; with --verbose, says how long it took. */
  end(command: string): void {
    this.stop();
    this.detail(`fleetform: ${command} took ${Math.round(performance.now() - this.started)} ms\n`);
  }

  /** Names what is happening now, on the progress line. Does nothing unless a person watches a terminal. */
  step(label: string): void {
    if (!wantsProgress(this.terminal, this.verbosity)) return;
    if (this.progress) {
      this.progress.label = label;
      if (this.progress.drawn) this.draw();
      return;
    }
    // The first frame waits a tick, so a command that finishes at once never flickers a line.
    const timer = setInterval(() => this.draw(), 80);
    timer.unref();
    this.progress = { label, frame: 0, timer, drawn: false };
  }

  /** A status line on standard output, such as what a command created; --quiet leaves it out. */
  status(text: string): void {
    if (this.verbosity !== 'quiet') this.io.out(text);
  }

  /** More than most people want: only with --verbose, on standard error. */
  detail(text: string): void {
    if (this.verbosity === 'verbose') this.io.err(text);
  }

  stop(): void {
    if (!this.progress) return;
    this.clearProgress();
    clearInterval(this.progress.timer);
    this.progress = undefined;
  }

  private draw(): void {
    const progress = this.progress!;
    const c = this.colours.err;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.raw.err(`${CLEAR_LINE}${c.cyan(FRAMES[progress.frame % FRAMES.length])} ${progress.label} ${c.dim(`${seconds} s`)}`);
    progress.frame++;
    progress.drawn = true;
  }

  private clearProgress(): void {
    if (!this.progress?.drawn) return;
    this.raw.err(CLEAR_LINE);
    this.progress.drawn = false;
  }
}
