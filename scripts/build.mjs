// Builds dist/ from src/:
//   dist/lepton.cjs        lepton's own code, one minified CommonJS bundle;
//   dist/vendor/<pkg>.cjs  each third-party package it imports, bundled on its own and required
//                          only when the code that uses it first runs;
//   dist/lepton.cjs.cache  V8's code cache for the bundle, made by training runs of `lepton gate`;
//   dist/vendor-cache/     the vendor files' code caches, made by the same runs;
//   dist/lepton-standalone.cjs  everything in one file, vendor packages and the built-in templates
//                          inlined: what `lepton vendor` copies to a project's .lepton/bin/lepton.cjs,
//                          which runs with plain `node`, no node_modules and no package.json.
// Why this shape: Node 20 links dozens of ES module chunks far more slowly than it compiles one
// file, and it has no module compile cache of its own (bin/lepton.js starts the bundle from the
// cache). Builds into a temporary folder and swaps it in with two renames, so a CLI started during
// a rebuild sees the old dist/ or the new one, never half of one (in the instant between the
// renames there is none, and such a start fails).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidator } from './generate-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const staging = path.join(root, `dist.tmp-${process.pid}`);
const retired = path.join(root, `dist.old-${process.pid}`);

// yaml's ESM build (published for browsers, free of Node-only code), as lepton has always shipped it.
const VENDOR_ENTRY = { yaml: './node_modules/yaml/browser/index.js' };
// Own modules kept out of the bundle, like packages: the generated manifest validator (a third of
// the bundle) runs only when a manifest is not in the cache. It imports nothing.
const SEPARATE = { './validate-shape.generated.js': { name: 'manifest-validator', entry: './src/manifest/validate-shape.generated.js' } };
// Every file runs in strict mode, as the ES modules it is built from did ("use strict" must be the
// first statement, so it leads the banner). import.meta.url has no CommonJS equivalent of its own:
// it is derived from the file's name.
const PRELUDE = { define: { 'import.meta.url': '__leptonUrl' }, banner: '"use strict";var __leptonUrl = require("node:url").pathToFileURL(__filename).href;' };
// The bundle's first line names its content (filled in after the build): bin/lepton.js uses a code
// cache only for the bundle it was made from, as V8 itself checks no more than the source's length.
const BUNDLE_ID_PLACEHOLDER = '0'.repeat(16);

