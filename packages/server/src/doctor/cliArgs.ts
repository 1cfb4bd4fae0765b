import { parseArgs } from 'node:util';
import { FLITT_BASE_URL, FLITT_CALLBACK_TIMEOUT_MS } from './probe.ts';

/** What `flitt-checkout` was asked to do, its flags checked; files are named, not yet read. */
export type CliCommand =
  | { readonly command: 'help' }
  | {
      readonly command: 'doctor';
      readonly merchantId: number;
      /** Where the key comes from: the environment, or a file to read. */
      readonly secretKeyFrom: { readonly env: string } | { readonly file: string };
      readonly baseUrl: string;
      readonly production: boolean;
      readonly callbackUrl?: string;
      readonly returnUrl?: string;
      readonly applePayDomain?: string;
      readonly appleFile?: string;
      readonly orderId?: string;
      readonly currency: string;
      readonly timeoutMs: number;
      readonly json: boolean;
    }
  | {
      readonly command: 'explain';
      readonly requestFile: string;
      readonly flittString?: string;
      readonly responseFile?: string;
      readonly ours?: string;
      readonly secretKey?: string;
      readonly json: boolean;
    };

/** A command line the CLI cannot run; the message is one line that says how to fix it. */
export class CliUsageError extends Error {}

/** `--help`: every subcommand and flag. */
export const HELP = `flitt-checkout: checks for a Flitt integration

Usage:
  flitt-checkout doctor [flags]     check a running deployment before going live
  flitt-checkout explain [flags]    show why Flitt's signature string differs from ours
  flitt-checkout --help             this text

flitt-checkout doctor:
  --callback-url URL        the server_callback_url: https, no redirect, 200 within 30 s,
                            a forged callback refused, a genuine signed one accepted
  --return-url URL          the response_url: answers the payer's POST and GET
  --apple-pay-domain ORIGIN serves the Apple Pay domain-association file (e.g. https://shop.example)
  --apple-pay-file PATH     the file Flitt's support sent, to compare byte for byte
  --merchant-id ID          the merchant (default $FLITT_MERCHANT_ID)
  --secret-key-file PATH    read the payment key from a file (one trailing newline dropped);
                            default $FLITT_SECRET_KEY. Never a flag: the command line is
                            visible to every user of the machine and stays in shell history
  --production              a production environment: test credentials and http are errors
  --base-url URL            Flitt, or the sandbox the deployment talks to
                            (default $FLITT_BASE_URL, else ${FLITT_BASE_URL})
  --order-id ID             an order of this merchant whose signed status is posted as the
                            genuine callback (without it: a new unpaid order, outside production)
  --currency CUR            currency of that order (default GEL)
  --timeout MS              time limit per request (default ${FLITT_CALLBACK_TIMEOUT_MS}, Flitt's)
  --json                    one JSON report on stdout, for CI

  Exit codes: 0 nothing wrong, 1 warnings, 2 errors, 3 the command line or setup is wrong.

flitt-checkout explain:
  --request PATH            the request as sent: JSON ({"request": {...}} or flat) or form fields;
                            - reads stdin
  --flitt-string TEXT       Flitt's test-mode response_signature_string
  --response PATH           or Flitt's reply holding it (also read from a 1014 error message)
  --ours TEXT               the string your own signer hashed, if not flitt-checkout's
  --json                    the explanation as JSON
  With $FLITT_SECRET_KEY set, it also finds how the request's signature was made.

  Exit codes: 0 the strings agree, 1 they differ (each difference explained), 3 usage.`;

