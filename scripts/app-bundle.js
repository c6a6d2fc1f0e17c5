'use strict';
// Compiles the cdk8s app (main.ts and everything it imports from this project) into one
// CommonJS file with esbuild, and reuses that file while no source has changed since.
// esbuild strips types without checking them: `npm test` and `npm run build` run tsc.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'service-types');
const SOURCES = ['main.ts', 'lib', 'imports', 'package-lock.json'];

function listFiles(entry, out) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return out;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) {
      listFiles(path.join(entry, name), out);
    }
  } else {
    out.push(`${path.relative(root, entry)}\t${stat.size}\t${stat.mtimeMs}`);
  }
  return out;
}

/** A digest of the names, sizes and modification times of every source of the app. */
function sourceSignature(entry) {
  const lines = [entry, ...SOURCES.flatMap((s) => listFiles(path.join(root, s), []))];
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

function atomicWrite(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/** Returns the path of a compiled bundle of `entry` (relative to the project root), rebuilding it when stale. */
function appBundle(entry = 'main.ts') {
  const name = entry.replace(/[^A-Za-z0-9]+/g, '_');
  const outfile = path.join(cacheDir, `${name}.js`);
  const stampFile = path.join(cacheDir, `${name}.sig`);
  const signature = sourceSignature(entry);
  if (fs.existsSync(outfile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf-8') === signature) {
    return outfile;
  }
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    outfile,
    write: false,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  // Written aside and renamed, so that concurrent synths never load a half-written bundle.
  fs.mkdirSync(cacheDir, { recursive: true });
  atomicWrite(outfile, result.outputFiles[0].contents);
  atomicWrite(stampFile, signature);
  return outfile;
}

module.exports = { appBundle };
