/*
 * ValidateObjectMeta (apimachinery pkg/api/validation) as the API server applies it to every
 * kind the library knows: the name in its kind's format, the namespace, labels and annotations.
 */
import { RuleInfo } from '../validation/rule-catalog';
import { ANNOTATIONS_SIZE_LIMIT, annotationsSize, METADATA_RULES } from '../object-meta.rules';
import { dns1035Label, dns1123Label, dns1123Subdomain, labelKey, labelValue, FormatCheck } from '../validation/formats';
import { at, entries, FindingCollector } from './object-findings';
import { KubeObject } from './objects';

/** The name format of each kind: ValidateNamespaceName, ValidateServiceName, and NameIsDNSSubdomain for the others. */
const NAME_FORMATS: Readonly<Record<string, FormatCheck<string>>> = {
  Namespace: dns1123Label,
  Service: dns1035Label,
  Deployment: dns1123Subdomain,
  StatefulSet: dns1123Subdomain,
  Ingress: dns1123Subdomain,
};

/** Checks every key and value of a label map (ValidateLabels), such as `metadata.labels` or a selector. */
export function checkLabels(
  collector: FindingCollector,
  path: string,
  labels: unknown,
  keyRule: RuleInfo = METADATA_RULES.labelKey,
  valueRule: RuleInfo = METADATA_RULES.labelValue,
): void {
  for (const [key, value] of entries(labels)) {
    collector.format(keyRule, path, key, labelKey);
    collector.format(valueRule, at(path, key), value, labelValue);
  }
}

/** ValidateObjectMeta for an object of a kind in {@link NAME_FORMATS}. */
export function checkMetadata(collector: FindingCollector, object: KubeObject): void {
  const metadata = object.metadata ?? {};
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    collector.check(METADATA_RULES.name, 'metadata.name', name, 'is required');
  } else {
    collector.format(METADATA_RULES.name, 'metadata.name', name, NAME_FORMATS[object.kind]);
  }
  // A cluster-scoped kind's namespace is cleared before validation (rest.BeforeCreate).
  if (object.kind !== 'Namespace' && metadata.namespace !== undefined && metadata.namespace !== '') {
    collector.format(METADATA_RULES.namespace, 'metadata.namespace', metadata.namespace, dns1123Label);
  }
  checkLabels(collector, 'metadata.labels', metadata.labels);
  const annotations = Object.fromEntries(entries(metadata.annotations).map(([k, v]) => [k, String(v)]));
  for (const key of Object.keys(annotations)) {
    // ValidateAnnotations lowercases each key before checking it as a qualified name.
    collector.check(METADATA_RULES.annotationKey, 'metadata.annotations', key, labelKey(key.toLowerCase()));
  }
  const size = annotationsSize(annotations);
  if (size > ANNOTATIONS_SIZE_LIMIT) {
    collector.check(
      METADATA_RULES.annotationsSize,
      'metadata.annotations',
      `${size} bytes`,
      `hold more than the ${ANNOTATIONS_SIZE_LIMIT} bytes (256 KiB) of keys and values the API server accepts`,
    );
  }
}
