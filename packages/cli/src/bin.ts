#!/usr/bin/env node
/**
 * The `signalkit` command. Each subcommand lives in its own module under commands/ and is loaded only
 * when used, so `signalkit top` does not pay for `generate`.
 */
import { VERSION } from './version.js';

type CommandMain = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandMain> }> = {
  top: {
    summary: 'live golden signals of a Prometheus endpoint (default http://127.0.0.1:9464/metrics)',
    load: async () => (await import('./commands/top.js')).main,
  },
  generate: {
    summary: 'alert rules, rule tests and dashboards from an SLO file',
    load: async () => (await import('./commands/generate.js')).main,
  },
  doctor: {
    summary: 'check a running service and its setup, and say what is wrong',
    load: async () => (await import('./commands/doctor.js')).main,
  },
};

function usage(): string {
  const lines = [`signalkit ${VERSION}`, '', 'Usage: signalkit <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `signalkit <command> --help` for its options.');
  return lines.join('\n');
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`signalkit: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(args);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`signalkit: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
