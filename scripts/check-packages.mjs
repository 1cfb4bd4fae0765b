// Checks every publishable package the way a consumer would get it: packs it with pnpm (which
// rewrites workspace:* ranges), runs publint on it and @arethetypeswrong/cli on the tarball
// (ESM-only packages, so the CommonJS resolution modes are out of scope).
// Run through pnpm (`npm run test:packages` runs `pnpm run check:packages`) so `pnpm` is on PATH.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, stdio: 'inherit' }).status === 0;

let ok = true;
for (const dir of readdirSync(join(root, 'packages'))) {
  const cwd = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const dest = mkdtempSync(join(tmpdir(), 'flitt-pack-'));
  try {
    const packed = run('pnpm', ['pack', '--pack-destination', dest], cwd);
    const tarball = packed && readdirSync(dest).find((f) => f.endsWith('.tgz'));
    // Stylesheets are exported for bundlers; they have no types for attw to check.
    const cssEntries = Object.keys(pkg.exports ?? {}).filter((k) => k.endsWith('.css'));
    const exclude = cssEntries.length ? ['--exclude-entrypoints', ...cssEntries] : [];
    const checks = [
      ['publint', run(bin('publint'), ['--strict', '--pack', 'pnpm'], cwd)],
      [
        'attw',
        Boolean(tarball) &&
          run(
            bin('attw'),
            [join(dest, tarball), '--profile', 'esm-only', '--format', 'table-flipped', ...exclude],
            cwd,
          ),
      ],
    ];
    for (const [name, passed] of checks) {
      if (!passed) {
        console.error(`${pkg.name}: ${name} failed`);
        ok = false;
      }
    }
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}
process.exit(ok ? 0 : 1);
