#!/usr/bin/env node
'use strict';
// `npm run import:gateway`: regenerates imports/gateway.networking.k8s.io.ts (or the same file
// under --outdir <dir>) from the vendored Gateway API CRDs with cdk8s-cli's own CRD importer,
// offline. It is what `cdk8s import <crds.yaml> --language typescript --output imports` does for
// one file holding the Gateway, HTTPRoute and ReferenceGrant CRDs: the importer reads the three
// vendored files as that one source, so all three kinds land in one module of their API group.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');

// The importer's modules are internal to cdk8s-cli (not in its "exports"), so they are
// loaded by file path from the installed package.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib', 'util'));
const { importDispatch } = require(path.join(cli, 'lib', 'import', 'dispatch'));
const { Language } = require(path.join(cli, 'lib', 'import', 'base'));

const root = path.resolve(__dirname, '..');
const { GATEWAY_API_CRD_FILES } = require('./constants');
const SOURCE = 'gateway-api-crds.yaml';

util.download = async (/** @type {string} */ url) => {
  if (url !== SOURCE) {
    throw new Error(`offline import: no vendored copy of ${url}`);
  }
  return GATEWAY_API_CRD_FILES.map((file) => fs.readFileSync(file, 'utf-8')).join('---\n');
};

const { values } = parseArgs({ options: { outdir: { type: 'string', default: path.join(root, 'imports') } } });

importDispatch(
  [{ source: SOURCE }],
  {},
  { outdir: path.resolve(values.outdir), targetLanguage: Language.TYPESCRIPT, save: false },
).catch((/** @type {unknown} */ err) => {
  console.error(err);
  process.exitCode = 1;
});
