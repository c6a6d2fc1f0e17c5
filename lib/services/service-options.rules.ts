import { defineRules } from '../validation/rule-catalog';

/** The rules of the Service options that several Service types share. */
export const SERVICE_OPTION_RULES = defineRules('Service', {
  optionType: {
    id: 'service/option-type',
    level: 'error',
    field:
      'spec.externalTrafficPolicy, spec.healthCheckNodePort, spec.loadBalancer*, spec.allocateLoadBalancerNodePorts, spec.ports[].nodePort',
    apiServer:
      'rejects these fields on a Service type that does not use them (ClusterIP, headless), unless they hold their unset value: node port 0, an empty externalTrafficPolicy, no source ranges',
    source:
      'ValidateService (nodePort, loadBalancerSourceRanges, allocateLoadBalancerNodePorts), validateLoadBalancerClassField, validateServiceExternalTrafficPolicy',
  },
  affinityTimeout: {
    id: 'service/session-affinity-timeout',
    level: 'error',
    field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    apiServer: 'rejects a timeout that is not an integer from 1 to 86400 (JSON decoding refuses a fraction)',
    source: 'validateClientIPAffinityConfig, validateAffinityTimeout',
  },
  headlessAffinity: {
    id: 'service/headless-session-affinity',
    level: 'warning',
    field: 'spec.sessionAffinity',
    apiServer:
      'accepts ClientIP affinity on a headless Service, but kube-proxy skips headless Services, so it has no effect',
    source: 'ValidateService accepts it; kube-proxy ShouldSkipService skips clusterIP None',
  },
  trafficPolicy: {
    id: 'service/traffic-policy',
    level: 'error',
    field: 'spec.internalTrafficPolicy, spec.externalTrafficPolicy',
    apiServer:
      'rejects a value other than Cluster or Local; an empty externalTrafficPolicy is unset (SetDefaults_Service makes it Cluster where it applies)',
    source: 'validateServiceInternalTrafficFieldsValue, validateServiceExternalTrafficPolicy',
  },
  ipFamilyPolicy: {
    id: 'service/ip-family-policy',
    level: 'error',
    field: 'spec.ipFamilyPolicy',
    apiServer: 'rejects a value other than SingleStack, PreferDualStack or RequireDualStack',
    source: 'ValidateServiceClusterIPsRelatedFields',
  },
  ipFamilies: {
    id: 'service/ip-families',
    level: 'error',
    field: 'spec.ipFamilies',
    apiServer: 'rejects a family other than IPv4 or IPv6, and a family listed twice; an empty list is unset',
    source: 'ValidateServiceClusterIPsRelatedFields',
  },
  singleStack: {
    id: 'service/ip-families-single-stack',
    level: 'error',
    field: 'spec.ipFamilies',
    apiServer:
      'rejects two families when ipFamilyPolicy is SingleStack, which it also is when unset (except for a headless Service without selector, which defaults to RequireDualStack)',
    source: 'initIPFamilyFields (pkg/registry/core/service/storage/alloc.go)',
  },
});
