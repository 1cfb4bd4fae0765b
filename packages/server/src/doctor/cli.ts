#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { runCli } from './runCli.ts';

const readStdin = async () => {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
};

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => console.log(text),
  stderr: (text) => console.error(text),
  readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
});
