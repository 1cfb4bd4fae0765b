// Starting a runtime as a child process for the runtime tests: on free 127.0.0.1 ports, waited for
// until it answers, and always killed with everything it started (wrangler starts workerd).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Runs `start` on `count` ports free a moment ago; again, on new ones, when one was taken in
 * between (another test's server, or a port the child picks for itself), up to three times.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    try {
      return await start(ports);
    } catch (error) {
      const taken = /Address already in use|EADDRINUSE/.test(String((error as Error).message));
      if (!taken || attempt === 3) throw error;
    }
  }
}

/** `count` distinct ports nothing listens on right now (127.0.0.1): all held, then let go. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', resolve);
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** A running child server. */
export interface ChildServer {
  /** What it printed so far (for failure messages). */
  output(): string;
  /** Kills its whole process group; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Polled with GET until it answers 200. */
  readonly readyUrl: string;
  readonly timeoutMs: number;
}

/** Spawns the server in its own process group and resolves once `readyUrl` answers 200. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child: ChildProcess = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    // Its own group, so stop() also reaches what it spawned.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // Not started at all (no such command): there is nothing to wait for or kill.
    child.once('error', (error) => {
      output += String(error);
      resolve();
    });
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // the group has already exited
    }
  };
  const stop = async () => {
    if (child.pid === undefined) return;
    if (!gone) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    // What it started may outlive it (workerd after a failed wrangler): the group goes regardless.
    signal('SIGKILL');
  };
  // If the runner itself ends without afterAll (a crash, process.exit), the group goes with it.
  const onExit = () => {
    if (!gone && child.pid !== undefined) signal('SIGKILL');
  };
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  const server: ChildServer = { output: () => output, stop };
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (;;) {
      if (gone) throw new Error(`exited before it answered ${options.readyUrl}`);
      const answer = await fetch(options.readyUrl).catch(() => undefined);
      if (answer?.status === 200) return server;
      await answer?.body?.cancel();
      if (Date.now() > deadline) throw new Error(`no answer from ${options.readyUrl} in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw new Error(
      `${options.command} ${(error as Error).message}; its output:\n${output.slice(-4000)}`,
    );
  }
}
