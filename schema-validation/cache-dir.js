'use strict';
// Where the project's tools keep compiled schema validators between runs.
const path = require('path');

module.exports = {
  SCHEMA_CACHE: path.resolve(__dirname, '..', 'node_modules', '.cache', 'service-types', 'schema'),
};
