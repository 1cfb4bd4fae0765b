import type { FlittParams } from '@flitt-checkout/core';
import { type CliCommand, CliUsageError, HELP, parseCli } from './cliArgs.ts';
import { explainSignature } from './explainSignature.ts';
import { formatExplanation, formatReport, jsonReport } from './report.ts';
import { runDoctor } from './runDoctor.ts';

/** What the command line touches, passed in so tests run it in-process. */
export interface CliIo {
  readonly argv: string[];
  readonly env: Record<string, string | undefined>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file, or stdin for `-`. */
  readonly readFile: (path: string) => Promise<string>;
  readonly fetch?: typeof fetch;
}

/** The exit code of a command line that cannot run (a flag, a file, a key missing). */
const USAGE = 3;

// Flitt's public test keys are no secret, and masking them (or a key of a few letters) would
// garble words ("test merchant"); a real payment key is much longer.
const PUBLIC_KEYS = new Set(['test', 'testcredit']);
const MIN_REDACTED = 6;

/** Replaces the key wherever it might still appear: the last guard before anything is printed. */
function redactor(secret: string | undefined): (text: string) => string {
  const key = secret?.trim() ?? '';
  if (key.length < MIN_REDACTED || PUBLIC_KEYS.has(key)) return (text) => text;
  return (text) => text.split(key).join('**********');
}

/** A request file: JSON (`{"request": {...}}` or flat), or form fields. */
function requestParams(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new CliUsageError('--request: the file starts with "{" but is not JSON');
    }
    const inner = (parsed as { request?: unknown }).request;
    const params = typeof inner === 'object' && inner !== null ? inner : parsed;
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new CliUsageError('--request: expected a JSON object of the request parameters');
    return params as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(trimmed));
}

/** Flitt's masked string, from a reply's `response_signature_string` or its 1014 message. */
function flittStringOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { response?: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    const reply = parsed.response ?? parsed;
    if (typeof reply.response_signature_string === 'string') return reply.response_signature_string;
    const quoted = /response_signature_string: (.*)$/s.exec(String(reply.error_message ?? ''));
    if (quoted?.[1]) return quoted[1];
  } catch {
    // said below
  }
  throw new CliUsageError(
    '--response: no response_signature_string in it (Flitt adds one only in test mode)',
  );
}

async function doctor(
  command: Extract<CliCommand, { command: 'doctor' }>,
  io: CliIo,
  useSecret: (secret: string) => void,
) {
  const from = command.secretKeyFrom;
  let secretKey: string;
  if ('file' in from) {
    try {
      // An editor ends the file with a newline; the key itself has none.
      secretKey = (await io.readFile(from.file)).replace(/\r?\n$/, '');
    } catch {
      throw new CliUsageError(`--secret-key-file ${from.file}: cannot read it`);
    }
    if (secretKey === '') throw new CliUsageError(`--secret-key-file ${from.file} is empty`);
  } else secretKey = io.env[from.env] ?? '';
  useSecret(secretKey);
  const redact = redactor(secretKey);
  let appleFile: string | undefined;
  if (command.appleFile !== undefined) {
    try {
      appleFile = await io.readFile(command.appleFile);
    } catch {
      throw new CliUsageError(`--apple-pay-file ${command.appleFile}: cannot read it`);
    }
  }
  const { json, secretKeyFrom: _from, command: _c, appleFile: _a, ...rest } = command;
  const report = await runDoctor({
    ...rest,
    secretKey,
    ...(appleFile === undefined ? {} : { appleFile }),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  const target = {
    merchantId: command.merchantId,
    baseUrl: command.baseUrl,
    production: command.production,
  };
  io.stdout(
    redact(
      json ? JSON.stringify(jsonReport(report, target), null, 2) : formatReport(report, target),
    ),
  );
  return report.exitCode;
}

async function explain(command: Extract<CliCommand, { command: 'explain' }>, io: CliIo) {
  const read = async (path: string, flag: string) => {
    try {
      return await io.readFile(path);
    } catch {
      throw new CliUsageError(`${flag} ${path}: cannot read it`);
    }
  };
  const params = requestParams(await read(command.requestFile, '--request'));
  const flittString =
    command.flittString ?? flittStringOf(await read(command.responseFile ?? '', '--response'));
  const explanation = await explainSignature({
    params: params as FlittParams,
    flittString,
    ...(command.secretKey === undefined ? {} : { secretKey: command.secretKey }),
    ...(command.ours === undefined ? {} : { ours: command.ours }),
  });
  io.stdout(
    redactor(command.secretKey)(
      command.json ? JSON.stringify(explanation, null, 2) : formatExplanation(explanation),
    ),
  );
  return explanation.same && explanation.verdict.kind !== 'signature_differs' ? 0 : 1;
}

/**
 * Runs `flitt-checkout` with `io.argv` (after the program name) and resolves its exit code:
 * doctor 0 / 1 / 2 by the worst finding, explain 0 / 1, 3 for a command line that cannot run.
 */
export async function runCli(io: CliIo): Promise<number> {
  let redact = redactor(io.env.FLITT_SECRET_KEY);
  const useSecret = (secret: string) => {
    redact = redactor(secret);
  };
  try {
    const command = parseCli(io.argv, io.env);
    if (command.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    return command.command === 'doctor'
      ? await doctor(command, io, useSecret)
      : await explain(command, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(redact(`flitt-checkout: ${message}`));
    return USAGE;
  }
}
