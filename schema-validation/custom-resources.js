'use strict';
// Validates Gateway API objects (Gateway, HTTPRoute, ReferenceGrant) as the API server does
// with the vendored v1.1.1 CRDs: it applies the schema's defaults, checks the object strictly
// against the served version's OpenAPI schema (unknown fields refused, as kubectl's strict field
// validation does), checks list-type map keys and sets for duplicates, and evaluates the CRD's
// CEL rules (x-kubernetes-validations) with @bufbuild/cel.
const fs = require('fs');
const FORMATS = require('./formats');
const { IP_FORMATS } = require('./ip-address');
const { describeError, tighten } = require('./schema');
const { customResourceSource, kubernetesSchemaSource } = require('./finding-source');

/** @typedef {import('./index').Violation} Violation */
/** @typedef {import('./custom-resources').UnevaluableRule} UnevaluableRule */
/**
 * The part of an OpenAPI v3 schema of a CRD this module reads.
 * @typedef {{
 *   type?: string,
 *   properties?: Record<string, Schema>,
 *   items?: Schema,
 *   additionalProperties?: boolean | Schema,
 *   default?: unknown,
 *   'x-kubernetes-validations'?: { rule: string, message?: string }[],
 *   'x-kubernetes-list-type'?: string,
 *   'x-kubernetes-list-map-keys'?: string[],
 * }} Schema
 */
/** @typedef {{ pointer: string, schema: Schema, rule: string, message: string }} CelRule */
/** @typedef {CelRule & { program: (bindings: { self: import('@bufbuild/cel').CelInput }) => unknown }} CompiledRule */
/** @typedef {{ pointer: string, listType: string, keys: string[] }} ListRule */
/**
 * @typedef {{
 *   crd: string,
 *   schema: Schema,
 *   check: import('ajv').ValidateFunction,
 *   rules: CompiledRule[],
 *   lists: ListRule[],
 * }} Kind
 */

const { GATEWAY_API_CRD_FILES, GATEWAY_API_VERSION } = require('./constants');

// CEL reserved words a property name is escaped from, as Kubernetes does (`namespace` becomes
// `__namespace__`): apiserver/pkg/cel/escaping.go.
const CEL_RESERVED = new Set(
  'true false null in as break const continue else for function if import let loop package namespace return var void while'.split(
    ' ',
  ),
);

/** @param {string} name */
function escapeName(name) {
  if (CEL_RESERVED.has(name)) {
    return `__${name}__`;
  }
  return name
    .replace(/__/g, '__underscores__')
    .replace(/\./g, '__dot__')
    .replace(/-/g, '__dash__')
    .replace(/\//g, '__slash__');
}

/**
 * Fills in the schema's defaults where a field is absent, as the API server does before validating.
 *
 * @param {unknown} value
 * @param {Schema | undefined} schema
 * @returns {unknown}
 */
function applyDefaults(value, schema) {
  if (schema === undefined || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    return items === undefined ? value : value.map((item) => applyDefaults(item, items));
  }
  /** @type {Record<string, unknown>} */
  const out = { ...value };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (out[name] === undefined && prop.default !== undefined) {
      out[name] = structuredClone(prop.default);
    }
    if (out[name] !== undefined) {
      out[name] = applyDefaults(out[name], prop);
    }
  }
  return out;
}

/**
 * The object as CEL sees it: maps for objects, escaped property names, bigint for integers.
 *
 * @param {unknown} value
 * @param {Schema | undefined} schema
 * @returns {unknown}
 */
function toCel(value, schema) {
  if (Array.isArray(value)) {
    return value.map((item) => toCel(item, schema?.items));
  }
  if (value !== null && typeof value === 'object') {
    const props = schema?.properties;
    return new Map(
      Object.entries(value).map(([name, v]) => [
        props === undefined ? name : escapeName(name),
        toCel(
          v,
          props?.[name] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined),
        ),
      ]),
    );
  }
  if (typeof value === 'number' && schema?.type === 'integer') {
    return BigInt(value);
  }
  return value;
}

/**
 * Every CEL rule of `schema`, with the JSON pointer pattern of the value it applies to (`*` for list items).
 *
 * @param {Schema} schema
 * @param {string} pointer
 * @param {CelRule[]} out
 */
function collectRules(schema, pointer = '', out = /** @type {CelRule[]} */ ([])) {
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    out.push({ pointer, schema, rule: rule.rule, message: rule.message ?? `failed rule: ${rule.rule}` });
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    collectRules(prop, `${pointer}/${name}`, out);
  }
  if (schema.items !== undefined) {
    collectRules(schema.items, `${pointer}/*`, out);
  }
  return out;
}

