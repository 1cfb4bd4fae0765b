#!/usr/bin/env node
// The installed package runs its build. In this repository's checkout (no node_modules in the
// path) it runs the TypeScript sources through the workspace's tsx, as the tests do: no build
// needed, and never a stale one. (The same approach as flitt-sandbox's bin.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
if (here.includes('/node_modules/') || here.includes('\\node_modules\\')) {
  await import('../dist/doctor/cli.js');
} else {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    console.error(
      'flitt-checkout: tsx is not installed here: run `npm start` or `npx --yes pnpm@10.34.9 install` in the repository first',
    );
    process.exit(3);
  }
  const child = spawn(
    process.execPath,
    [
      '--conditions=@flitt-checkout/source',
      '--import',
      tsx,
      fileURLToPath(new URL('../src/doctor/cli.ts', import.meta.url)),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
