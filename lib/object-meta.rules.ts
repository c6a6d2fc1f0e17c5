import { defineRules } from './validation/rule-catalog';

/**
 * The rules every object's metadata follows, whatever its kind. The kind decides only the
 * format of the name, which its construct passes to `Problems.name`.
 */
export const METADATA_RULES = defineRules('ObjectMeta', {
  name: {
    id: 'metadata/name',
    level: 'error',
    field: 'metadata.name',
    apiServer:
      "rejects a name not in its kind's format: a DNS-1123 subdomain for a Deployment or Ingress, a DNS-1123 label for a Namespace, a DNS-1035 label for a Service",
    source:
      'ValidateObjectMeta (apimachinery pkg/api/validation) with ValidateDeploymentName, ValidateIngressName, ValidateNamespaceName, ValidateServiceName',
  },
  namespace: {
    id: 'metadata/namespace',
    level: 'error',
    field: 'metadata.namespace',
    apiServer: 'rejects a namespace that is not a DNS-1123 label',
    source: 'ValidateObjectMetaAccessor (apimachinery pkg/api/validation), ValidateNamespaceName',
  },
  labelKey: {
    id: 'metadata/label-key',
    level: 'error',
    field: 'metadata.labels, spec.selector, spec.template.metadata.labels',
    apiServer:
      "rejects a key that is not a qualified name: an optional lowercase DNS-1123 subdomain prefix and '/', then at most 63 letters (either case), digits, '-', '_' or '.', starting and ending with a letter or digit",
    source: 'ValidateLabels and ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation), IsQualifiedName',
  },
  labelValue: {
    id: 'metadata/label-value',
    level: 'error',
    field: 'metadata.labels, spec.selector, spec.template.metadata.labels',
    apiServer:
      "rejects a value that is neither empty nor at most 63 letters, digits, '-', '_' or '.' starting and ending with a letter or digit",
    source: 'ValidateLabels (apimachinery pkg/apis/meta/v1/validation), IsValidLabelValue',
  },
  annotationKey: {
    id: 'metadata/annotation-key',
    level: 'error',
    field: 'metadata.annotations',
    apiServer:
      'rejects a key that, lowercased, is not a qualified name; capitals are valid anywhere in an annotation key',
    source: 'ValidateAnnotations (apimachinery pkg/api/validation), IsQualifiedName of the lowercased key',
  },
  annotationsSize: {
    id: 'metadata/annotations-size',
    level: 'error',
    field: 'metadata.annotations',
    apiServer: 'rejects annotations whose keys and values together exceed 262144 bytes (256 KiB) of UTF-8',
    source: 'ValidateAnnotationsSize (apimachinery pkg/api/validation), TotalAnnotationSizeLimitB',
  },
});

/** The most bytes the keys and values of one object's annotations may hold together. */
export const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

/** The size of annotations as the API server counts it: the UTF-8 bytes of every key and value. */
export function annotationsSize(annotations: Readonly<Record<string, string>>): number {
  return Object.entries(annotations).reduce(
    (total, [key, value]) => total + Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8'),
    0,
  );
}
