// Makes sure a Chromium exists for the browser tests. Playwright cannot download its own browser
// on this network, so we use Debian's package: installed here when running as root, otherwise we
// print exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH=${CHROMIUM_PATH} does not exist; point it at a Chromium binary.`);
    return false;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = 'apt-get update && apt-get install -y --no-install-recommends chromium';
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}.\n` +
        `Install it with:  sudo sh -c '${command}'   (Debian/Ubuntu)\n` +
        'or set CHROMIUM_PATH to an existing Chromium or Chrome binary.',
    );
    return false;
  }
  console.log(`Chromium not found; installing Debian's package: ${command}`);
  const result = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0 && existsSync(CHROMIUM_PATH);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureChromium() ? 0 : 1);
