'use strict';
const path = require('path');
const GATEWAY_API_VERSION = '1.1.1';
const CRD_DIR = path.resolve(__dirname, '..', 'schemas', 'gateway-api', `v${GATEWAY_API_VERSION}`);
const GATEWAY_API_CRD_FILES = ['gateways', 'httproutes', 'referencegrants'].map((plural) =>
  path.join(CRD_DIR, `gateway.networking.k8s.io_${plural}.yaml`),
);
module.exports = { GATEWAY_API_VERSION, GATEWAY_API_CRD_FILES };
