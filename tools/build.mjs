// `nest build` of the API and worker, then `vite build` of the portal into dist/portal, only when
// what the build reads has changed since the last build, so that `npm start` and `npm test` on an
// unchanged tree start at once. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.sources.sha256');
const inputs = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const sourceDirs = ['apps', 'libs'];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (!entry.name.endsWith('.spec.ts')) yield path;
  }
}

/** One hash over every input's path and content: an added, removed or edited file changes it. */
function sourcesHash() {
  const hash = createHash('sha256');
  const paths = [...inputs.map((input) => join(root, input))];
  for (const dir of sourceDirs) paths.push(...files(join(root, dir)));
  for (const path of paths.sort()) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourcesHash();
const force = process.argv.includes('--force');
if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  process.stdout.write(
    'dist/ is up to date with the sources; not rebuilding (--force to rebuild)\n',
  );
  process.exit(0);
}
rmSync(stamp, { force: true });
const nest = join(root, 'node_modules', '.bin', 'nest');
const result = spawnSync(nest, ['build', 'api'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// After nest, which empties dist/ first.
const vite = join(root, 'node_modules', '.bin', 'vite');
const portal = spawnSync(vite, ['build', '--logLevel', 'warn', 'apps/portal'], {
  cwd: root,
  stdio: 'inherit',
});
if (portal.status !== 0) process.exit(portal.status ?? 1);
// Brotli and gzip beside each asset: the API serves them to browsers that accept them.
for (const path of files(join(root, 'dist', 'portal', 'assets'))) {
  if (!/\.(js|css)$/.test(path)) continue;
  const content = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}
writeFileSync(stamp, wanted);
