#!/usr/bin/env node
import { type CliCommand, CliUsageError, HELP, listenProblem, parseCli } from './cliArgs.ts';
import { replayOverHttp } from './cliReplay.ts';
import { startSandbox } from './node.ts';

// Every way this can fail ends in one line on stderr, never a stack trace: exit 2 for what the
// command line can fix (flags, values, a port in use), 1 for anything else.
const fail = (line: string, code: 1 | 2): never => {
  console.error(`flitt-sandbox: ${line}`);
  process.exit(code);
};

async function start(options: Extract<CliCommand, { command: 'start' }>) {
  const sandbox = await startSandbox({
    port: options.port,
    host: options.host,
    merchants: options.merchants,
    callbackTimeScale: options.callbackTimeScale,
    log: options.quiet ? () => {} : (line) => console.log(`[flitt-sandbox] ${line}`),
  }).catch((error: unknown) => {
    const problem = listenProblem(error, options);
    if (problem) return fail(problem, 2);
    throw error;
  });
  console.log(`Flitt sandbox listening on ${sandbox.url}`);
  console.log(
    `Dashboard: ${sandbox.url}/ · test merchant 1549901, secret key "test" · test cards: README.`,
  );
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  const command = parseCli(process.argv.slice(2), process.env);
  if (command.command === 'help') console.log(HELP);
  else if (command.command === 'start') await start(command);
  else {
    const { line, ok } = await replayOverHttp(command);
    if (ok) console.log(line);
    else fail(line, 1);
  }
} catch (error) {
  if (error instanceof CliUsageError) fail(error.message, 2);
  fail(error instanceof Error ? error.message : String(error), 1);
}
