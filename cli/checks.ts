// The checks every rendered or given object goes through: the Kubernetes 1.27 schema
// (strict), the Gateway API CRDs with their CEL rules, and the library's rules for the kinds
// it knows, whoever built the object. Each finding names its file, object, construct path
// (when cdk8s's construct metadata has one), field, value and where the rule comes from.
import * as fs from 'fs';
import * as path from 'path';
import { cut } from './report';
import { ManifestObject, parseManifest } from './manifests';
import { schemaConstants, schemaValidation } from './package';

/** One thing wrong with one object. */
export interface Finding {
  readonly file: string;
  /** `Kind/name`, or `Kind/document N` for an object without a name. */
  readonly object: string;
  /** The construct that rendered the object, when known. */
  readonly constructPath?: string;
  /** JSON pointer to the field; `/` for the whole object. */
  readonly path: string;
  /** The field's value, when the object has the field. */
  readonly value?: unknown;
  readonly message: string;
  /** Where the rule comes from: the Kubernetes schema, a CRD (and its CEL rule), or a library rule id. */
  readonly source: string;
  /** An error: the API server refuses the object; a warning: it accepts it, though it will not work. */
  readonly severity: 'error' | 'warning';
  /** Whether a schema (Kubernetes', or a CRD's with its CEL rules) or the library's rules found it. */
  readonly checkedBy: 'schema' | 'library';
}

/** Options of {@link checkObjects}. */
export interface CheckOptions {
  /** Custom resources accepted unchecked, as `apiVersion/Kind` or `group/*`. */
  readonly allowedKinds?: readonly string[];
  /** Construct paths by object name, from cdk8s's construct metadata. */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** The cluster's `--service-node-port-range`. @default '30000-32767' */
  readonly nodePortRange?: string;
  /** Whether the library's rules run too, or the schemas alone (the plan judges the rules itself). @default true */
  readonly libraryRules?: boolean;
}

/** The value at JSON pointer `pointer` in `object`, or undefined. */
export function valueAt(object: unknown, pointer: string): unknown {
  if (pointer === '/' || pointer === '') {
    return undefined;
  }
  let value = object;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** How an object is named in findings. */
export function objectLabel(entry: ManifestObject): string {
  const { object } = entry;
  const kind = typeof object?.kind === 'string' ? object.kind : 'object';
  const name = object?.metadata?.name;
  return `${kind}/${typeof name === 'string' ? name : entry.where}`;
}

type Validator = InstanceType<ReturnType<typeof schemaValidation>['SchemaValidator']>;
const validators = new Map<string, Validator>();

/** The schema validator for these allowed kinds, made once per process. */
function validatorFor(allowedKinds: readonly string[]): Validator {
  const key = JSON.stringify(allowedKinds);
  let validator = validators.get(key);
  if (validator === undefined) {
    validator = new (schemaValidation().SchemaValidator)({ allowedKinds, cacheDir: schemaConstants.SCHEMA_CACHE });
    validators.set(key, validator);
  }
  return validator;
}

/**
 * The library's Kubernetes model (its rules, without cdk8s), loaded when first asked for: a
 * synth loads it while the app renders.
 */
function model(): typeof import('../lib/model') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../lib/model') as typeof import('../lib/model');
}

/**
 * The kinds nearly every render holds, as a manifest: checking it loads their compiled
 * validators from the cache and runs the YAML parser and the library's rules once, so that
 * they are compiled by the time the real objects come.
 */
const SAMPLE_RENDER = `apiVersion: v1
kind: Namespace
metadata:
  name: sample
---
apiVersion: v1
kind: Service
metadata:
  name: sample
  namespace: sample
  labels:
    app.kubernetes.io/name: sample
spec:
  ports:
    - name: http
      port: 80
      protocol: TCP
      targetPort: 8080
  selector:
    app: sample
  type: ClusterIP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sample
  namespace: sample
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sample
  template:
    metadata:
      labels:
        app: sample
    spec:
      containers:
        - name: sample
          image: "registry.k8s.io/sample:1.0"
          ports:
            - containerPort: 8080
`;

/**
 * Loads what the checks need, and runs them once, so that they are ready when the objects
 * are: a synth calls it while the app renders in its own thread.
 */