/**
 * Every list with x-kubernetes-list-type map or set, by pointer pattern.
 *
 * @param {Schema} schema
 * @param {string} pointer
 * @param {ListRule[]} out
 */
function collectLists(schema, pointer = '', out = /** @type {ListRule[]} */ ([])) {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'map' || listType === 'set') {
    out.push({ pointer, listType, keys: schema['x-kubernetes-list-map-keys'] ?? [] });
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    collectLists(prop, `${pointer}/${name}`, out);
  }
  if (schema.items !== undefined) {
    collectLists(schema.items, `${pointer}/*`, out);
  }
  return out;
}

/**
 * The values at a pointer pattern, with their concrete pointers.
 *
 * @param {unknown} object
 * @param {string} pattern
 */
function valuesAt(object, pattern) {
  /** @type {{ pointer: string, value: unknown }[]} */
  let found = [{ pointer: '', value: object }];
  for (const part of pattern.split('/').slice(1)) {
    found = found.flatMap(({ pointer, value }) => {
      if (part === '*') {
        return Array.isArray(value) ? value.map((v, i) => ({ pointer: `${pointer}/${i}`, value: v })) : [];
      }
      const field =
        value !== null && typeof value === 'object' ? /** @type {Record<string, unknown>} */ (value)[part] : undefined;
      return field === undefined ? [] : [{ pointer: `${pointer}/${part}`, value: field }];
    });
  }
  return found;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The metadata checks ValidateObjectMeta makes on a custom resource's name and namespace.
 *
 * @param {{ name?: unknown, namespace?: unknown } | undefined} metadata
 */
function checkMetadata(metadata) {
  /** @type {Violation[]} */
  const problems = [];
  const name = metadata?.name;
  if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    problems.push({
      path: '/metadata/name',
      message: 'must be a DNS-1123 subdomain of at most 253 characters',
      source: kubernetesSchemaSource(),
    });
  }
  const namespace = metadata?.namespace;
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || namespace.length > 63 || !DNS_LABEL.test(namespace))
  ) {
    problems.push({
      path: '/metadata/namespace',
      message: 'must be a DNS-1123 label',
      source: kubernetesSchemaSource(),
    });
  }
  return problems;
}

const BRANCH = /\/(oneOf|anyOf)\//;

/**
 * One violation per field. A value that matches no branch of a `oneOf` or `anyOf` makes ajv
 * report every branch's failure and the combinator's; a branch's format failures become one
 * sentence naming the formats allowed, and the rest of the cascade is dropped.
 *
 * @param {readonly import('ajv').ErrorObject[]} errors
 * @param {string} crd the CRD's name, for the violations' source
 * @returns {Violation[]}
 */
function describeErrors(errors, crd) {
  /** @type {Map<string, string[]>} */
  const formats = new Map();
  for (const e of errors) {
    if (BRANCH.test(e.schemaPath) && e.keyword === 'format') {
      formats.set(e.instancePath, [...(formats.get(e.instancePath) ?? []), JSON.stringify(e.params.format)]);
    }
  }
  const explained = [...formats.keys()];
  const source = customResourceSource(crd);
  /** @type {Violation[]} */
  const violations = [...formats].map(([path, names]) => ({
    path,
    message: `must match format ${names.join(' or ')}`,
    source,
  }));
  for (const e of errors) {
    const combinator = e.keyword === 'oneOf' || e.keyword === 'anyOf';
    if (BRANCH.test(e.schemaPath) || (combinator && explained.some((p) => p.startsWith(e.instancePath)))) {
      continue;
    }
    violations.push({ ...describeError(e), source });
  }
  return violations;
}

