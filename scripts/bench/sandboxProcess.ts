// The sandbox in its own process for the server benchmark (server.ts forks it): the sandbox's
// engine behind node:https on 127.0.0.1 with the run's self-signed certificate and keep-alive,
// so the endpoints pay for TLS as they would at Flitt and the sandbox's CPU is not theirs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@flitt-checkout/sandbox';

/** What server.ts tells this process (in `BENCH_SANDBOX`, as JSON). */
export interface SandboxSetup {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Messages to server.ts; it sends `'cpu'` to ask for the CPU time and `'stop'` to end. */
export type SandboxReport =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'cpu'; readonly cpuMs: number };

const setup = JSON.parse(process.env.BENCH_SANDBOX ?? 'null') as SandboxSetup | null;
if (!setup || typeof process.send !== 'function')
  throw new Error('[bench] sandboxProcess.ts is forked by scripts/bench/server.ts');
const send = (report: SandboxReport) => process.send?.(report);

let sandbox: ReturnType<typeof createSandbox> | undefined;
const server = createServer(
  { cert: readFileSync(setup.certFile), key: readFileSync(setup.keyFile), keepAlive: true },
  async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      const method = req.method ?? 'GET';
      const request = new Request(new URL(req.url ?? '/', sandbox?.baseUrl), {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      const response = await (sandbox as NonNullable<typeof sandbox>).handle(request);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  sandbox = createSandbox({ baseUrl: `https://127.0.0.1:${port}` });
  send({ type: 'ready', port });
});
process.on('message', (command: 'cpu' | 'stop') => {
  if (command === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', cpuMs: (user + system) / 1000 });
    return;
  }
  sandbox?.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
