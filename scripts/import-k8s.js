#!/usr/bin/env node
'use strict';
// `npm run import`: regenerates imports/k8s.ts (or <dir>/k8s.ts with --outdir <dir>)
// exactly as `cdk8s import k8s@<version>` would, but offline: the CLI's importer is used
// as is, and only its schema download is answered from the Kubernetes definitions
// vendored under schemas/.
//
//   node scripts/import-k8s.js [--outdir <dir>]
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { K8S_VERSION, PROJECT_ROOT, SCHEMA_FILE } = require('./constants');

const USAGE = 'usage: node scripts/import-k8s.js [--outdir <dir>]';

// The importer's modules are internal to cdk8s-cli (not in its "exports"), so they are
// loaded by file path from the installed package.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib', 'util'));
const { importDispatch } = require(path.join(cli, 'lib', 'import', 'dispatch'));
const { Language } = require(path.join(cli, 'lib', 'import', 'base'));

/** @param {string[]} argv */
async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { outdir: { type: 'string', default: path.join(PROJECT_ROOT, 'imports') } },
  });
  /** @param {string} url */
  util.download = async (url) => {
    if (!url.endsWith(`/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`)) {
      throw new Error(`offline import: no vendored copy of ${url}`);
    }
    return fs.readFileSync(SCHEMA_FILE, 'utf-8');
  };
  await importDispatch(
    [{ source: `k8s@${K8S_VERSION}` }],
    {},
    {
      outdir: path.resolve(values.outdir),
      targetLanguage: Language.TYPESCRIPT,
      save: false,
    },
  );
}

main(process.argv.slice(2)).catch((error) => {
  const usage = error.code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}` : '';
  console.error(`import: ${error.message ?? error}${usage}`);
  process.exitCode = 1;
});
