#!/usr/bin/env node
'use strict';
// The `service-types` command. The installed package runs its compiled code (build/cli). A
// clone of the repository, which has the TypeScript sources and ships no build, runs cli/
// compiled by esbuild into node_modules/.cache, rebuilt when a source it reads changes.

// The commands that run an app start its thread first: it loads cdk8s while the command loads.
if (['synth', 'plan'].includes(process.argv[2])) {
  require('../cli/app-host.js').prestart(process.cwd());
}
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { writeFileAtomic } = require('../schema-validation/atomic-write.js');

const root = path.resolve(__dirname, '..');
const cache = path.join(root, 'node_modules', '.cache', 'service-types', 'cli');
/** The folders whose TypeScript the command is compiled from; the generated imports/ only by size and time. */
const SOURCES = ['cli', 'lib'];
const GENERATED = ['imports'];

/** The source files, with `folder/` before each name, sorted. */
function sourceFiles() {
  return [...SOURCES, ...GENERATED].flatMap((folder) =>
    /** @type {string[]} */ (fs.readdirSync(path.join(root, folder), { recursive: true }))
      .filter((file) => /\.[jt]s$/.test(file))
      .sort()
      .map((file) => `${folder}/${file}`),
  );
}

/**
 * A digest of the names and contents of the source files, of this file, of package.json
 * (which says what stays external) and of esbuild's version. The generated imports/ (1.5 MB:
 * read whole, it would cost more than the rest of a synth's start) counts by name, size and
 * modification time; `npm run import` rewrites it.
 *
 * @param {string[]} files from {@link sourceFiles}
 */
function digest(files) {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(path.join(root, 'package.json')));
  hash.update(require('esbuild/package.json').version);
  for (const file of files) {
    const source = path.join(root, file);
    hash.update(`${file}\0`);
    if (SOURCES.includes(file.split('/')[0])) {
      hash.update(fs.readFileSync(source));
    } else {
      const stat = fs.statSync(source);
      hash.update(`${stat.size} ${stat.mtimeMs}`);
    }
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The digest of the sources, reused while no source file (nor what else it covers) has
 * changed name, size or modification time since it was taken, as git reuses its index:
 * reading every source costs more than the rest of a synth's start.
 */
function sourceKey() {
  const files = sourceFiles();
  const stamp = JSON.stringify(
    [
      __filename,
      path.join(root, 'package.json'),
      require.resolve('esbuild/package.json'),
      ...files.map((f) => path.join(root, f)),
    ].map((file) => {
      const stat = fs.statSync(file);
      return [path.relative(root, file), stat.size, stat.mtimeMs];
    }),
  );
  const stampFile = path.join(cache, 'sources.json');
  try {
    const saved = JSON.parse(fs.readFileSync(stampFile, 'utf-8'));
    if (saved.stamp === stamp) {
      return /** @type {string} */ (saved.key);
    }
  } catch {
    // no stamp yet, or one cut short: the digest is taken again
  }
  const key = digest(files);
  writeFileAtomic(stampFile, JSON.stringify({ stamp, key }));
  return key;
}

/** The command compiled from the sources of cli/, built when no build of exactly these sources exists. */
function fromSources() {
  const file = path.join(cache, `main-${sourceKey()}.js`);
  if (!fs.existsSync(file)) {
    const manifest = require('../package.json');
    const result = require('esbuild').buildSync({
      entryPoints: [path.join(root, 'cli', 'main.ts')],
      absWorkingDir: root,
      bundle: true,
      // What the project brings (cdk8s, cdk8s-plus, constructs) is loaded from it, and esbuild
      // with its native binary; the command's own dependencies are compiled in, which loads
      // faster than their many files (yaml: 25 ms as a package, 8 ms compiled in).
      external: [...Object.keys(manifest.peerDependencies), 'esbuild', manifest.name],
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'error',
      outfile: 'main.js',
    });
    writeFileAtomic(file, result.outputFiles[0].contents);
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
