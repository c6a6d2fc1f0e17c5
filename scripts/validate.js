#!/usr/bin/env node
'use strict';
// `npm run validate [paths...]`: validates YAML manifests (default dist/) against the
// Kubernetes 1.27 schema and prints a report per file. Exits 1 on any violation.
// --allow-kind <apiVersion/Kind | group/*> accepts custom resources the schema does not know.
const path = require('path');
const { SchemaValidator, findManifests, validateFile } = require('../schema-validation');
const { SCHEMA_CACHE } = require('../schema-validation/cache-dir');

function main(argv) {
  const paths = [];
  const allowedKinds = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--allow-kind') {
      allowedKinds.push(argv[++i]);
    } else {
      paths.push(argv[i]);
    }
  }
  const files = findManifests(paths.length > 0 ? paths : ['dist']);
  if (files.length === 0) {
    console.error(`No YAML manifests found in ${paths.join(', ') || 'dist'}`);
    return 1;
  }
  const validator = new SchemaValidator({ allowedKinds, cacheDir: SCHEMA_CACHE });
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
  console.error(`validate: ${error.message}`);
  process.exitCode = 1;
}