await generateValidator();
// Caches (.lepton/cache, the code cache) are keyed by this: any change to the code invalidates them.
const buildId = await hashSources();
const vendors = new Map();
/** What the bundle and every vendor file are built with: minified CommonJS for Node 20. */
const COMMON = {
  absWorkingDir: root,
  outdir: staging,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
try {
  await build({
    ...COMMON,
    entryPoints: { lepton: 'src/cli.ts' },
    // LEPTON_DEBUG=1 runs the bundle with source maps on, so a stack trace names src/…ts:line.
    sourcemap: 'linked',
    sourcesContent: false,
    // import() of a package becomes a require() inside a promise: the bundle runs through vm.Script
    // (bin/lepton.js), where import() is not available.
    supported: { 'dynamic-import': false },
    plugins: [vendorPackages(vendors)],
    define: { __LEPTON_VERSION__: JSON.stringify(version), __LEPTON_BUILD_ID__: JSON.stringify(buildId), ...PRELUDE.define },
    banner: { js: `// lepton bundle ${BUNDLE_ID_PLACEHOLDER}\n${PRELUDE.banner}` },
  });
  await Promise.all([
    ...[...vendors].map(([specifier, name]) =>
      build({
        ...COMMON,
        entryPoints: { [`vendor/${name}`]: SEPARATE[specifier]?.entry ?? VENDOR_ENTRY[specifier] ?? specifier },
        define: PRELUDE.define,
        banner: { js: PRELUDE.banner },
      }),
    ),
    buildStandalone(),
  ]);
  const bundleFile = path.join(staging, 'lepton.cjs');
  const bundle = await readFile(bundleFile, 'utf8');
  if (/\bimport\(/.test(bundle)) throw new Error('dist/lepton.cjs still calls import(), which vm.Script cannot run; import that module statically or through a package');
  const body = bundle.slice(bundle.indexOf('\n'));
  const bundleId = createHash('sha256').update(body).digest('hex').slice(0, BUNDLE_ID_PLACEHOLDER.length);
  await writeFile(bundleFile, `// lepton bundle ${bundleId}${body}`);
  // bin/lepton.js keeps the vendor files' code caches here (made by the training run below).
  await mkdir(path.join(staging, 'vendor-cache'));
  await rename(path.join(root, 'dist'), retired).catch(() => {});
  await rename(staging, path.join(root, 'dist'));
} finally {
  await rm(staging, { recursive: true, force: true });
  await rm(retired, { recursive: true, force: true });
}
await trainCodeCache();

/**
 * dist/lepton-standalone.cjs: the same entry with every package bundled in (yaml from the same
 * ESM build the vendor file uses) and the built-in templates inlined as one object, so the file
 * needs nothing beside it. Executable, with a shebang: `.lepton/bin/lepton.cjs gate` works too.
 * The bundle is kept in the file as one string that a small loader compiles through V8's code
 * cache, as bin/lepton.js does for dist/: scanning a string costs a fraction of parsing the code.
 */
async function buildStandalone() {
  const templates = {};
  for (const file of (await readdir(path.join(root, 'templates'), { recursive: true })).sort()) {
    if (file.endsWith('.hbs')) templates[file.split(path.sep).join('/')] = await readFile(path.join(root, 'templates', file), 'utf8');
  }
  await build({
    ...COMMON,
    entryPoints: { 'lepton-standalone.body': 'src/cli.ts' },
    supported: { 'dynamic-import': false },
    alias: VENDOR_ENTRY,
    define: {
      __LEPTON_VERSION__: JSON.stringify(version),
      __LEPTON_BUILD_ID__: JSON.stringify(buildId),
      __LEPTON_BUILT_IN_TEMPLATES__: JSON.stringify(templates),
      __LEPTON_STANDALONE__: 'true',
      ...PRELUDE.define,
    },
    banner: { js: PRELUDE.banner },
  });
  const bodyFile = path.join(staging, 'lepton-standalone.body.cjs');
  const body = await readFile(bodyFile, 'utf8');
  if (/\bimport\(/.test(body)) throw new Error('dist/lepton-standalone.cjs still calls import(), which vm.Script cannot run');
  const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const file = path.join(staging, 'lepton-standalone.cjs');
  await writeFile(file, standaloneLoader(id, body));
  await rm(bodyFile);
  await chmod(file, 0o755);
}

/** The standalone file: its header (the version `lepton vendor` reads back), the loader, the bundle as a string. */
function standaloneLoader(id, body) {
  return [
    '#!/usr/bin/env node',
    `// lepton ${version}, standalone: written by \`lepton vendor\`, which replaces it; run it with node, it needs no node_modules.`,
    '// The bundle below is one string, compiled through V8\'s code cache in this file\'s name + ".cache"',
    '// (git ignores it; a missing or rejected cache costs a normal compile and is written as lepton exits).',
    "'use strict';",
    "const { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } = require('node:fs');",
    "const { Script } = require('node:vm');",
    `const header = Buffer.from('${id}\\n');`,
    'const cacheFile = `${__filename}.cache`;',
    'let cachedData;',
    'try {',
    '  const data = readFileSync(cacheFile);',
    '  if (data.subarray(0, header.length).equals(header)) cachedData = data.subarray(header.length);',
    '} catch {',
    '  // No cache yet.',
    '}',
    `const script = new Script(\`(function (exports, require, module, __filename, __dirname) {\${${JSON.stringify(body)}}\\n})\`, { filename: __filename, cachedData });`,
    'if (!cachedData || script.cachedDataRejected) {',
    "  process.once('exit', () => {",
    '    const temp = `${cacheFile}.${process.pid}.tmp`;',
    '    try {',
    "      const fd = openSync(temp, 'w');",
    '      try {',
    '        writeSync(fd, header);',
    '        writeSync(fd, script.createCachedData());',
    '      } finally {',
    '        closeSync(fd);',
    '      }',
    '      renameSync(temp, cacheFile);',
    '    } catch {',
    '      rmSync(temp, { force: true });',
    '    }',
    '  });',
    '}',
    'script.runInThisContext()(exports, require, module, __filename, __dirname);',
    '',
  ].join('\n');
}

/**
 * Every package own code imports (`yaml`, `@inquirer/prompts`) resolves to dist/vendor/<name>.cjs,
 * outside the bundle, as do the SEPARATE own modules; packages' own imports are bundled into their
 * vendor file. JSON is inlined.
 */
function vendorPackages(found) {
  return {
    name: 'vendor-packages',
    setup(builder) {
      builder.onResolve({ filter: /\.generated\.js$/ }, (args) => {
        const separate = SEPARATE[args.path];
        if (!separate) return undefined;
        found.set(args.path, separate.name);
        return { path: `./vendor/${separate.name}.cjs`, external: true };
      });
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('node:') || args.path.endsWith('.json')) return undefined;
        if (args.importer.split(path.sep).includes('node_modules')) return undefined;
        const name = args.path.replace(/^@/, '').replaceAll('/', '-');
        found.set(args.path, name);
        return { path: `./vendor/${name}.cjs`, external: true };
      });
    },
  };
}

