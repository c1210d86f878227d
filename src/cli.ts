// `reward-lens`: the same core as the extension, behind a terminal command (for CI and clusters).
// Results go to stdout, progress and errors to stderr; exit codes: 0 ok, 1 failure, 2 usage.
import { CliUsageError, type CliCommand } from './cli/common';

// Each command lives in its own file under src/cli/; add one line here per command.
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  inspect: () => import('./cli/inspect'),
  label: () => import('./cli/label'),
  criteria: () => import('./cli/criteria'),
  eval: () => import('./cli/eval'),
  compare: () => import('./cli/compare'),
  score: () => import('./cli/score'),
};

function usage(): string {
  return [
    'usage: reward-lens <command> [options]',
    '',
    'commands:',
    ...Object.keys(COMMANDS).map((c) => `  ${c}`),
    '',
    'Run `reward-lens <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`reward-lens: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const { command } = await load();
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof CliUsageError) {
      process.stderr.write(`reward-lens ${name}: ${e.message}\n\n${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`reward-lens ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.env.ORT_DISABLE_TELEMETRY = '1';
// main() reports its own errors and resolves to the exit code.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