class CustomResourceValidator {
  constructor() {
    // Loaded here, not at the top: every schema check loads this module, few meet a Gateway API object.
    const { default: Ajv } = require('ajv');
    const { parseAllDocuments } = require('yaml');
    const { celEnv, parse, plan } = require('@bufbuild/cel');
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [name, format] of Object.entries({ ...FORMATS, ...IP_FORMATS })) {
      ajv.addFormat(name, format);
    }
    /** @type {Map<string, Kind>} */
    this.kinds = new Map();
    const env = celEnv();
    /** @type {UnevaluableRule[]} CEL rules that could not be compiled: the validator cannot evaluate them. */
    this.unevaluable = [];
    for (const file of GATEWAY_API_CRD_FILES) {
      const crd = parseAllDocuments(fs.readFileSync(file, 'utf-8'))[0].toJSON();
      for (const version of crd.spec.versions.filter((/** @type {{ served: boolean }} */ v) => v.served)) {
        const schema = version.schema.openAPIV3Schema;
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        const rules = collectRules(schema).flatMap((r) => {
          try {
            return [{ ...r, program: plan(env, parse(r.rule)) }];
          } catch (error) {
            this.unevaluable.push({ kind: key, pointer: r.pointer, rule: r.rule, reason: String(error) });
            return [];
          }
        });
        this.kinds.set(key, {
          crd: crd.metadata.name,
          schema,
          check: ajv.compile(tighten(schema)),
          rules,
          lists: collectLists(schema),
        });
      }
    }
  }

  /**
   * Whether `apiVersion`/`kind` is one of the custom resources this validator knows.
   *
   * @param {string} apiVersion
   * @param {string} kind
   */
  knows(apiVersion, kind) {
    return this.kinds.has(`${apiVersion}/${kind}`);
  }

  /**
   * Validates one object of a known kind.
   *
   * @param {{ readonly apiVersion: string, readonly kind: string }} object
   * @returns {Violation[]} the violations, empty when valid
   */
  validate(object) {
    const entry = this.kinds.get(`${object.apiVersion}/${object.kind}`);
    if (entry === undefined) {
      const served = [...this.kinds.keys()].join(', ');
      return [
        {
          path: '/kind',
          message: `${object.apiVersion} ${object.kind} is not served by the Gateway API v${GATEWAY_API_VERSION} CRDs of this package (${served})`,
          source: kubernetesSchemaSource(),
        },
      ];
    }
    const defaulted = /** @type {{ metadata?: { name?: unknown, namespace?: unknown } }} */ (
      applyDefaults(object, entry.schema)
    );
    const problems = checkMetadata(defaulted.metadata);
    if (!entry.check(defaulted)) {
      problems.push(...describeErrors(entry.check.errors ?? [], entry.crd));
    }
    problems.push(...this.checkLists(entry, defaulted), ...this.checkCel(entry, defaulted));
    return problems;
  }

  /**
   * @param {Kind} entry
   * @param {unknown} object
   * @returns {Violation[]}
   */
  checkLists(entry, object) {
    /** @type {Violation[]} */
    const problems = [];
    for (const list of entry.lists) {
      for (const { pointer, value } of valuesAt(object, list.pointer)) {
        if (!Array.isArray(value)) {
          continue;
        }
        /** @type {Map<string, number>} */
        const seen = new Map();
        value.forEach((item, i) => {
          const key = JSON.stringify(list.listType === 'set' ? item : list.keys.map((k) => item?.[k]));
          if (seen.has(key)) {
            const what = list.listType === 'set' ? 'value' : `key (${list.keys.join(', ')})`;
            problems.push({
              path: `${pointer}/${i}`,
              message: `duplicate ${what} ${key}, also at index ${seen.get(key)}`,
              source: customResourceSource(entry.crd),
            });
          } else {
            seen.set(key, i);
          }
        });
      }
    }
    return problems;
  }

  /**
   * @param {Kind} entry
   * @param {unknown} object
   * @returns {Violation[]}
   */
  checkCel(entry, object) {
    /** @type {Violation[]} */
    const problems = [];
    for (const rule of entry.rules) {
      for (const { pointer, value } of valuesAt(object, rule.pointer)) {
        const result = rule.program({
          self: /** @type {import('@bufbuild/cel').CelInput} */ (toCel(value, rule.schema)),
        });
        if (result !== true) {
          const why =
            typeof result === 'boolean'
              ? rule.message
              : `${rule.message} (the rule failed to evaluate: ${result instanceof Error ? result.message : String(result)})`;
          problems.push({ path: pointer || '/', message: why, source: customResourceSource(entry.crd, rule.rule) });
        }
      }
    }
    return problems;
  }
}

/**
 * Whether objects of `apiVersion` belong to the Gateway API, which this module validates.
 *
 * @param {string} apiVersion
 */
function isGatewayApi(apiVersion) {
  return apiVersion.startsWith('gateway.networking.k8s.io/');
}

/** @type {CustomResourceValidator | undefined} */
let shared;

/** The validator of the vendored Gateway API CRDs, built once per process. */
function customResourceValidator() {
  shared ??= new CustomResourceValidator();
  return shared;
}

module.exports = {
  GATEWAY_API_VERSION,
  GATEWAY_API_CRD_FILES,
  CustomResourceValidator,
  customResourceValidator,
  isGatewayApi,
};
