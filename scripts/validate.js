#!/usr/bin/env node
'use strict';
// `npm run validate [paths...]`: validates YAML manifests (default dist/) against the
// Kubernetes schema and prints a report per file. Exits 1 on any violation.
//
//   node scripts/validate.js [--allow-kind <apiVersion/Kind | group/*>]... [paths...]
//
// --allow-kind accepts custom resources the schema does not know.
const path = require('path');
const { parseArgs } = require('util');
const { SchemaValidator, findManifests, validateFile } = require('../schema-validation');
const { DEFAULT_OUTPUT, SCHEMA_CACHE } = require('./constants');

const USAGE = 'usage: node scripts/validate.js [--allow-kind <apiVersion/Kind | group/*>]... [paths...]';

/**
 * @param {string[]} argv
 * @returns {number} the exit code
 */
function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'allow-kind': { type: 'string', multiple: true, default: [] } },
    allowPositionals: true,
  });
  const paths = positionals.length > 0 ? positionals : [DEFAULT_OUTPUT];
  const files = findManifests(paths);
  if (files.length === 0) {
    console.error(`No YAML manifests found in ${paths.join(', ')}`);
    return 1;
  }
  const validator = new SchemaValidator({ allowedKinds: values['allow-kind'], cacheDir: SCHEMA_CACHE });
  let failed = 0;
  for (const file of files) {
    const violations = validateFile(validator, file);
    const shown = path.relative(process.cwd(), file) || file;
    if (violations.length === 0) {
      console.log(`ok    ${shown}`);
      continue;
    }
    failed++;
    console.log(`FAIL  ${shown}`);
    for (const v of violations) {
      console.log(`        ${v.object} ${v.path}: ${v.message}`);
    }
  }
  console.log(
    `\n${files.length - failed} of ${files.length} files valid against Kubernetes ${validator.kubernetesVersion}`,
  );
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const usage = /** @type {{ code?: string }} */ (error).code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}` : '';
  console.error(`validate: ${/** @type {Error} */ (error).message}${usage}`);
  process.exitCode = 1;
}
