#!/usr/bin/env node
'use strict';
// `npm run import`: regenerates the generated modules of imports/ (or of --outdir <dir>) with
// cdk8s-cli's own importer, offline: only its downloads are answered from schemas/.
// - imports/k8s.ts, exactly as `cdk8s import k8s@<version>` writes it, from the vendored
//   Kubernetes definitions;
// - imports/gateway.networking.k8s.io.ts, as `cdk8s import <crds.yaml>` writes it for one file
//   holding the vendored Gateway, HTTPRoute and ReferenceGrant CRDs: read as that one source,
//   all three kinds land in the one module of their API group.
//
//   node scripts/import.js [--outdir <dir>]
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { GATEWAY_API_CRD_FILES, K8S_VERSION, PROJECT_ROOT, SCHEMA_FILE } = require('./constants');

const USAGE = 'usage: node scripts/import.js [--outdir <dir>]';

// The importer's modules are internal to cdk8s-cli (not in its "exports"), so they are
// loaded by file path from the installed package.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib', 'util'));
const { importDispatch } = require(path.join(cli, 'lib', 'import', 'dispatch'));
const { Language } = require(path.join(cli, 'lib', 'import', 'base'));

/** The name the Gateway API CRDs are imported under; no such file exists, the download is answered. */
const GATEWAY_API_SOURCE = 'gateway-api-crds.yaml';

/** @param {string} url */
function vendoredCopy(url) {
  if (url.endsWith(`/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`)) {
    return fs.readFileSync(SCHEMA_FILE, 'utf-8');
  }
  if (url === GATEWAY_API_SOURCE) {
    return GATEWAY_API_CRD_FILES.map((file) => fs.readFileSync(file, 'utf-8')).join('---\n');
  }
  throw new Error(`offline import: no vendored copy of ${url}`);
}

/** @param {string[]} argv */
async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { outdir: { type: 'string', default: path.join(PROJECT_ROOT, 'imports') } },
  });
  util.download = async (/** @type {string} */ url) => vendoredCopy(url);
  await importDispatch(
    [{ source: `k8s@${K8S_VERSION}` }, { source: GATEWAY_API_SOURCE }],
    {},
    { outdir: path.resolve(values.outdir), targetLanguage: Language.TYPESCRIPT, save: false },
  );
}

main(process.argv.slice(2)).catch((error) => {
  const usage = error.code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}` : '';
  console.error(`import: ${error.message ?? error}${usage}`);
  process.exitCode = 1;
});
