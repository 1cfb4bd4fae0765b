// Starts a throwaway Redis and PostgreSQL on 127.0.0.1 for the callback store tests, in a temp
// dir outside the repository, and stops them again. Installs Debian's packages first when they are
// missing and we are root; otherwise says what to install. Synchronous on purpose: `stop` must
// also run from a process 'exit' handler. Used by scripts/test-all.mjs (fixed ports) and by
// @flitt-checkout/test-kit/services when vitest runs alone (free ports).
import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Fixed ports for `npm test`: unusual ones, away from 6379 / 5432 and the other tests' ports. */
const REDIS_PORT = 6391;
const POSTGRES_PORT = 5441;

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The newest Debian PostgreSQL server's bin directory, if any. */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

function aptInstall(pkg, why) {
  const command = `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${pkg}`;
  if (!isRoot || !existsSync('/usr/bin/apt-get'))
    throw new Error(
      `${why} Install it with:  sudo sh -c '${command}'   (Debian/Ubuntu), then run the tests again.`,
    );
  console.log(`${why} Installing Debian's package: ${command}`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}).`);
}

/** uid and gid of the `postgres` user: the server refuses to run as root. */
function postgresUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line)
    throw new Error(
      'PostgreSQL refuses to run as root and there is no "postgres" user: apt-get install -y postgresql creates it.',
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** False once the process has exited (gone, or a zombie nobody has reaped yet). */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-8).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitUntil(name, child, log, ready, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (ready()) return;
    if (!alive(child.pid)) throw new Error(`${name} exited while starting. Its log:\n${tail(log)}`);
    sleep(100);
  }
  throw new Error(`${name} was not ready after ${seconds} s. Its log:\n${tail(log)}`);
}

function stopProcess(child, signal) {
  if (!child.pid || !alive(child.pid)) return;
  child.kill(signal);
  for (let i = 0; i < 100 && alive(child.pid); i++) sleep(50);
  if (alive(child.pid)) child.kill('SIGKILL');
}

/**
 * Starts Redis and PostgreSQL, each bound to 127.0.0.1, and waits until both answer. Throws an
 * Error saying why when one cannot start (nothing is left running then).
 *
 * @param {{ redisPort?: number, postgresPort?: number }} [options]
 * @returns {{ redisUrl: string, postgresUrl: string, stop(): void }}
 */
export function startServices(options = {}) {
  const redisPort = options.redisPort ?? REDIS_PORT;
  const postgresPort = options.postgresPort ?? POSTGRES_PORT;
  if (!onPath('redis-server')) aptInstall('redis-server', 'redis-server was not found.');
  if (!postgresBin()) aptInstall('postgresql', 'No PostgreSQL server in /usr/lib/postgresql.');
  const redisServer = onPath('redis-server');
  const redisCli = onPath('redis-cli');
  const bin = postgresBin();
  if (!redisServer || !redisCli || !bin)
    throw new Error('redis-server, redis-cli or the PostgreSQL binaries are still missing.');

  const dir = mkdtempSync(join(tmpdir(), 'flitt-services-'));
  const children = [];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    // SIGINT is PostgreSQL's fast shutdown; Redis exits on SIGTERM without saving (--save '').
    for (const [child, signal] of children.reverse()) stopProcess(child, signal);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  process.on('exit', stop);

  try {
    const redisLog = join(dir, 'redis.log');
    const redisOut = openSync(redisLog, 'a');
    const redis = spawn(
      redisServer,
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: ['ignore', redisOut, redisOut] },
    );
    closeSync(redisOut);
    children.push([redis, 'SIGTERM']);

    const user = isRoot ? postgresUser() : undefined;
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, 'pg');
    const initdb = spawnSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      { encoding: 'utf8', ...user },
    );
    if (initdb.status !== 0)
      throw new Error(`initdb failed (exit ${initdb.status}):\n${initdb.stderr || initdb.stdout}`);
    const pgLog = join(dir, 'postgres.log');
    const pgOut = openSync(pgLog, 'a');
    if (user) chownSync(pgLog, user.uid, user.gid);
    const postgres = spawn(
      join(bin, 'postgres'),
      [
        ...['-D', data, '-p', String(postgresPort), '-k', dir],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
        ...['-c', 'synchronous_commit=off', '-c', 'max_connections=200'],
      ],
      { cwd: dir, stdio: ['ignore', pgOut, pgOut], ...user },
    );
    closeSync(pgOut);
    children.push([postgres, 'SIGINT']);

    waitUntil(
      `redis-server on 127.0.0.1:${redisPort}`,
      redis,
      redisLog,
      () =>
        spawnSync(redisCli, ['-h', '127.0.0.1', '-p', String(redisPort), 'ping'], {
          encoding: 'utf8',
          // Something else on the port may accept and never answer.
          timeout: 2000,
        }).stdout?.trim() === 'PONG',
      10,
    );
    waitUntil(
      `PostgreSQL on 127.0.0.1:${postgresPort}`,
      postgres,
      pgLog,
      () =>
        spawnSync(
          join(bin, 'pg_isready'),
          ['-q', '-t', '2', '-h', '127.0.0.1', '-p', String(postgresPort)],
          {
            timeout: 3000,
          },
        ).status === 0,
      30,
    );
  } catch (error) {
    stop();
    throw error;
  }
  return {
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    postgresUrl: `postgres://postgres@127.0.0.1:${postgresPort}/postgres`,
    stop,
  };
}

// `node scripts/ensure-services.mjs`: start both, print the URLs, stop on Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const services = startServices();
  console.log(`FLITT_TEST_REDIS_URL=${services.redisUrl}`);
  console.log(`FLITT_TEST_POSTGRES_URL=${services.postgresUrl}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
  setInterval(() => {}, 1 << 30);
}
