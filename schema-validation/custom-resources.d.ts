// Declarations of the Gateway API validation, `schema-validation/custom-resources.js`.
import type { Violation } from './index';

/** The Gateway API release whose CRDs are vendored, `1.1.1`. */
export declare const GATEWAY_API_VERSION: string;

/** The vendored CRD files: Gateway, HTTPRoute and ReferenceGrant, standard channel. */
export declare const GATEWAY_API_CRD_FILES: readonly string[];

/** A CEL rule of a CRD that the evaluator could not compile, and so does not check. */
export interface UnevaluableRule {
  /** `group/version/Kind` of the served version the rule belongs to. */
  readonly kind: string;
  /** JSON pointer pattern of the value the rule applies to, `*` standing for every list item. */
  readonly pointer: string;
  /** The CEL expression. */
  readonly rule: string;
  /** Why it could not be compiled. */
  readonly reason: string;
}

/**
 * Validates Gateway API objects as the API server does with the vendored CRDs: schema defaults
 * applied, the served version's OpenAPI schema checked strictly (unknown fields refused),
 * list-type map keys and sets checked for duplicates, and the CRDs' CEL rules evaluated.
 */
export declare class CustomResourceValidator {
  constructor();
  /** The CEL rules that could not be compiled, and so are not checked; empty for v1.1.1. */
  readonly unevaluable: readonly UnevaluableRule[];
  /** Whether `apiVersion` and `kind` are a served version of a vendored CRD. */
  knows(apiVersion: string, kind: string): boolean;
  /** Validates one object; the violations, empty when the API server would accept it. */
  validate(object: { readonly apiVersion: string; readonly kind: string }): Violation[];
}

/** The validator, built once per process. */
export declare function customResourceValidator(): CustomResourceValidator;

/** Whether `apiVersion` belongs to the Gateway API group. */
export declare function isGatewayApi(apiVersion: string): boolean;
