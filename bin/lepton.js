#!/usr/bin/env node
// Starts lepton from its bundle, dist/lepton.cjs, through V8's code cache when there is a valid
// one (Node 20 has no module compile cache of its own): deserialising compiled code is several
// times faster than compiling it. The vendor files the bundle requires (dist/vendor/*.cjs: the
// YAML parser, the manifest validator, the Markdown parser…) load the same way, each with its own
// cache, so a first gate in a fresh clone pays for parsing none of them. A missing or rejected
// cache (another Node version) only costs a normal compile, and is replaced as the process exits,
// best effort.
'use strict';
const { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'lepton.cjs');
if (process.env.LEPTON_DEBUG === '1') {
  // Debugging: the plain loader, which applies dist/lepton.cjs.map, so stack traces name src/…ts:line.
  process.setSourceMapsEnabled(true);
  require(bundle);
} else {
  startCached();
}

function startCached() {
  const source = readFileSync(bundle, 'utf8');
  // V8 checks only that a cache was made for source of the same length: each cache carries the id
  // of the bundle's content from its first line (and the file it is for), and one made for another
  // build is never used. A build makes the bundle and its vendor files together, so the id covers both.
  const bundleId = /^\/\/ lepton bundle (\w+)/.exec(source)?.[1] ?? 'unknown';
  const unsaved = [];
  process.once('exit', () => {
    for (const item of unsaved) saveCache(item);
  });

  /** Runs a CommonJS file's source through the code cache beside it; returns its module.exports. */
  function runCached(file, text, requireFor) {
    // Vendor caches live in their own folder: dist/vendor holds only the code.
    const cacheFile = file === bundle ? `${bundle}.cache` : path.join(dist, 'vendor-cache', `${path.basename(file)}.cache`);
    const header = Buffer.from(file === bundle ? `${bundleId}\n` : `${bundleId} ${path.basename(file)}\n`);
    let cachedData;
    try {
      const data = readFileSync(cacheFile);
      if (data.subarray(0, header.length).equals(header)) cachedData = data.subarray(header.length);
    } catch {
      // No cache yet.
    }
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, { filename: file, cachedData });
    if (!cachedData || script.cachedDataRejected) unsaved.push({ script, cacheFile, header });
    const module = { exports: {}, filename: file };
    script.runInThisContext()(module.exports, requireFor, module, file, path.dirname(file));
    return module.exports;
  }

  const vendorExports = new Map();
  const bundleRequire = createRequire(bundle);
  /** The bundle's require: its vendor files through their code caches, anything else (Node's own modules) as usual. */
  function leptonRequire(id) {
    if (!id.startsWith('./vendor/')) return bundleRequire(id);
    const file = path.join(dist, id);
    if (!vendorExports.has(file)) vendorExports.set(file, runCached(file, readFileSync(file, 'utf8'), createRequire(file)));
    return vendorExports.get(file);
  }
  leptonRequire.resolve = bundleRequire.resolve;
  leptonRequire.cache = bundleRequire.cache;

  runCached(bundle, source, leptonRequire);
}

/** Writes a cache through a temporary file renamed into place; a read-only install keeps none. */
function saveCache({ script, cacheFile, header }) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, header);
      writeSync(fd, script.createCachedData());
    } finally {
      closeSync(fd);
    }
    renameSync(temp, cacheFile);
  } catch {
    rmSync(temp, { force: true });
  }
}
