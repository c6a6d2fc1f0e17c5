import { defineRules } from '../validation/rule-catalog';

/** The annotation a LoadBalancer Service may carry instead of `spec.loadBalancerSourceRanges`. */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The annotation that turns on topology-aware routing, since Kubernetes 1.27. */
export const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
/** The deprecated annotation `service.kubernetes.io/topology-mode` replaces. */
export const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

/**
 * The rules every Service construct follows, beyond those of its metadata
 * (`METADATA_RULES`: name, namespace, labels, annotations).
 */
export const SERVICE_BASE_RULES = defineRules('Service', {
  sourceRangesAnnotationType: {
    id: 'service/source-ranges-annotation-type',
    level: 'error',
    field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
    apiServer:
      "rejects the annotation on a Service whose type is not LoadBalancer (it may only be used when type is 'LoadBalancer')",
    source: 'ValidateService (load balancer source ranges)',
  },
  topologyAnnotations: {
    id: 'service/topology-annotations',
    level: 'error',
    field: `metadata.annotations["${TOPOLOGY_MODE_ANNOTATION}"]`,
    apiServer: `rejects a topology-mode annotation whose value differs from a "${TOPOLOGY_HINTS_ANNOTATION}" annotation on the same Service`,
    source: 'ValidateService (topology annotations, added in 1.27)',
  },
  topologyHintsDeprecated: {
    id: 'service/topology-hints-deprecated',
    level: 'warning',
    field: `metadata.annotations["${TOPOLOGY_HINTS_ANNOTATION}"]`,
    apiServer: `accepts the annotation, whatever its value, and warns that it is deprecated in favour of "${TOPOLOGY_MODE_ANNOTATION}"`,
    source: 'GetWarningsForService (added in 1.27)',
  },
});
