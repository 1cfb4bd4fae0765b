import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSignature, verifySignature } from '@flitt-checkout/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './node.ts';

// Real child processes, as a shell runs them: exit code, stdout and stderr.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE = [
  '--conditions=@flitt-checkout/source',
  '--import',
  'tsx',
  'packages/sandbox/src/cli.ts',
];
const BIN = ['packages/sandbox/bin/flitt-sandbox.js'];

function run(args: string[], { bin = false, env = {} as Record<string, string> } = {}) {
  const child = spawn(process.execPath, [...(bin ? BIN : SOURCE), ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '', ...env },
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

/** One line on stderr that names the problem and the fix; no stack trace; nothing on stdout. */
function expectOneLine(
  result: { code: number | null; stdout: string; stderr: string },
  fix: RegExp,
  code = 2,
) {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^flitt-sandbox: /);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(result.stderr).toMatch(fix);
}

describe('flitt-sandbox command line', () => {
  it('--help lists every flag and the replay subcommand, through the bin without a build', async () => {
    const result = await run(['--help'], { bin: true });
    expect(result.code).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--merchant ',
      '--callback-time-scale',
      '--quiet',
      'replay <order_id>',
      '--tamper',
      '--url',
      '--merchant-id',
      '--help',
    ])
      expect(result.stdout).toContain(flag);
    expect((await run(['replay', '-h'])).stdout).toBe(result.stdout);
  }, 30_000);

  it('answers every bad flag or value with one line saying the fix, and exit code 2', async () => {
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['--port', 'abc'], /--port abc: expected a port number from 0 to 65535.*--port 8610/],
      [['--port', '70000'], /--port 70000: expected a port number from 0 to 65535/],
      [[], /PORT=eighty: expected a port number.*set PORT/, { PORT: 'eighty' }],
      [['--prot', '8610'], /unknown flag --prot: did you mean --port\?/],
      [['--quite'], /unknown flag --quite: did you mean --quiet\?/],
      [['--callback-time-scale', 'fast'], /--callback-time-scale fast: expected a number above 0/],
      [['--merchant', '17:'], /--merchant 17:: expected ID:KEY/],
      [['--port'], /--port needs a value, e.g. --port 8610/],
      [['--quiet=yes'], /--quiet takes no value/],
      [['8610'], /unknown command 8610: did you mean --port 8610\?/],
      [['--tamper', 'amount=1'], /--tamper belongs to replay/],
      [['replay'], /replay needs the order id/],
      [['replay', 'o-1', 'o-2'], /one order id/],
      [['replay', 'o-1', '--tamper', 'amount'], /--tamper amount: expected FIELD=VALUE/],
      [['replay', 'o-1', '--url', 'ftp://x'], /--url ftp:\/\/x: expected the sandbox's URL/],
      [['replay', 'o-1', '--port', '1'], /--port belongs to starting the sandbox/],
      [['replay', 'o-1', '--merchant-id', 'x'], /--merchant-id x: expected a numeric/],
    ];
    const results = await Promise.all(cases.map(([args, , env]) => run(args, { env })));
    results.forEach((result, i) => {
      expectOneLine(result, cases[i]?.[1] as RegExp);
    });
    // The bin answers the same way.
    expectOneLine(await run(['--prot', '1'], { bin: true }), /did you mean --port\?/);
  }, 60_000);

  it('says a port in use is in use, with the fix, and exits 2', async () => {
    const busy = createServer();
    busy.listen(0, '127.0.0.1');
    await once(busy, 'listening');
    const { port } = busy.address() as AddressInfo;
    try {
      expectOneLine(
        await run(['--port', String(port), '--quiet']),
        new RegExp(`port ${port} on 127.0.0.1 is in use.*--port 0 for any free port`),
      );
    } finally {
      busy.close();
    }
  }, 30_000);
});

describe('flitt-sandbox replay', () => {
  let sandbox: RunningSandbox;
  let merchant: Server;
  let merchantUrl: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    // The merchant refuses a callback whose signature does not hold, as the server package does.
    merchant = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      res.writeHead((await verifySignature(body, 'test')) ? 200 : 400).end();
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

  it('redelivers the last callback and prints the merchant’s answer: 200 as signed, 400 tampered', async () => {
    const params = {
      order_id: `cli-${Date.now()}`,
      merchant_id: 1549901,
      order_desc: 'Khachapuri',
      amount: 1500,
      currency: 'GEL',
      server_callback_url: `${merchantUrl}/callback`,
    };
    const created = await fetch(`${sandbox.url}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, 'test') },
      }),
    });
    expect(created.status).toBe(200);
    await sandbox.control.pay(params.order_id);
    await sandbox.control.callbacksIdle();

    // A port nothing listens on: taken, then given back.
    const gone = createServer().listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((resolve) => gone.close(resolve));

    const [same, tampered, missing, nobody] = await Promise.all([
      run(['replay', params.order_id, '--url', sandbox.url]),
      run(['replay', params.order_id, '--tamper', 'amount=1', '--url', sandbox.url]),
      run(['replay', 'no-such-order', '--url', sandbox.url]),
      run(['replay', params.order_id, '--url', deadUrl]),
    ]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(same.stdout).toMatch(
      new RegExp(
        `^order ${params.order_id}: callback attempt [23] \\(approved\\) as Flitt signed it → ${merchantUrl}/callback: the merchant answered HTTP 200 in \\d+ ms\\n$`,
      ),
    );
    expect(tampered.code, tampered.stderr).toBe(0);
    expect(tampered.stdout).toMatch(
      /with amount="1" and the original signature .*answered HTTP 400/,
    );
    expectOneLine(missing, /refused \(HTTP 404\): order no-such-order has had no callback yet/, 1);
    expectOneLine(nobody, new RegExp(`no sandbox answers at ${deadUrl} \\(ECONNREFUSED\\)`), 1);
    expect(
      sandbox.control
        .callbacks()
        .map((c) => c.status)
        .sort(),
    ).toEqual([200, 200, 400]);
  }, 30_000);
});
