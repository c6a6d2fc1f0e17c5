import { defineRules } from '../validation/rule-catalog';

const CRD = 'Gateway API v1.1.1 CRD gateways.gateway.networking.k8s.io';

/** The rules a Gateway's own fields follow. */
export const GATEWAY_RULES = defineRules('Gateway', {
  className: {
    id: 'gateway/class-name',
    level: 'error',
    field: 'spec.gatewayClassName',
    apiServer: 'rejects an empty class name or one longer than 253 characters',
    source: `${CRD}: minLength and maxLength of ObjectName`,
  },
  classNameFormat: {
    id: 'gateway/class-name-format',
    level: 'warning',
    field: 'spec.gatewayClassName',
    apiServer:
      'accepts any string (ObjectName has no pattern); one that is not a DNS-1123 subdomain names no GatewayClass, so no controller programs the Gateway',
    source: `${CRD}: ObjectName has no pattern; GatewayClass names are checked by ValidateObjectMeta`,
  },
  listenerCount: {
    id: 'gateway/listeners',
    level: 'error',
    field: 'spec.listeners',
    apiServer: 'rejects a Gateway without listeners or with more than 64',
    source: `${CRD}: minItems 1, maxItems 64`,
  },
  listenerName: {
    id: 'gateway/listener-name',
    level: 'error',
    field: 'spec.listeners[].name',
    apiServer: 'rejects a listener name that is not a DNS-1123 subdomain, or that another listener has',
    source: `${CRD}: pattern; list-map key "name" and CEL "Listener name must be unique within the Gateway"`,
  },
  listenerPort: {
    id: 'gateway/listener-port',
    level: 'error',
    field: 'spec.listeners[].port',
    apiServer: 'rejects a port outside 1-65535',
    source: `${CRD}: minimum 1, maximum 65535`,
  },
  listenerHostname: {
    id: 'gateway/listener-hostname',
    level: 'error',
    field: 'spec.listeners[].hostname',
    apiServer: 'rejects a hostname that is not a lowercase DNS name with an optional leading "*."',
    source: `${CRD}: pattern and maxLength of Hostname`,
  },
  listenerHostnameIp: {
    id: 'gateway/listener-hostname-ip',
    level: 'warning',
    field: 'spec.listeners[].hostname',
    apiServer:
      "accepts an IPv4 address (the CRD's pattern allows it); implementations reject it, as IPs are not hostnames",
    source: `${CRD}: pattern of Hostname; Gateway API Listener.hostname: "IPs are not allowed"`,
  },
  listenerUnique: {
    id: 'gateway/listener-unique',
    level: 'error',
    field: 'spec.listeners[]',
    apiServer: 'rejects two listeners with the same port, protocol and hostname',
    source: `${CRD}: CEL "Combination of port, protocol and hostname must be unique for each listener"`,
  },
  httpsCertificate: {
    id: 'gateway/https-certificate',
    level: 'error',
    field: 'spec.listeners[].tls.certificateRefs',
    apiServer: 'rejects a listener that terminates TLS with an empty list of certificate references, or more than 64',
    source: `${CRD}: CEL "certificateRefs or options must be specified when mode is Terminate"; maxItems 64`,
  },
  httpsWithoutTls: {
    id: 'gateway/https-without-tls',
    level: 'warning',
    field: 'spec.listeners[].tls',
    apiServer:
      'accepts an HTTPS listener without tls; the implementation then has no certificate to serve and does not program the listener',
    source: `${CRD}: tls is optional in the schema; Gateway API Listener.tls: "required if the Protocol field is HTTPS"`,
  },
  httpTls: {
    id: 'gateway/http-tls',
    level: 'error',
    field: 'spec.listeners[].tls',
    apiServer: 'rejects TLS settings on an HTTP listener',
    source: `${CRD}: CEL "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"`,
  },
  certificateName: {
    id: 'gateway/certificate-name',
    level: 'error',
    field: 'spec.listeners[].tls.certificateRefs[]',
    apiServer:
      'rejects a certificate reference whose name is empty or longer than 253 characters, or whose namespace is not a DNS-1123 label',
    source: `${CRD}: minLength and maxLength of ObjectName, pattern of Namespace`,
  },
  certificateNameFormat: {
    id: 'gateway/certificate-name-format',
    level: 'warning',
    field: 'spec.listeners[].tls.certificateRefs[].name',
    apiServer:
      'accepts any name (ObjectName has no pattern); one that is not a DNS-1123 subdomain names no Secret, so the listener has no certificate',
    source: `${CRD}: ObjectName has no pattern; Secret names are checked by ValidateObjectMeta`,
  },
  selector: {
    id: 'gateway/route-selector',
    level: 'warning',
    field: 'spec.listeners[].allowedRoutes.namespaces.selector',
    apiServer:
      'accepts an empty selector, which selects every namespace: routes from anywhere attach, unlike what "Selector" suggests',
    source: `${CRD}: selector is an optional LabelSelector; an empty LabelSelector matches everything`,
  },
});