const DOCTOR = {
  'callback-url': { type: 'string' },
  'return-url': { type: 'string' },
  'apple-pay-domain': { type: 'string' },
  'apple-pay-file': { type: 'string' },
  'merchant-id': { type: 'string' },
  'secret-key-file': { type: 'string' },
  production: { type: 'boolean', default: false },
  'base-url': { type: 'string' },
  'order-id': { type: 'string' },
  currency: { type: 'string', default: 'GEL' },
  timeout: { type: 'string', default: String(FLITT_CALLBACK_TIMEOUT_MS) },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const EXPLAIN = {
  request: { type: 'string' },
  'flitt-string': { type: 'string' },
  response: { type: 'string' },
  ours: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HINT = 'flitt-checkout --help lists them';

/** parseArgs' errors as one line; a secret on the command line is refused before anything else. */
function parse<O extends typeof DOCTOR | typeof EXPLAIN>(args: string[], options: O) {
  if (args.some((a) => /^--(secret-key|key|secret)(=|$)/.test(a)))
    throw new CliUsageError(
      'the secret key is not taken as a flag (the command line is visible to every user of this machine and stays in shell history): set FLITT_SECRET_KEY, or pass --secret-key-file PATH',
    );
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? message;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new CliUsageError(`unknown flag ${flag} (${HINT})`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new CliUsageError(`${flag} needs a value or takes none (${HINT})`);
    throw new CliUsageError(`${message} (${HINT})`);
  }
}

function doctorCommand(args: string[], env: Record<string, string | undefined>): CliCommand {
  const { values } = parse(args, DOCTOR);
  if (values.help) return { command: 'help' };
  const idText = values['merchant-id'] ?? env.FLITT_MERCHANT_ID ?? '';
  const idFrom = values['merchant-id'] === undefined ? 'FLITT_MERCHANT_ID=' : '--merchant-id ';
  if (idText === '')
    throw new CliUsageError(
      'no merchant id: pass --merchant-id ID or set FLITT_MERCHANT_ID (the test merchant is 1549901)',
    );
  if (!/^\d{1,12}$/.test(idText))
    throw new CliUsageError(
      `${idFrom}${idText}: expected the numeric merchant id from the Flitt portal`,
    );
  const file = values['secret-key-file'];
  if (file === undefined && !env.FLITT_SECRET_KEY)
    throw new CliUsageError(
      'no secret key: set FLITT_SECRET_KEY, or pass --secret-key-file PATH (the test merchant 1549901 uses "test")',
    );
  const timeout = values.timeout;
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1)
    throw new CliUsageError(`--timeout ${timeout}: expected milliseconds, e.g. --timeout 30000`);
  if (!/^[A-Z]{3}$/.test(values.currency))
    throw new CliUsageError(`--currency ${values.currency}: expected a currency code, e.g. GEL`);
  // As the deployment's own settings name it (README: FLITT_BASE_URL for a sandbox).
  const baseUrl = values['base-url'] ?? (env.FLITT_BASE_URL || FLITT_BASE_URL);
  const baseFrom = values['base-url'] === undefined ? 'FLITT_BASE_URL=' : '--base-url ';
  if (!/^https?:\/\/[^/]/.test(baseUrl))
    throw new CliUsageError(
      `${baseFrom}${baseUrl}: expected an http(s) URL, e.g. ${FLITT_BASE_URL}`,
    );
  const checks = [values['callback-url'], values['return-url'], values['apple-pay-domain']];
  if (checks.every((c) => c === undefined))
    throw new CliUsageError(
      'nothing to check besides the credentials: pass --callback-url, --return-url or --apple-pay-domain (or all three)',
    );
  if (values['apple-pay-file'] !== undefined && values['apple-pay-domain'] === undefined)
    throw new CliUsageError('--apple-pay-file needs --apple-pay-domain ORIGIN to compare with');
  const optional = {
    callbackUrl: values['callback-url'],
    returnUrl: values['return-url'],
    applePayDomain: values['apple-pay-domain'],
    appleFile: values['apple-pay-file'],
    orderId: values['order-id'],
  };
  return {
    command: 'doctor',
    merchantId: Number(idText),
    secretKeyFrom: file === undefined ? { env: 'FLITT_SECRET_KEY' } : { file },
    baseUrl,
    production: values.production,
    currency: values.currency,
    timeoutMs: Number(timeout),
    json: values.json,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

function explainCommand(args: string[], env: Record<string, string | undefined>): CliCommand {
  const { values } = parse(args, EXPLAIN);
  if (values.help) return { command: 'help' };
  if (values.request === undefined)
    throw new CliUsageError('explain needs --request PATH (the request as sent; - for stdin)');
  if ((values['flitt-string'] === undefined) === (values.response === undefined))
    throw new CliUsageError(
      "explain needs one of --flitt-string TEXT or --response PATH (Flitt's reply with response_signature_string)",
    );
  const optional = {
    flittString: values['flitt-string'],
    responseFile: values.response,
    ours: values.ours,
    secretKey: env.FLITT_SECRET_KEY || undefined,
  };
  return {
    command: 'explain',
    requestFile: values.request,
    json: values.json,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** Reads the command line (and FLITT_* from `env`); throws a `CliUsageError` saying the fix. */
export function parseCli(argv: string[], env: Record<string, string | undefined>): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help' };
  if (command === 'doctor') return doctorCommand(rest, env);
  if (command === 'explain') return explainCommand(rest, env);
  throw new CliUsageError(`unknown command ${command}: expected doctor or explain (${HINT})`);
}
