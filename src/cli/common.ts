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
