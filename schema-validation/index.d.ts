// Declarations of the schema validation API, `service-types/schema-validation`.
// The implementation is the plain JavaScript beside this file.

/** A field of one object that the Kubernetes API would reject. */
export interface Violation {
  /** JSON pointer to the field, such as `/spec/ports/0/nodePort`; `/` for the whole object. */
  readonly path: string;
  /** What is wrong, such as `unknown field` or `must be integer`. */
  readonly message: string;
}

/** A violation found in a manifest file. */
export interface FileViolation extends Violation {
  /** The manifest file, as given to {@link validateFile}. */
  readonly file: string;
  /** The object, as `Kind/name` (`Deployment/web`), or `Kind/document N` when it has no name. */
  readonly object: string;
}

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
 * {@link SchemaValidator}, reporting each violation with its manifest, `Kind/name` and JSON
 * path, so that `cdk8s synth` fails on a manifest the Kubernetes API would reject.
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
