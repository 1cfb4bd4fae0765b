// Vitest globalSetup for the Chromium project: a real sandbox (HTTP, serving checkout.js) and a real
// merchant backend (@flitt-checkout/server handlers) on 127.0.0.1, so components run in the
// browser exactly as in a shop. The merchant allows the test page's origin with CORS.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { createTestMerchant } from '@flitt-checkout/test-kit/merchant';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxUrl: string;
    apiBase: string;
  }
}

let sandbox: RunningSandbox;
let merchantServer: Server;

export async function setup(project: TestProject) {
  sandbox = await startSandbox({ port: 0, callbackTimeScale: 0.001 });
  merchantServer = createServer();
  await new Promise<void>((resolve) => merchantServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(merchantServer.address() as AddressInfo).port}`;
  const { handlers, received } = createTestMerchant(sandbox, {
    callbackUrl: `${origin}/api/flitt/callback`,
  });
  const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
    '/api/flitt/checkout': toNodeHandler(handlers.createCheckout),
    '/api/flitt/status': toNodeHandler(handlers.status),
    '/api/flitt/callback': toNodeHandler(handlers.callback),
  };
  merchantServer.on('request', (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/test/received') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(received));
    }
    const route = routes[path];
    if (!route) return void res.writeHead(404).end();
    void route(req, res);
  });
  project.provide('sandboxUrl', sandbox.url);
  project.provide('apiBase', `${origin}/api/flitt`);
}

export async function teardown() {
  merchantServer?.closeAllConnections();
  await new Promise((resolve) => merchantServer?.close(resolve));
  await sandbox?.stop();
}
