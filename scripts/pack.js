#!/usr/bin/env node
'use strict';
// `npm run tarball [-- <npm pack options>]`: builds the library and packs it into
// service-types-<version>.tgz, with a package.json that has no `prepare` script.
//
// npm 11 lists the `prepare` script of every dependency installed from outside the registry
// (a tarball as well as git) among the install scripts not yet covered by allowScripts,
// although it runs `prepare` only for git and folder dependencies. A git install needs it
// (npm builds the clone with it); a tarball holds the build already, so its package.json
// leaves it out, and installing the tarball lists no install script.
//
// The package is packed from a copy of its files in a temporary folder, so the project's own
// package.json is never changed, not even by a pack that is killed. `npm pack` by itself is
// refused (`prepack`), as its tarball would carry `prepare`.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { PROJECT_ROOT } = require('./constants');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The manifest the tarball carries: the project's, without the `prepare` script.
 *
 * @param {Record<string, any>} manifest
 */
function packedManifest(manifest) {
  const scripts = { ...manifest.scripts };
  delete scripts.prepare;
  return { ...manifest, scripts };
}

/** @param {readonly string[]} args options for `npm pack`, such as `--pack-destination <dir>` or `--json` */
function pack(args) {
  // The build's output goes to stderr, so that `--json` leaves only npm pack's report on stdout.
  execFileSync(npm, ['run', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
  const [listing] = JSON.parse(
    execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf-8' }),
  );
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'service-types-pack-'));
  try {
    for (const { path: file } of listing.files) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(staging, file));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf-8'));
    fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(packedManifest(manifest), null, 2)}\n`);
    // Relative destinations mean the folder the command was run from, as for `npm pack`.
    const destinationAt = args.indexOf('--pack-destination');
    const rest = [...args];
    if (destinationAt !== -1 && rest[destinationAt + 1] !== undefined) {
      rest[destinationAt + 1] = path.resolve(rest[destinationAt + 1]);
    } else {
      rest.push('--pack-destination', path.resolve(process.env.INIT_CWD ?? '.'));
    }
    execFileSync(npm, ['pack', '--ignore-scripts', ...rest], { cwd: staging, stdio: 'inherit' });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === '--refuse') {
    console.error(
      'npm pack: use `npm run tarball` instead; it packs the package without its `prepare` script, which a tarball does not need',
    );
    process.exit(1);
  }
  pack(process.argv.slice(2));
}

module.exports = { packedManifest };
