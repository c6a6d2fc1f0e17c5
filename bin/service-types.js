#!/usr/bin/env node
'use strict';
// The `service-types` command. The installed package runs its compiled code (build/cli). A
// clone of the repository, which has the TypeScript sources and ships no build, runs cli/
// compiled by esbuild into node_modules/.cache, rebuilt when a source it reads changes.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cache = path.join(root, 'node_modules', '.cache', 'service-types', 'cli');
/** The folders whose TypeScript the command is compiled from; the generated imports/ only by size and time. */
const SOURCES = ['cli', 'lib'];
const GENERATED = ['imports'];

/**
 * A digest of the names and contents of the source files, of this file and of esbuild's
 * version. The generated imports/ (1.5 MB: read whole, it would cost more than the rest of a
 * synth's start) counts by name, size and modification time; `npm run import` rewrites it.
 */
function sourceKey() {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(__filename));
  hash.update(require('esbuild/package.json').version);
  for (const folder of [...SOURCES, ...GENERATED]) {
    const files = /** @type {string[]} */ (fs.readdirSync(path.join(root, folder), { recursive: true })).sort();
    for (const file of files.filter((f) => /\.[jt]s$/.test(f))) {
      const source = path.join(root, folder, file);
      hash.update(`${folder}/${file}\0`);
      if (SOURCES.includes(folder)) {
        hash.update(fs.readFileSync(source));
      } else {
        const stat = fs.statSync(source);
        hash.update(`${stat.size} ${stat.mtimeMs}`);
      }
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The command compiled from the sources of cli/, built when no build of exactly these sources exists. */
function fromSources() {
  const file = path.join(cache, `main-${sourceKey()}.js`);
  if (!fs.existsSync(file)) {
    const result = require('esbuild').buildSync({
      entryPoints: [path.join(root, 'cli', 'main.ts')],
      absWorkingDir: root,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'error',
      outfile: 'main.js',
    });
    const temp = `${file}.${process.pid}.tmp`;
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(temp, result.outputFiles[0].contents);
    fs.renameSync(temp, file);
    for (const old of fs.readdirSync(cache).filter((f) => f.startsWith('main-') && f !== path.basename(file))) {
      fs.rmSync(path.join(cache, old), { force: true });
    }
  }
  return file;
}

const entry = fs.existsSync(path.join(root, 'cli', 'main.ts'))
  ? fromSources()
  : path.join(root, 'build', 'cli', 'main.js');
require(entry)
  .main(process.argv.slice(2), { cwd: process.cwd(), out: process.stdout, err: process.stderr })
  .then((/** @type {number} */ code) => {
    process.exitCode = code;
  });
