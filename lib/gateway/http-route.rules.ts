import { defineRules } from '../validation/rule-catalog';

const CRD = 'Gateway API v1.1.1 CRD httproutes.gateway.networking.k8s.io';

/** The rules an HTTPRoute's fields and references follow. */
export const HTTP_ROUTE_RULES = defineRules('HTTPRoute', {
  counts: {
    id: 'http-route/counts',
    level: 'error',
    field: 'spec.parentRefs, spec.hostnames, spec.rules[].matches, .filters, .backendRefs',
    apiServer: 'rejects more than 32 parents, 16 hostnames, 16 rules, 8 matches, 16 filters or 16 backends',
    source: `${CRD}: maxItems`,
  },
  parentRef: {
    id: 'http-route/parent-ref',
    level: 'error',
    field: 'spec.parentRefs[]',
    apiServer: 'rejects an invalid sectionName, and two references to one Gateway unless each has its own sectionName',
    source: `${CRD}: pattern of SectionName; CEL "sectionName must be specified/unique when parentRefs includes 2 or more references to the same parent"`,
  },
  parentListener: {
    id: 'http-route/parent-listener',
    level: 'contract',
    field: 'spec.parentRefs[].sectionName',
    apiServer: 'accepts it; the route attaches to no listener, because its Gateway has none of that name',
    source: 'construct contract: the Gateway construct declares its listeners',
  },
  hostname: {
    id: 'http-route/hostname',
    level: 'error',
    field: 'spec.hostnames[]',
    apiServer: 'rejects a hostname that is not a lowercase DNS name with an optional leading "*."',
    source: `${CRD}: pattern and maxLength of Hostname`,
  },
  hostnameIp: {
    id: 'http-route/hostname-ip',
    level: 'warning',
    field: 'spec.hostnames[]',
    apiServer:
      "accepts an IPv4 address (the CRD's pattern allows it); implementations reject it, as IPs are not hostnames",
    source: `${CRD}: pattern of Hostname; Gateway API HTTPRouteSpec.hostnames: "IPs are not allowed"`,
  },
  path: {
    id: 'http-route/path',
    level: 'error',
    field: 'spec.rules[].matches[].path.value',
    apiServer: "rejects a path that is not absolute or contains '//', '/./', '/../', '%2f', '#', or other characters",
    source: `${CRD}: CEL rules on HTTPPathMatch`,
  },
  matchName: {
    id: 'http-route/match-name',
    level: 'error',
    field: 'spec.rules[].matches[].headers[].name, .queryParams[].name',
    apiServer: 'rejects a name that is not an HTTP token, or that another header or query match of the same match has',
    source: `${CRD}: pattern of HTTPHeaderName; list-map key "name"`,
  },
  filterCombination: {
    id: 'http-route/filter-combination',
    level: 'error',
    field: 'spec.rules[].filters',
    apiServer:
      'rejects a filter type used twice, RequestRedirect with URLRewrite, and RequestRedirect in a rule with backends',
    source: `${CRD}: CEL "... filter cannot be repeated", "May specify either ... but not both", "RequestRedirect filter must not be used together with backendRefs"`,
  },
  replacePrefix: {
    id: 'http-route/replace-prefix',
    level: 'error',
    field: 'spec.rules[].filters[].*.path.replacePrefixMatch',
    apiServer: 'rejects replacePrefixMatch unless the rule has exactly one match, a PathPrefix',
    source: `${CRD}: CEL "When using ... filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"`,
  },
  filterValue: {
    id: 'http-route/filter-value',
    level: 'error',
    field: 'spec.rules[].filters[]',
    apiServer:
      'rejects a redirect or rewrite hostname that is not a DNS name, a port outside 1-65535, a header name that is not a token, a path over 1024 characters, and more than 16 headers to set, add or remove',
    source: `${CRD}: pattern, maxLength, maxItems and list keys of the filters`,
  },
  backendPortRequired: {
    id: 'http-route/backend-port-required',
    level: 'error',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'rejects a Service backend without a port',
    source: `${CRD}: CEL "Must have port for Service reference"`,
  },
  backendPort: {
    id: 'http-route/backend-port',
    level: 'contract',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'accepts it; requests to the backend fail, because the Service has no such port',
    source: 'construct contract: the Service construct declares its ports',
  },
  backendPortNumber: {
    id: 'http-route/backend-port-number',
    level: 'error',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'rejects a port outside 1-65535',
    source: `${CRD}: minimum and maximum of PortNumber`,
  },
  backendWeight: {
    id: 'http-route/backend-weight',
    level: 'error',
    field: 'spec.rules[].backendRefs[].weight',
    apiServer: 'rejects a weight outside 0-1000000',
    source: `${CRD}: minimum and maximum`,
  },
  backendPortUnknown: {
    id: 'http-route/backend-port-unknown',
    level: 'warning',
    field: 'spec.rules[].backendRefs[].port',
    apiServer:
      'accepts a port that the Service of that name in this app lacks; the implementation then has no endpoints for the backend',
    source: 'a Service given by name is not a contract, yet a Service construct of the app has that name',
  },
  crossNamespace: {
    id: 'http-route/cross-namespace-backend',
    level: 'warning',
    field: 'spec.rules[].backendRefs[].namespace',
    apiServer:
      'accepts a backend in another namespace; implementations refuse it (ResolvedRefs False, RefNotPermitted) without a ReferenceGrant there',
    source:
      'Gateway API v1.1.1 BackendObjectReference: "a ReferenceGrant object is required in the referent namespace"',
  },
  hostnameNoListener: {
    id: 'http-route/hostname-no-listener',
    level: 'warning',
    field: 'spec.hostnames',
    apiServer:
      'accepts hostnames that no listener of the parent Gateway accepts; the route then does not attach to it (NoMatchingListenerHostname)',
    source: 'Gateway API v1.1.1 HTTPRouteSpec.hostnames: hostname intersection with the listener',
  },
  parentNotAllowed: {
    id: 'http-route/parent-not-allowed',
    level: 'warning',
    field: 'spec.parentRefs[]',
    apiServer:
      "accepts a parent whose listeners do not allow routes from the route's namespace; the route then does not attach (NotAllowedByListeners)",
    source: 'Gateway API v1.1.1 Listener.allowedRoutes.namespaces',
  },
});
