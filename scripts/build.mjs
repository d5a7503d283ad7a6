// Bundles src/cli.ts into dist/ as ESM with code splitting, so each command's
// dependencies load only when that command runs. Builds into a temporary folder and
// swaps it in, so a CLI started during a rebuild never sees half a dist/.
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { GENERATED, generateValidator } from './generate-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const staging = `dist.tmp-${process.pid}`;
const retired = `dist.old-${process.pid}`;

await generateValidator();
// Cached manifests are keyed by this, so a schema change invalidates them.
const schemaId = createHash('sha256').update(await readFile(GENERATED)).digest('hex').slice(0, 16);
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
  define: { __LEPTON_VERSION__: JSON.stringify(version), __LEPTON_SCHEMA_ID__: JSON.stringify(schemaId) },
  logLevel: 'warning',
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __leptonRequire } from 'node:module'; const require = __leptonRequire(import.meta.url);" },
});
await rename(`${root}/dist`, `${root}/${retired}`).catch(() => {});
await rename(`${root}/${staging}`, `${root}/dist`);
await rm(`${root}/${retired}`, { recursive: true, force: true });
