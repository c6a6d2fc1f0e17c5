'use strict';
// The names and places the scripts share; those the shipped schema validation needs too are
// defined in schema-validation/constants.js and re-exported here.
const { GATEWAY_API_CRD_FILES, K8S_VERSION, PACKAGE_ROOT, SCHEMA_FILE } = require('../schema-validation/constants');

/** This project's root: the folder holding package.json, scripts/ and schema-validation/. */
const PROJECT_ROOT = PACKAGE_ROOT;

module.exports = { GATEWAY_API_CRD_FILES, K8S_VERSION, PROJECT_ROOT, SCHEMA_FILE };
