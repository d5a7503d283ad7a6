// Bundles src/cli.ts into dist/ as ESM with code splitting, so each command's
// dependencies load only when that command runs. Builds into a temporary folder and
// swaps it in, so a CLI started during a rebuild never sees half a dist/.
import { build } from 'esbuild';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { generateValidator } from './generate-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const staging = `dist.tmp-${process.pid}`;
const retired = `dist.old-${process.pid}`;

await generateValidator();
// Caches (.lepton/cache) are keyed by this: any change to the code or the schema invalidates them.
const buildId = await hashSources();
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: true,
  // yaml's ESM build (published for browsers, free of Node-only code): it is imported lazily, and
  // a lazily imported CommonJS module would expose only a default export in the bundle.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  define: { __LEPTON_VERSION__: JSON.stringify(version), __LEPTON_BUILD_ID__: JSON.stringify(buildId) },
  logLevel: 'warning',
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __leptonRequire } from 'node:module'; const require = __leptonRequire(import.meta.url);" },
});
await rename(`${root}/dist`, `${root}/${retired}`).catch(() => {});
await rename(`${root}/${staging}`, `${root}/dist`);
await rm(`${root}/${retired}`, { recursive: true, force: true });

/** A hash over the version, every source file (the generated validator among them). */
async function hashSources() {
  const hash = createHash('sha256').update(version);
  const files = (await readdir(`${root}/src`, { recursive: true })).filter((file) => /\.[jt]s$/.test(file)).sort();
  for (const file of files) hash.update(`${file}\0`).update(await readFile(`${root}/src/${file}`));
  return hash.digest('hex').slice(0, 16);
}
