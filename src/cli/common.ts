// What every CLI command shares: its shape, usage errors, argument parsing.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliCommand {
  /** Shown on --help and after a usage error. */
  usage: string;
  /** Returns the exit code. Throw CliUsageError for bad arguments; other errors print their message and exit 1. */
  run(args: string[]): Promise<number>;
}

export class CliUsageError extends Error {}

/** node:util parseArgs, with its errors turned into usage errors and --help handled. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage + '\n');
    return undefined;
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Progress on stderr: a self-overwriting line when stderr is a terminal (at most 10 updates a second),
 * otherwise one line every 10 seconds so logs of long CI runs stay short. `done()` ends the line.
 */
export function progressLine(what: string): { update(done: number, total: number, unit: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  const every = tty ? 100 : 10_000;
  let last = Date.now();
  let shown = false;
  return {
    update(done, total, unit) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
      const text = `${what}: ${pct}% (${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit})`;
      process.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
      shown = true;
    },
    done() {
      if (shown && tty) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** A positive integer option, or a usage error naming the flag. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new CliUsageError(`${flag} takes a positive whole number; got '${value}'`);
  return Number(value);
}