/**
 * Runs `lepton gate` twice: bin/lepton.js, finding no code cache, writes one as each run exits,
 * holding every function that run compiled. The first run gates a manifest and a document beyond
 * the plain subsets lepton reads itself (a folded scalar, an HTML comment), so the YAML library,
 * the manifest validator and the Markdown parser run and their caches are written. The bundle's
 * cache kept is the second run's: a first gate in a folder lepton keeps no state for (a fresh
 * clone), whose functions are also most of what a repeated gate runs.
 */
async function trainCodeCache() {
  const project = await mkdtemp(path.join(tmpdir(), 'lepton-train-'));
  const manifest = (description) =>
    [
      'version: 1',
      'project:',
      '  name: training',
      `  description: ${description}`,
      'phase: poc',
      'phases:',
      '  - id: poc',
      '    title: Proof of concept',
      '    gate:',
      '      - { id: plan, doc: docs/plan.md }',
      '      - { id: code, file: "docs/*.md" }',
      '      - { id: results, metric: { file: results.json, checks: [{ path: accuracy, op: ">=", value: 0.8 }] } }',
      '',
    ].join('\n');
  const runs = [
    { manifest: manifest('>\n    Predicts churn.'), plan: '# Plan\n\n<!-- the goal -->\n## Goal\n\nPredict *churn*.\n\n- [x] agreed\n' },
    { manifest: manifest('Predicts churn.'), plan: '# Plan\n\n## Goal\n\nPredict churn.\n\n- [x] agreed\n' },
  ];
  try {
    await mkdir(path.join(project, 'docs'));
    await writeFile(path.join(project, 'results.json'), '{ "accuracy": 0.9 }\n');
    // A plain terminal-less environment: no CI (a GitHub step summary would get the training
    // reports), no colour, no lepton or git settings of the caller.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|GITHUB_.*|GITLAB_.*|LEPTON_.*|GIT_.*|FORCE_COLOR|NO_COLOR)$/.test(name)));
    for (const run of runs) {
      await writeFile(path.join(project, 'lepton.yaml'), run.manifest);
      await writeFile(path.join(project, 'docs', 'plan.md'), run.plan);
      await rm(path.join(root, 'dist', 'lepton.cjs.cache'), { force: true });
      execFileSync(process.execPath, [path.join(root, 'bin', 'lepton.js'), 'gate', '--format', 'pretty', '-C', project], { stdio: 'ignore', env: { ...env, NO_COLOR: '1' } });
    }
  } catch (error) {
    // lepton works without a code cache, only slower; the test suite finds what broke the run.
    await rm(path.join(root, 'dist', 'lepton.cjs.cache'), { force: true });
    process.stderr.write(`warning: no code cache: the training run of \`lepton gate\` failed (${error.message.split('\n')[0]})\n`);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

/**
 * A hash over what decides lepton's behaviour: the version, every source file (the generated
 * validator among them), this build script and the locked dependency versions.
 */
async function hashSources() {
  const hash = createHash('sha256').update(version);
  const files = (await readdir(`${root}/src`, { recursive: true }))
    .filter((file) => /\.[jt]s$/.test(file))
    .sort()
    .map((file) => `src/${file}`);
  for (const file of [...files, 'scripts/build.mjs', 'package-lock.json']) {
    hash.update(`${file}\0`).update(await readFile(path.join(root, file)).catch(() => ''));
  }
  return hash.digest('hex').slice(0, 16);
}
