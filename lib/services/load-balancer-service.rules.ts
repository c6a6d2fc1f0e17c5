import { defineRules } from '../validation/rule-catalog';
import { SOURCE_RANGES_ANNOTATION } from './service-base.rules';

/** The rules of a LoadBalancer Service beyond those of every selecting Service. */
export const LOAD_BALANCER_RULES = defineRules('Service', {
  kubeletPort: {
    id: 'load-balancer/kubelet-port',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects port 10250 on a LoadBalancer Service: it may not expose the kubelet port externally',
    source: 'ValidateService (ports.KubeletPort; the rule was removed in Kubernetes 1.33)',
  },
  healthCheckNodePort: {
    id: 'load-balancer/health-check-node-port',
    level: 'error',
    field: 'spec.healthCheckNodePort',
    apiServer: "rejects a healthCheckNodePort unless externalTrafficPolicy is 'Local'",
    source: 'validateServiceExternalTrafficPolicy (apiservice.NeedsHealthCheck)',
  },
  sourceRange: {
    id: 'load-balancer/source-range',
    level: 'error',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'rejects an entry that, without surrounding spaces, is not an IPv4 or IPv6 CIDR; leading zeros and host bits are accepted',
    source: 'ValidateService, apiservice.GetLoadBalancerSourceRanges, netutils.ParseCIDRSloppy',
  },
  sourceRangeHostBits: {
    id: 'load-balancer/source-range-host-bits',
    level: 'warning',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'accepts a CIDR with host bits set and masks them off, allowing the whole network rather than the address',
    source: 'netutils.ParseCIDRSloppy returns the masked network',
  },
  sourceRangeForm: {
    id: 'load-balancer/source-range-form',
    level: 'warning',
    field: 'spec.loadBalancerSourceRanges[]',
    apiServer:
      'accepts an entry that Go 1.20 netip.ParsePrefix refuses (whitespace around it, a leading zero in an IPv4 octet) and warns it will be invalid in a future release; warns that an IPv6 entry not in RFC 5952 canonical form may cause controller apply-loops',
    source: 'GetWarningsForService (getWarningsForCIDR); the annotation is not checked',
  },
  sourceRangesAnnotation: {
    id: 'load-balancer/source-ranges-annotation',
    level: 'error',
    field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
    apiServer:
      'rejects a value that is not a comma-separated list of CIDRs (spaces around entries allowed, blank allowed), unless the field is set',
    source: 'ValidateService, apiservice.GetLoadBalancerSourceRanges, netutils.ParseCIDRSloppy',
  },
  sourceRangesAnnotationIgnored: {
    id: 'load-balancer/source-ranges-annotation-ignored',
    level: 'warning',
    field: `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]`,
    apiServer: 'accepts the annotation next to spec.loadBalancerSourceRanges, and ignores it',
    source: 'apiservice.GetLoadBalancerSourceRanges reads the annotation only when the field is empty',
  },
  loadBalancerClass: {
    id: 'load-balancer/class',
    level: 'error',
    field: 'spec.loadBalancerClass',
    apiServer: 'rejects a value that is not a qualified name; an unprefixed name such as internal is valid',
    source: 'validateLoadBalancerClassField, ValidateQualifiedName',
  },
});
