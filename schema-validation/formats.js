'use strict';
// The OpenAPI formats the Kubernetes definitions use, as ajv formats. A module of its own
// so that precompiled validators can require it.
const INT32 = 2 ** 31;

/** @type {Record<string, import('ajv').Format>} */
module.exports = {
  int32: { type: 'number', validate: (n) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  int64: { type: 'number', validate: (n) => Number.isSafeInteger(n) },
  double: { type: 'number', validate: (n) => Number.isFinite(n) },
  byte: /^[A-Za-z0-9+/]*={0,2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
};
