'use strict';
// Compiles a cdk8s app (main.ts and every project file it imports) into one CommonJS file
// with esbuild, and reuses that file while none of those inputs has changed since.
// esbuild strips types without checking them: `npm test` and `npm run build` run tsc.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'service-types');
// Dependencies stay external to the bundle; a changed lock file means they may have changed.
const ALWAYS = ['package-lock.json'];

/** A digest of the paths, sizes and modification times of `files` (absolute paths). */
function signature(files) {
  const lines = files.map((file) => {
    try {
      const stat = fs.statSync(file);
      return `${file}\t${stat.size}\t${stat.mtimeMs}`;
    } catch {
      return `${file}\tmissing`;
    }
  });
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

function atomicWrite(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

function readStamp(stampFile) {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf-8'));
  } catch {
    return undefined;
  }
}

/** Returns the path of a compiled bundle of `entry` (relative to the project root), rebuilding it when stale. */
function appBundle(entry = 'main.ts') {
  const entryFile = path.resolve(root, entry);
  const name = path.relative(root, entryFile).replace(/[^A-Za-z0-9]+/g, '_');
  const outfile = path.join(cacheDir, `${name}.js`);
  const stampFile = path.join(cacheDir, `${name}.json`);
  const stamp = readStamp(stampFile);
  if (stamp && fs.existsSync(outfile) && stamp.signature === signature(stamp.inputs)) {
    return outfile;
  }
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entryFile],
    absWorkingDir: root,
    outfile,
    write: false,
    metafile: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const inputs = [
    ...Object.keys(result.metafile.inputs).map((f) => path.resolve(root, f)),
    ...ALWAYS.map((f) => path.join(root, f)),
  ].sort();
  // Written aside and renamed, so that concurrent synths never load a half-written bundle.
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const file of result.outputFiles) {
    atomicWrite(file.path, file.contents);
  }
  atomicWrite(stampFile, JSON.stringify({ inputs, signature: signature(inputs) }));
  return outfile;
}

module.exports = { appBundle };
