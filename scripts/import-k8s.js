#!/usr/bin/env node
// Regenerates imports/k8s.ts (or <dir>/k8s.ts with --outdir <dir>) exactly as
// `cdk8s import k8s@1.27.0` would, but offline:
// the CLI's importer is used as is, and only its schema download is answered from the
// copy of the Kubernetes definitions vendored under schemas/.
'use strict';
const fs = require('fs');
const path = require('path');
// The importer's modules are internal to cdk8s-cli (not in its "exports"), so they are
// loaded by file path from the installed package.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib', 'util'));
const { importDispatch } = require(path.join(cli, 'lib', 'import', 'dispatch'));
const { Language } = require(path.join(cli, 'lib', 'import', 'base'));

const K8S_VERSION = '1.27.0';
const root = path.resolve(__dirname, '..');
const schemaFile = path.join(root, 'schemas', 'k8s', `v${K8S_VERSION}`, '_definitions.json');

util.download = async (url) => {
  if (!url.endsWith(`/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`)) {
    throw new Error(`offline import: no vendored copy of ${url}`);
  }
  return fs.readFileSync(schemaFile, 'utf-8');
};

const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? path.join(root, 'imports') : path.resolve(process.argv[outdirFlag + 1]);

importDispatch(
  [{ source: `k8s@${K8S_VERSION}` }],
  {},
  {
    outdir,
    targetLanguage: Language.TYPESCRIPT,
    save: false,
  },
).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
