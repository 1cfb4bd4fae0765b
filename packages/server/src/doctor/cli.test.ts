import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

// Real child processes through the bin, as a shell runs them: exit code, stdout and stderr.
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const BIN = 'packages/server/bin/flitt-checkout.js';
const LIVE_ID = 1700002;
const LIVE_KEY = 'sk-live-0a9b8c7d6e5f4a3b';

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      FLITT_MERCHANT_ID: '',
      FLITT_SECRET_KEY: '',
      FLITT_BASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return once(child, 'exit').then(([code]) => {
    clearTimeout(timer);
    return { code: code as number | null, stdout, stderr };
  });
}

let sandbox: RunningSandbox;
let merchant: Server;
let merchantUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    merchants: [{ merchantId: LIVE_ID, secretKey: LIVE_KEY }],
    log: () => {},
  });
  // A callback route behind a trailing-slash redirect.
  merchant = createServer((req, res) => {
    req.resume();
    res.writeHead(301, { location: '/callback/' }).end();
  });
  merchant.listen(0, '127.0.0.1');
  await once(merchant, 'listening');
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sandbox?.stop();
  merchant?.closeAllConnections();
  merchant?.close();
});

describe('flitt-checkout (the bin, without a build)', () => {
  it('--help lists both commands, every doctor flag and the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code, result.stderr).toBe(0);
    for (const flag of [
      'doctor',
      'explain',
      '--callback-url',
      '--return-url',
      '--apple-pay-domain',
      '--merchant-id',
      '--secret-key-file',
      '--production',
      '--base-url',
      '--order-id',
      '--timeout',
      '--json',
      '--flitt-string',
      'Exit codes: 0 nothing wrong, 1 warnings, 2 errors, 3',
    ])
      expect(result.stdout).toContain(flag);
  }, 30_000);

  it('doctor --json exits 2 for an error and never prints the key', async () => {
    const result = await run(
      ['doctor', '--callback-url', `${merchantUrl}/callback`, '--base-url', sandbox.url, '--json'],
      { FLITT_MERCHANT_ID: String(LIVE_ID), FLITT_SECRET_KEY: LIVE_KEY },
    );
    expect(result.code, result.stderr).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual([
      'credentials.valid',
      'callback.http',
      'callback.trailing_slash',
    ]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(LIVE_KEY);
  }, 30_000);

  it('talks to FLITT_BASE_URL without --base-url, and names it when it is not a URL', async () => {
    const env = { FLITT_MERCHANT_ID: String(LIVE_ID), FLITT_SECRET_KEY: LIVE_KEY };
    // The merchant exists only in this sandbox: valid credentials mean the doctor asked it.
    const result = await run(['doctor', '--callback-url', `${merchantUrl}/callback`, '--json'], {
      ...env,
      FLITT_BASE_URL: sandbox.url,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ baseUrl: sandbox.url });
    expect(JSON.parse(result.stdout).findings[0].id).toBe('credentials.valid');
    // The flag wins over the environment.
    const both = await run(
      ['doctor', '--callback-url', `${merchantUrl}/callback`, '--base-url', sandbox.url, '--json'],
      { ...env, FLITT_BASE_URL: 'http://127.0.0.1:9' },
    );
    expect(JSON.parse(both.stdout)).toMatchObject({ baseUrl: sandbox.url });
    const wrong = await run(['doctor', '--callback-url', `${merchantUrl}/callback`], {
      ...env,
      FLITT_BASE_URL: 'pay.flitt.com',
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/FLITT_BASE_URL=pay\.flitt\.com: expected an http\(s\) URL/);
  }, 30_000);

  it('refuses the key as a flag, in one line, exit 3, without echoing it', async () => {
    const result = await run(['doctor', '--secret-key', LIVE_KEY, '--callback-url', 'https://x']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^flitt-checkout: the secret key is not taken as a flag/);
    expect(result.stderr).not.toContain(LIVE_KEY);
  }, 30_000);
});

describe('flitt-checkout explain', () => {
  async function cli(
    argv: string[],
    files: Record<string, string>,
    env: Record<string, string> = {},
  ) {
    let stdout = '';
    let stderr = '';
    const code = await runCli({
      argv,
      env,
      stdout: (text) => {
        stdout += `${text}\n`;
      },
      stderr: (text) => {
        stderr += `${text}\n`;
      },
      readFile: async (path) => {
        const text = files[path];
        if (text === undefined) throw new Error('ENOENT');
        return text;
      },
    });
    return { code, stdout, stderr };
  }

  it('explains the sandbox’s 1014 for a request signed the official node SDK’s way (an empty value kept)', async () => {
    const params = {
      order_id: `explain-${Date.now()}`,
      merchant_id: LIVE_ID,
      order_desc: 'Tea',
      amount: 700,
      currency: 'GEL',
      merchant_data: '',
    };
    // Sorted values with the empty merchant_data kept as an empty segment.
    const text = [LIVE_KEY, '700', 'GEL', '', String(LIVE_ID), 'Tea', params.order_id].join('|');
    const request = { ...params, signature: createHash('sha1').update(text).digest('hex') };
    const reply = await fetch(`${sandbox.url}/api/checkout/url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request }),
    });
    const files = {
      'request.json': JSON.stringify({ request }),
      'reply.json': await reply.text(),
      'request.txt': new URLSearchParams(request as unknown as Record<string, string>).toString(),
    };
    expect(JSON.parse(files['reply.json']).response.error_code).toBe(1014);
    const env = { FLITT_SECRET_KEY: LIVE_KEY };
    const text1 = await cli(
      ['explain', '--request', 'request.json', '--response', 'reply.json'],
      files,
      env,
    );
    expect(text1.code).toBe(1);
    expect(text1.stdout).toContain(
      `ours:  "**********|700|GEL||${LIVE_ID}|Tea|${params.order_id}"`,
    );
    expect(text1.stdout).toContain(`Flitt: "**********|700|GEL|${LIVE_ID}|Tea|${params.order_id}"`);
    expect(text1.stdout).toContain(
      '- empty_value: merchant_data is empty: Flitt drops empty values',
    );
    expect(text1.stdout).not.toContain(LIVE_KEY);
    // Form fields, and the string given directly, as JSON.
    const json = await cli(
      [
        'explain',
        '--request',
        'request.txt',
        '--flitt-string',
        `**********|700|GEL|${LIVE_ID}|Tea|${params.order_id}`,
        '--json',
      ],
      files,
      env,
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      same: false,
      differences: [{ kind: 'empty_value', key: 'merchant_data', ours: '' }],
      verdict: { kind: 'values_differ' },
    });
  });

  it('exits 0 when the strings agree, 3 without what it needs', async () => {
    const files = { 'r.json': '{"request":{"order_id":"a","amount":100}}' };
    const agree = await cli(
      ['explain', '--request', 'r.json', '--flitt-string', '**********|100|a'],
      files,
    );
    expect(agree.code).toBe(0);
    expect(agree.stdout).toMatch(/Flitt hashed the same values as we do/);
    for (const argv of [
      ['explain', '--flitt-string', 'x'],
      ['explain', '--request', 'r.json'],
      ['explain', '--request', 'missing.json', '--flitt-string', 'x'],
      ['explain', '--request', 'r.json', '--response', 'r.json'],
    ]) {
      const result = await cli(argv, files);
      expect(result.code, argv.join(' ')).toBe(3);
      expect(result.stderr).toMatch(/^flitt-checkout: (explain needs|--request|--response)/);
    }
  });
});
