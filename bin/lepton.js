#!/usr/bin/env node
// Starts lepton from its bundle, dist/lepton.cjs, through V8's code cache when there is a valid
// one (Node 20 has no module compile cache of its own): deserialising compiled code is several
// times faster than compiling it. A missing or rejected cache (another Node version) only costs a
// normal compile, and is replaced as the process exits, best effort.
'use strict';
const { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'lepton.cjs');
if (process.env.LEPTON_DEBUG === '1') {
  // Debugging: the plain loader, which applies dist/lepton.cjs.map, so stack traces name src/…ts:line.
  process.setSourceMapsEnabled(true);
  require(bundle);
  return;
}
const cacheFile = `${bundle}.cache`;
const source = readFileSync(bundle, 'utf8');
// V8 checks only that a cache was made for source of the same length: the cache carries the id
// of the bundle's content from its first line, and one made for another bundle is never used.
const header = Buffer.from(`${/^\/\/ lepton bundle (\w+)/.exec(source)?.[1] ?? 'unknown'}\n`);
let cachedData;
try {
  const data = readFileSync(cacheFile);
  if (data.subarray(0, header.length).equals(header)) cachedData = data.subarray(header.length);
} catch {
  // No cache yet.
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCache(script));
const bundleModule = { exports: {}, filename: bundle };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle));

/** Writes the cache through a temporary file renamed into place; a read-only install keeps none. */
function saveCache(compiled) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, header);
      writeSync(fd, compiled.createCachedData());
    } finally {
      closeSync(fd);
    }
    renameSync(temp, cacheFile);
  } catch {
    rmSync(temp, { force: true });
  }
}
