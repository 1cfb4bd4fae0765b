import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { SandboxMerchant } from './createSandbox.ts';
import { DEFAULT_PORT } from './node.ts';
import type { Tamper } from './replay.ts';

/** What `flitt-sandbox` was asked to do, its flags checked. */
export type CliCommand =
  | { readonly command: 'help' }
  | {
      readonly command: 'start';
      readonly port: number;
      readonly host: string;
      readonly merchants: readonly SandboxMerchant[];
      readonly callbackTimeScale: number;
      readonly quiet: boolean;
    }
  | {
      readonly command: 'replay';
      readonly orderId: string;
      readonly url: string;
      readonly merchantId?: number;
      readonly tamper?: Tamper;
    };

/** A command line the CLI cannot run; the message is one line that says how to fix it. */
export class CliUsageError extends Error {}

const DEFAULT_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

/** `--help`: every flag and subcommand. */
export const HELP = `flitt-sandbox: an offline Flitt on this machine

Usage:
  flitt-sandbox [flags]                          start the sandbox (dashboard at its URL)
  flitt-sandbox replay <order_id> [flags]        redeliver the order's last callback
  flitt-sandbox --help                           this text

Flags of flitt-sandbox:
  --port N                      port (default ${DEFAULT_PORT}, or $PORT; 0 = any free port)
  --host H                      interface (default 127.0.0.1)
  --merchant ID:KEY[:CUR,CUR][:no-recurring][:no-split][:credit=KEY][:payout-ips=IP,IP]
                                another merchant besides 1549901 / test (repeatable);
                                no-recurring: without saved cards (1059 / 1060);
                                no-split: without split payments (1106);
                                credit=KEY: its payout key (else payouts answer 1100);
                                payout-ips=IP,IP: payouts from other (IPv4) addresses answer 1099
  --callback-time-scale X       multiply Flitt's callback retry schedule (default 1; 0.001 = ms)
  --quiet                       do not log callbacks and faults

Flags of flitt-sandbox replay:
  --tamper FIELD=VALUE          change one field and keep the signature (the merchant should answer 400)
  --url URL                     the running sandbox (default ${DEFAULT_URL})
  --merchant-id ID              the order's merchant, when two merchants use the same order id

Both:
  -h, --help                    this text`;

const START_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  merchant: { type: 'string', multiple: true, default: [] as string[] },
  'callback-time-scale': { type: 'string', default: '1' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

const REPLAY_OPTIONS = {
  tamper: { type: 'string' },
  url: { type: 'string', default: DEFAULT_URL },
  'merchant-id': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

const FLAGS = {
  start: Object.keys(START_OPTIONS),
  replay: Object.keys(REPLAY_OPTIONS),
};

const HINT = 'flitt-sandbox --help lists them';

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

function unknownFlag(flag: string, command: 'start' | 'replay'): CliUsageError {
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  const other = command === 'start' ? 'replay' : 'start';
  if (FLAGS[other].includes(name)) {
    return new CliUsageError(
      other === 'replay'
        ? `--${name} belongs to replay: flitt-sandbox replay <order_id> --${name} …`
        : `--${name} belongs to starting the sandbox: flitt-sandbox --${name} …, without replay`,
    );
  }
  const best = FLAGS[command]
    .map((known) => ({ known, d: distance(name, known) }))
    .sort((x, y) => x.d - y.d)[0];
  const guess = best && best.d <= Math.max(2, Math.floor(name.length / 3));
  return new CliUsageError(
    `unknown flag ${flag}: ${guess ? `did you mean --${best.known}?` : 'no such flag'} (${HINT})`,
  );
}

/** parseArgs' errors, as one line that says what to type instead. */
function parseOrExplain<T>(command: 'start' | 'replay', parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownFlag(flag, command);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag.replace(/^-+/, '');
      const spec = { ...START_OPTIONS, ...REPLAY_OPTIONS }[name as keyof typeof START_OPTIONS];
      throw new CliUsageError(
        spec?.type === 'boolean'
          ? `--${name} takes no value: write --${name} alone`
          : `--${name} needs a value, e.g. ${example(name)}`,
      );
    }
    throw new CliUsageError(`${message} (${HINT})`);
  }
}

function example(name: string): string {
  const examples: Record<string, string> = {
    port: `--port ${DEFAULT_PORT}`,
    host: '--host 127.0.0.1',
    merchant: '--merchant 1700001:secret:GEL,USD',
    'callback-time-scale': '--callback-time-scale 0.001',
    tamper: '--tamper amount=1',
    url: `--url ${DEFAULT_URL}`,
    'merchant-id': '--merchant-id 1549901',
  };
  return examples[name] ?? `--${name} …`;
}

function port(value: string, from: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    const fix =
      from === '$PORT'
        ? `set PORT to one, or pass --port ${DEFAULT_PORT}`
        : `e.g. --port ${DEFAULT_PORT}`;
    throw new CliUsageError(
      `${from === '$PORT' ? `PORT=${value}` : `--port ${value}`}: expected a port number from 0 to 65535 (0 picks a free one); ${fix}`,
    );
  }
  return Number(value);
}