export function prepareChecks(options: Pick<CheckOptions, 'allowedKinds'> = {}): void {
  checkObjects(parseManifest('sample.yaml', SAMPLE_RENDER).objects, options);
}

/** The construct path of an object, from the construct metadata. */
function constructOf(entry: ManifestObject, options: CheckOptions): { constructPath?: string } {
  const name = entry.object?.metadata?.name;
  const constructPath = typeof name === 'string' ? options.constructPaths?.get(name) : undefined;
  return constructPath === undefined ? {} : { constructPath };
}

/** The key an object is known by: kind, namespace and name. */
const keyOf = (kind: unknown, namespace: unknown, name: unknown) =>
  JSON.stringify([kind, typeof namespace === 'string' ? namespace : '', name]);

/**
 * Checks every object against the schemas and the library's rules (lib/model, the same rules
 * the constructs follow, applied to whatever object is given); an empty list when all are valid.
 */
export function checkObjects(objects: readonly ManifestObject[], options: CheckOptions = {}): Finding[] {
  const validator = validatorFor(options.allowedKinds ?? []);
  const schema = objects.flatMap((entry) =>
    validator.validate(entry.object).map((v): Finding => ({
      file: entry.file,
      object: objectLabel(entry),
      ...constructOf(entry, options),
      path: v.path,
      ...(valueAt(entry.object, v.path) === undefined ? {} : { value: valueAt(entry.object, v.path) }),
      message: v.message,
      source: v.source.label,
      severity: 'error',
      checkedBy: 'schema',
    })),
  );
  const byKey = new Map<string, ManifestObject>();
  objects.forEach((entry) =>
    byKey.set(keyOf(entry.object?.kind, entry.object?.metadata?.namespace, entry.object?.metadata?.name), entry),
  );
  if (options.libraryRules === false) {
    return schema;
  }
  // The library's rules take an object the schema accepts: one it refuses is reported once, by the schema.
  const refused = new Set(schema.map((f) => f.file + '\0' + f.object));
  const schemaValid = objects.filter((entry) => !refused.has(entry.file + '\0' + objectLabel(entry)));
  const rules = model()
    .checkObjects(
      schemaValid.map((entry) => entry.object),
      { nodePortRange: options.nodePortRange },
    )
    .flatMap((f): Finding[] => {
      const entry = byKey.get(keyOf(f.kind, f.namespace, f.name));
      if (entry === undefined) {
        return [];
      }
      return [
        {
          file: entry.file,
          object: objectLabel(entry),
          ...constructOf(entry, options),
          path: f.path,
          ...(f.value === undefined ? {} : { value: f.value }),
          message: f.message,
          source: f.ruleId,
          severity: f.severity,
          checkedBy: 'library',
        },
      ];
    });
  return [...schema, ...rules];
}

/** A finding as one line: file, object, construct, field, value, message and source. */
export function findingLine(f: Finding): string {
  const construct = f.constructPath === undefined ? '' : ` (construct ${f.constructPath})`;
  const value = f.value === undefined || typeof f.value === 'object' ? '' : ` ${JSON.stringify(f.value)}`;
  return cut(`${f.file} ${f.object}${construct} ${f.path}${value}: ${f.message} [${f.source}]`);
}

/** What {@link checkRender} found in a render. */
export interface CheckedRender {
  /** Each file, relative to the render's folder, with its text. */
  readonly files: readonly { readonly file: string; readonly text: string }[];
  /** Files, or parts of them, that hold no usable object, as lines. */
  readonly fileProblems: readonly string[];
  readonly findings: readonly Finding[];
}

/** Reads the files of a render in `dir` (`files` relative to it) once, and checks every object. */
export function checkRender(dir: string, files: readonly string[], options: CheckOptions = {}): CheckedRender {
  const texts = files.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf-8') }));
  const parsed = texts.map(({ file, text }) => parseManifest(file, text));
  return {
    files: texts,
    fileProblems: parsed.flatMap((p) => p.problems.map((problem) => `${problem.file}: ${problem.message}`)),
    findings: checkObjects(
      parsed.flatMap((p) => p.objects),
      options,
    ),
  };
}
