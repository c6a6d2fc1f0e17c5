import { defineRules } from './validation/rule-catalog';

/** The rules an Ingress follows, besides those of its metadata. */
export const INGRESS_RULES = defineRules('Ingress', {
  rulesOrDefaultBackend: {
    id: 'ingress/rules-or-default-backend',
    level: 'error',
    field: 'spec.rules, spec.defaultBackend',
    apiServer: 'rejects an Ingress with neither rules nor a defaultBackend',
    source: 'ValidateIngressSpec (pkg/apis/networking/validation)',
  },
  host: {
    id: 'ingress/host',
    level: 'error',
    field: 'spec.rules[].host',
    apiServer:
      "rejects a host that is an IPv4 address, or is not a DNS-1123 subdomain (with '*' in it: not '*.' followed by one); so no port and no IPv6 address",
    source: 'validateIngressRules (pkg/apis/networking/validation), IsDNS1123Subdomain, IsWildcardDNS1123Subdomain',
  },
  ruleWithoutPaths: {
    id: 'ingress/rule-without-paths',
    level: 'warning',
    field: 'spec.rules[].http',
    apiServer:
      'accepts a rule with a host and no http paths; with no defaultBackend either, requests for that host match nothing and get a 404 from the controller',
    source: 'validateIngressRuleValue (pkg/apis/networking/validation) skips a rule without http',
  },
  pathType: {
    id: 'ingress/path-type',
    level: 'error',
    field: 'spec.rules[].http.paths[].pathType',
    apiServer: 'rejects a path type other than Exact, Prefix or ImplementationSpecific',
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation)',
  },
  pathAbsolute: {
    id: 'ingress/path-absolute',
    level: 'error',
    field: 'spec.rules[].http.paths[].path',
    apiServer:
      "rejects an Exact or Prefix path that does not start with '/', and a non-empty ImplementationSpecific path that does not",
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation)',
  },
  pathSegments: {
    id: 'ingress/path-segments',
    level: 'error',
    field: 'spec.rules[].http.paths[].path',
    apiServer:
      "rejects an Exact or Prefix path containing '//', '/./', '/../', '%2f' or '%2F', or ending in '/..' or '/.'; ImplementationSpecific paths may",
    source: 'validateHTTPIngressPath (pkg/apis/networking/validation), invalidPathSequences, invalidPathSuffixes',
  },
  backendService: {
    id: 'ingress/backend-service',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service, spec.defaultBackend.service',
    apiServer: 'rejects a service backend without a Service name',
    source: 'validateIngressBackend (pkg/apis/networking/validation)',
  },
  backendWithoutClusterIp: {
    id: 'ingress/backend-without-cluster-ip',
    level: 'warning',
    field: 'spec.rules[].http.paths[].backend.service.name, spec.defaultBackend.service.name',
    apiServer:
      'accepts any Service name; a headless or ExternalName Service has no cluster IP, which controllers that proxy to the Service (rather than to its endpoints) cannot reach',
    source: 'validateIngressBackend (pkg/apis/networking/validation) does not look the Service up',
  },
  backendNamespace: {
    id: 'ingress/backend-namespace',
    level: 'contract',
    field: 'spec.rules[].http.paths[].backend.service.name, spec.defaultBackend.service.name',
    apiServer:
      "accepts the name; it always means a Service in the Ingress's namespace, so a Service construct in another namespace is not the one routed to",
    source: "a construct contract: an Ingress backend names a Service of the Ingress's own namespace",
  },
  backendPortRequired: {
    id: 'ingress/backend-port-required',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer: 'rejects a service backend with neither a port name nor a port number',
    source: 'validateIngressBackend (pkg/apis/networking/validation)',
  },
  backendPort: {
    id: 'ingress/backend-port',
    level: 'error',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer:
      'rejects a port number outside 1-65535 and a port name that is not an IANA service name (at most 15 characters, so a longer Service port name cannot be referenced by name)',
    source: 'validateIngressBackend (pkg/apis/networking/validation), IsValidPortNum, IsValidPortName',
  },
  backendPortExists: {
    id: 'ingress/backend-port-exists',
    level: 'contract',
    field: 'spec.rules[].http.paths[].backend.service.port, spec.defaultBackend.service.port',
    apiServer:
      'accepts any port; one the backend Service construct does not have routes nowhere (the controller answers 503)',
    source: 'a construct contract: the backend is a Service construct whose ports are known',
  },
  className: {
    id: 'ingress/class-name',
    level: 'error',
    field: 'spec.ingressClassName',
    apiServer: 'rejects a class name that is not a DNS-1123 subdomain',
    source: 'ValidateIngressSpec (pkg/apis/networking/validation), ValidateIngressClassName',
  },
  classAnnotation: {
    id: 'ingress/class-annotation',
    level: 'error',
    field: 'metadata.annotations["kubernetes.io/ingress.class"]',
    apiServer: 'rejects, on create, a class annotation that differs from spec.ingressClassName when both are set',
    source: 'ValidateIngressCreate (pkg/apis/networking/validation)',
  },
  tlsSecretName: {
    id: 'ingress/tls-secret-name',
    level: 'error',
    field: 'spec.tls[].secretName',
    apiServer:
      "rejects a secret name that is not a DNS-1123 subdomain; an empty or absent one is valid (the controller's default certificate)",
    source: 'validateIngressTLS (pkg/apis/networking/validation), validateTLSSecretName',
  },
  tlsHost: {
    id: 'ingress/tls-host',
    level: 'error',
    field: 'spec.tls[].hosts[]',
    apiServer: "rejects a host that is not a DNS-1123 subdomain (with '*' in it: not '*.' followed by one)",
    source: 'validateIngressTLS (pkg/apis/networking/validation), IsDNS1123Subdomain, IsWildcardDNS1123Subdomain',
  },
  tlsHostIp: {
    id: 'ingress/tls-host-ip',
    level: 'warning',
    field: 'spec.tls[].hosts[]',
    apiServer:
      'accepts an IPv4 address (it is a valid subdomain); clients connecting to an IP address send no TLS server name, so the controller cannot pick the certificate by it',
    source:
      'validateIngressTLS (pkg/apis/networking/validation) accepts it; RFC 6066 allows no IP address as server name',
  },
});
