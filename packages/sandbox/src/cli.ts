#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { SandboxMerchant } from './createSandbox.ts';
import { DEFAULT_PORT, startSandbox } from './node.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? String(DEFAULT_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    merchant: { type: 'string', multiple: true, default: [] },
    'callback-time-scale': { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`flitt-sandbox: an offline Flitt on this machine

  --port N                 port (default ${DEFAULT_PORT}, or $PORT; 0 = any free port)
  --host H                 interface (default 127.0.0.1)
  --merchant ID:KEY[:CUR,CUR]  another merchant besides 1549901 / test (repeatable)
  --callback-time-scale X  multiply Flitt's callback retry schedule (default 1)
  --quiet                  do not log callbacks and faults`);
  process.exit(0);
}

const merchants: SandboxMerchant[] = values.merchant.map((spec) => {
  const [id, key, currencies] = spec.split(':');
  if (!id || !/^\d+$/.test(id) || !key) {
    console.error(`--merchant ${spec}: expected ID:KEY[:GEL,USD]`);
    process.exit(2);
  }
  return {
    merchantId: Number(id),
    secretKey: key,
    ...(currencies ? { currencies: currencies.split(',') } : {}),
  };
});

const sandbox = await startSandbox({
  port: Number(values.port),
  host: values.host,
  merchants,
  callbackTimeScale: Number(values['callback-time-scale']),
  log: values.quiet ? () => {} : (line) => console.log(`[flitt-sandbox] ${line}`),
});
console.log(`Flitt sandbox listening on ${sandbox.url}`);
console.log(
  'Test merchant 1549901, secret key "test". Test cards: see the hosted page, or README.',
);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
