// Declarations of the schema validation API, `service-types/schema-validation`.
// The implementation is the plain JavaScript beside this file.

/**
 * Where a finding comes from, so that a report can say which rule refused the object and
 * what to make it match. The cdk8s validation plugin prints `label` in each rule name and
 * `advice` in its recommendation; a command printing findings can use the same.
 */
export type FindingSource =
  | {
      /** The Kubernetes API's own schema (OpenAPI definitions) and object checks. */
      readonly kind: 'kubernetes-schema';
      /** `Kubernetes 1.27.0 schema`. */
      readonly label: string;
      /** `match the Kubernetes 1.27.0 API`. */
      readonly advice: string;
    }
  | {
      /** A vendored Gateway API CRD: its OpenAPI schema, or one of its CEL rules. */
      readonly kind: 'custom-resource';
      /** The CRD's name, such as `httproutes.gateway.networking.k8s.io`. */
      readonly crd: string;
      /** The CEL expression of the CRD's x-kubernetes-validations rule; absent for its schema. */
      readonly rule?: string;
      /** `Gateway API v1.1.1 CRD <crd> schema`, or `... CRD <crd> CEL rule "<rule>"`. */
      readonly label: string;
      /** `match the schema of the CRD <crd>`, or `satisfy the CEL rule "<rule>" of the CRD <crd>`. */
      readonly advice: string;
    }
  | {
      /** A rule of this library, listed in docs/validation-rules.md. */
      readonly kind: 'library-rule';
      /** The rule's id, such as `service/port-number`. */
      readonly id: string;
      /** `service-types rule <id>`. */
      readonly label: string;
      /** `follow the rule <id>`. */
      readonly advice: string;
    }
  | {
      /** The manifest file, which must be YAML before its objects can be checked. */
      readonly kind: 'manifest';
      /** `YAML`. */
      readonly label: string;
      /** `be valid YAML`. */
      readonly advice: string;
    };

/** The source of findings from the Kubernetes schema. */
export declare function kubernetesSchemaSource(): FindingSource;
/** The source of findings from a Gateway API CRD: its schema, or its CEL rule `rule`. */
export declare function customResourceSource(crd: string, rule?: string): FindingSource;
/** The source of a finding of this library's rule `id`. */
export declare function libraryRuleSource(id: string): FindingSource;
/** The source of a manifest that is not valid YAML. */
export declare function manifestSource(): FindingSource;

/** A field of one object that the Kubernetes API would reject. */
export interface Violation {
  /** JSON pointer to the field, such as `/spec/ports/0/nodePort`; `/` for the whole object. */
  readonly path: string;
  /** What is wrong, such as `unknown field` or `must be integer`. */
  readonly message: string;
  /** Which schema, CRD rule or library rule refuses it. */
  readonly source: FindingSource;
}

/** A violation found in a manifest file. */
export interface FileViolation extends Violation {
  /** The manifest file, as given to {@link validateFile}. */
  readonly file: string;
  /** The object, as `Kind/name` (`Deployment/web`), or `Kind/document N` when it has no name. */
  readonly object: string;
  /** The object's `metadata.name`, by which cdk8s's construct metadata finds its construct. @default - none */
  readonly name?: string;
}

/** The construct path of each object cdk8s rendered, by object name (cdk8s's construct-metadata.json). */
export type ConstructMetadata = Readonly<Record<string, { readonly path: string }>>;

/**
 * The construct metadata cdk8s wrote into its output folder (`construct-metadata.json`, written
 * when `CDK8S_RECORD_CONSTRUCT_METADATA` is `true`, as `cdk8s synth` sets it for validation
 * plugins); empty when there is none.
 */
export declare function readConstructMetadata(outdir: string): ConstructMetadata;

/**
 * The construct path of the object named `name`; undefined when the metadata lacks it, or when
 * `unique` is false: the metadata is keyed by name only, so a name two objects share maps to one
 * of them.
 */