function merchant(spec: string): SandboxMerchant {
  const parts = spec.split(':');
  // A merchant without saved cards, to test a shop against Flitt's 1059 / 1060 refusals.
  // And one without split payments (1106). The flags come last, in either order.
  const flags = new Set<string>();
  // Payouts: the payout key and the IP allow-list, as name=value flags.
  const named: Record<string, string> = {};
  for (;;) {
    const last = parts.length > 2 ? parts.at(-1) : undefined;
    if (last === 'no-recurring' || last === 'no-split') flags.add(parts.pop() as string);
    else if (last && /^(credit|payout-ips)=./.test(last)) {
      const [name = '', ...value] = (parts.pop() as string).split('=');
      named[name] = value.join('=');
    } else break;
  }
  const noRecurring = flags.has('no-recurring');
  const [id, key, currencies, ...rest] = parts;
  const codes = currencies === undefined ? [] : currencies.split(',');
  if (
    !id ||
    !/^\d{1,12}$/.test(id) ||
    !key ||
    rest.length > 0 ||
    codes.some((c) => !/^[A-Z]{3}$/.test(c))
  ) {
    throw new CliUsageError(
      `--merchant ${spec}: expected ID:KEY[:CUR,CUR][:no-recurring][:no-split][:credit=KEY][:payout-ips=IP,IP] with a numeric id and currency codes, e.g. ${example('merchant')}`,
    );
  }
  return {
    merchantId: Number(id),
    secretKey: key,
    ...(codes.length ? { currencies: codes } : {}),
    ...(noRecurring ? { recurring: false } : {}),
    ...(flags.has('no-split') ? { split: false } : {}),
    ...(named.credit ? { creditKey: named.credit } : {}),
    ...(named['payout-ips'] ? { payoutIps: named['payout-ips'].split(',') } : {}),
  };
}

function startCommand(args: string[], env: Record<string, string | undefined>): CliCommand {
  const { values, positionals } = parseOrExplain('start', () =>
    parseArgs({ args, options: START_OPTIONS, strict: true, allowPositionals: true }),
  );
  if (values.help) return { command: 'help' };
  const [first] = positionals;
  if (first !== undefined) {
    const hint = /^\d+$/.test(first)
      ? `did you mean --port ${first}?`
      : 'the only command is replay';
    throw new CliUsageError(`unknown command ${first}: ${hint} (${HINT})`);
  }
  const scale = values['callback-time-scale'];
  if (!/^\d*\.?\d+(e-?\d+)?$/i.test(scale) || !(Number(scale) > 0))
    throw new CliUsageError(
      `--callback-time-scale ${scale}: expected a number above 0, e.g. 1 for Flitt's real schedule or 0.001 for milliseconds`,
    );
  if (values.host.trim() === '')
    throw new CliUsageError(`--host needs an interface, e.g. ${example('host')}`);
  return {
    command: 'start',
    port:
      values.port !== undefined
        ? port(values.port, '--port')
        : env.PORT
          ? port(env.PORT, '$PORT')
          : DEFAULT_PORT,
    host: values.host,
    merchants: values.merchant.map(merchant),
    callbackTimeScale: Number(scale),
    quiet: values.quiet,
  };
}

function replayCommand(args: string[]): CliCommand {
  const { values, positionals } = parseOrExplain('replay', () =>
    parseArgs({ args, options: REPLAY_OPTIONS, strict: true, allowPositionals: true }),
  );
  if (values.help) return { command: 'help' };
  const [orderId, ...extra] = positionals;
  if (orderId === undefined || orderId === '')
    throw new CliUsageError(
      'replay needs the order id: flitt-sandbox replay <order_id> [--tamper field=value]',
    );
  if (extra.length > 0)
    throw new CliUsageError(
      `replay takes one order id, not also ${extra.join(' ')}: quote an id that has spaces`,
    );
  let url: URL;
  try {
    url = new URL(values.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliUsageError(
      `--url ${values.url}: expected the sandbox's URL, e.g. ${example('url')}`,
    );
  }
  let tamper: Tamper | undefined;
  if (values.tamper !== undefined) {
    const at = values.tamper.indexOf('=');
    const field = values.tamper.slice(0, at);
    if (at <= 0 || !/^[A-Za-z0-9_]+$/.test(field))
      throw new CliUsageError(
        `--tamper ${values.tamper}: expected FIELD=VALUE, e.g. ${example('tamper')}`,
      );
    tamper = { field, value: values.tamper.slice(at + 1) };
  }
  const merchantId = values['merchant-id'];
  if (merchantId !== undefined && !/^\d{1,12}$/.test(merchantId))
    throw new CliUsageError(
      `--merchant-id ${merchantId}: expected a numeric merchant id, e.g. ${example('merchant-id')}`,
    );
  return {
    command: 'replay',
    orderId,
    url: url.href.replace(/\/+$/, ''),
    ...(merchantId === undefined ? {} : { merchantId: Number(merchantId) }),
    ...(tamper ? { tamper } : {}),
  };
}

/**
 * Reads `flitt-sandbox`'s arguments (without node and the script); throws a `CliUsageError`
 * whose message is one line with the fix.
 */
export function parseCli(args: string[], env: Record<string, string | undefined>): CliCommand {
  if (args[0] === 'replay') return replayCommand(args.slice(1));
  return startCommand(args, env);
}

/**
 * Why the server could not listen, as one line with the fix (port in use, no such interface),
 * or undefined for an error that is not about the flags.
 */
export function listenProblem(
  error: unknown,
  { port: wanted, host }: { port: number; host: string },
): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  const next = wanted === 65535 ? 8610 : wanted + 1;
  if (code === 'EADDRINUSE')
    return `port ${wanted} on ${host} is in use (another flitt-sandbox?): stop it, or pass --port ${next}, or --port 0 for any free port`;
  if (code === 'EACCES')
    return `port ${wanted} needs more privileges than this user has: pass a port above 1023, e.g. --port ${DEFAULT_PORT}`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `--host ${host}: this machine has no such interface; pass --host 127.0.0.1 (the default) or --host 0.0.0.0`;
  return undefined;
}
