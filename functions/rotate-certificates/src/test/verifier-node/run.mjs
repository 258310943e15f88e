// Installs the verifier into a build directory (npm ci from the committed package-lock.json, once per lock-file
// content) and runs it: `node run.mjs <install-dir> <verify.mjs arguments...>`. Nothing is installed in the source
// tree; the tests pass their module's target/verifier-node. Only the public @noble packages come from the registry
// (`--ignore-scripts`: no install scripts run).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [installArg, ...args] = process.argv.slice(2);
if (!installArg || args.length === 0) {
  console.error('usage: node run.mjs <install-dir> <cases-dir> | --vectors <file>');
  process.exit(2);
}
const installDir = resolve(installArg);
mkdirSync(installDir, { recursive: true });
for (const f of ['package.json', 'package-lock.json', 'verify.mjs']) copyFileSync(join(here, f), join(installDir, f));

const lock = readFileSync(join(here, 'package-lock.json'));
const stamp = createHash('sha256').update(lock).digest('hex');
const stampFile = join(installDir, 'node_modules', '.autopilot-lock-sha256');
if (!existsSync(stampFile) || readFileSync(stampFile, 'latin1').trim() !== stamp) {
  // npm from the same installation as this node, else from PATH
  const npmCli = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const [cmd, pre] = existsSync(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  const npm = spawnSync(cmd, [...pre, 'ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { cwd: installDir, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (npm.status !== 0) {
    console.error(`npm ci in ${installDir} failed (status ${npm.status}${npm.error ? ', ' + npm.error.message : ''})`);
    process.exit(3);
  }
  writeFileSync(stampFile, stamp + '\n');
}
const run = spawnSync(process.execPath, [join(installDir, 'verify.mjs'), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