export declare function constructPathOf(
  metadata: ConstructMetadata,
  name: string | undefined,
  unique?: boolean,
): string | undefined;

/** Options of a {@link SchemaValidator}. */
export interface SchemaValidatorOptions {
  /**
   * Kinds the Kubernetes schema does not know that are accepted unchecked (custom
   * resources), as `apiVersion/Kind` (`monitoring.coreos.com/v1/ServiceMonitor`) or as a
   * whole API group (`monitoring.coreos.com/*`).
   * @default [] (every kind must be a Kubernetes 1.27 kind)
   */
  readonly allowedKinds?: readonly string[];
  /**
   * A folder where compiled validators are kept between processes, which makes later runs
   * faster. {@link SCHEMA_CACHE} is the one the plugin and the project's scripts use.
   * @default undefined (validators are compiled in memory, once per process)
   */
  readonly cacheDir?: string;
}

/**
 * Validates Kubernetes objects against the Kubernetes 1.27 OpenAPI schema, offline and
 * more strictly than the published schema: unknown fields at any depth, missing required
 * fields, wrong types, enum values, int-or-string values and unknown kinds are reported.
 */
export declare class SchemaValidator {
  constructor(options?: SchemaValidatorOptions);
  /** The Kubernetes version of the schema, `1.27.0`. */
  readonly kubernetesVersion: string;
  /** The kinds accepted unchecked, from {@link SchemaValidatorOptions.allowedKinds}. */
  readonly allowedKinds: readonly string[];
  /** The cache folder, from {@link SchemaValidatorOptions.cacheDir}. */
  readonly cacheDir: string | undefined;
  /**
   * Validates one object, such as one YAML document of a manifest.
   * @returns the violations, one per field; empty when the object is valid
   */
  validate(object: unknown): Violation[];
}

/**
 * Every `.yaml` and `.yml` file under the given files and folders, folders searched
 * recursively, sorted. A file named explicitly is included whatever its extension.
 */
export declare function findManifests(paths: readonly string[]): string[];

/**
 * Validates every YAML document of a manifest file; a document that is not valid YAML is
 * reported as a violation too.
 */
export declare function validateFile(validator: SchemaValidator, file: string): FileViolation[];

/**
 * The cache folder of compiled validators used by the cdk8s plugin: `.cache/service-types/schema`
 * in the outermost `node_modules` folder above the installed package (the project's own).
 */
export declare const SCHEMA_CACHE: string;

/** The `properties` of the plugin in cdk8s.yaml. */
export interface KubernetesSchemaValidationProperties {
  /** Custom resources accepted unchecked; see {@link SchemaValidatorOptions.allowedKinds}. */
  readonly allowedKinds?: readonly string[];
}

/** A violation as the cdk8s CLI's validation report takes it. */
export interface ValidationViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: {
    readonly resourceName: string;
    readonly locations: string[];
    readonly manifestPath: string;
  }[];
}

/** What the cdk8s CLI passes to a validation plugin (the part the plugin uses). */
export interface ValidationContext {
  /** The synthesized manifest files. */
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: ValidationViolation): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/**
 * A cdk8s validation plugin that validates every synthesized manifest with a
 * {@link SchemaValidator}, so that `cdk8s synth` fails on a manifest the Kubernetes API would
 * reject. Each violation's rule name starts with its {@link FindingSource} label, and each
 * object is reported by its name, by which the cdk8s CLI shows its construct path (a name two
 * objects share is reported as `Kind/name`, as cdk8s's metadata cannot tell them apart); its
 * locations are `Kind/name` and the JSON path.
 *
 * @example
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/service-types/schema-validation
 *     class: KubernetesSchemaValidation
 *     version: 0.1.0
 *     properties:
 *       allowedKinds: ['monitoring.coreos.com/*']
 */
export declare class KubernetesSchemaValidation {
  constructor(properties?: KubernetesSchemaValidationProperties);
  validate(context: ValidationContext): Promise<void>;
}
