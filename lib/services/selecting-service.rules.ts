import { defineRules } from '../validation/rule-catalog';

/** The rules of the selector and ports of ClusterIP, NodePort, LoadBalancer and headless Services. */
export const SERVICE_RULES = defineRules('Service', {
  targetRequired: {
    id: 'service/target-required',
    level: 'contract',
    field: 'spec.selector, spec.ports[].targetPort',
    apiServer: 'not an API rule: the props type requires a target, which JavaScript callers can leave out',
    source: 'construct contract: a selecting Service derives its selector and ports from its target',
  },
  singlePortProps: {
    id: 'service/single-port-props-with-ports',
    level: 'contract',
    field: 'spec.ports[]',
    apiServer: 'not an API rule: port, targetPort, protocol, portName and appProtocol describe the single port',
    source: 'construct contract: with ports, each port is described in ports',
  },
  portsRequired: {
    id: 'service/ports-required',
    level: 'error',
    field: 'spec.ports',
    apiServer: 'rejects a Service without ports, unless it is headless (clusterIP None) or ExternalName',
    source: 'ValidateService (spec.ports Required)',
  },
  portRequired: {
    id: 'service/port-required',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects port 0 (unset); the construct takes the number from the target port when it can',
    source: 'validateServicePort, IsValidPortNum',
  },
  portNumber: {
    id: 'service/port-number',
    level: 'error',
    field: 'spec.ports[].port',
    apiServer: 'rejects a port outside 1-65535; JSON decoding refuses a fraction',
    source: 'validateServicePort, IsValidPortNum',
  },
  protocol: {
    id: 'service/protocol',
    level: 'error',
    field: 'spec.ports[].protocol',
    apiServer: 'rejects a protocol other than TCP, UDP or SCTP',
    source: 'validateServicePort (supportedPortProtocols)',
  },
  portName: {
    id: 'service/port-name',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects a name that is not a DNS-1123 label (an IANA service name is not required of Service ports)',
    source: 'validateServicePort, ValidateDNS1123Label',
  },
  portNameRequired: {
    id: 'service/port-name-required',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects an unnamed port when the Service has several',
    source: 'validateServicePort (requireName)',
  },
  portNameUnique: {
    id: 'service/port-name-unique',
    level: 'error',
    field: 'spec.ports[].name',
    apiServer: 'rejects two ports of one name',
    source: 'validateServicePort (allNames, field.Duplicate)',
  },
  portProtocolUnique: {
    id: 'service/port-protocol-unique',
    level: 'error',
    field: 'spec.ports[]',
    apiServer: 'rejects two ports with the same port and protocol',
    source: 'ValidateService (duplicate protocol and port)',
  },
  appProtocol: {
    id: 'service/app-protocol',
    level: 'error',
    field: 'spec.ports[].appProtocol',
    apiServer: 'rejects a value that is not a qualified name, such as http or kubernetes.io/h2c',
    source: 'validateServicePort, ValidateQualifiedName',
  },
  targetPort: {
    id: 'service/target-port',
    level: 'error',
    field: 'spec.ports[].targetPort',
    apiServer:
      'rejects a number outside 1-65535 and a name that is not an IANA service name; 0 or an empty name is unset and becomes the port',
    source: 'validateServicePort, ValidatePortNumOrName; SetDefaults_Service',
  },
  targetPortUndeclared: {
    id: 'service/target-port-undeclared',
    level: 'warning',
    field: 'spec.ports[].targetPort',
    apiServer:
      "accepts a targetPort the target's containers do not declare: a number works only if a container listens on it anyway, a name never resolves",
    source: 'validateServicePort accepts it; the EndpointSlice controller resolves names through podutil.FindPort',
  },
  selectorLabel: {
    id: 'service/selector-label',
    level: 'error',
    field: 'spec.selector',
    apiServer: 'rejects a selector key that is not a label key, or a value that is not a label value',
    source: 'ValidateService, ValidateLabels',
  },
  selectorEmpty: {
    id: 'service/selector-empty',
    level: 'warning',
    field: 'spec.selector',
    apiServer:
      'accepts an empty selector, which selects no pods: the Service gets endpoints only from EndpointSlices written by hand',
    source: 'ValidateService accepts it; the EndpointSlice controller skips Services without selector',
  },
  selectorMatchesNoPods: {
    id: 'service/selector-matches-no-pods',
    level: 'warning',
    field: 'spec.selector',
    apiServer: "accepts a selector that the target workload's pods do not carry; the Service then has no endpoints",
    source: 'ValidateService accepts it; the EndpointSlice controller selects pods by the selector',
  },
  targetNamespace: {
    id: 'service/target-namespace',
    level: 'contract',
    field: 'metadata.namespace',
    apiServer: 'accepts it, but a Service selects pods of its own namespace only, so the target is never reached',
    source: 'construct contract: the target the props name lives in another namespace',
  },
  namespaceImplicit: {
    id: 'service/namespace-implicit',
    level: 'warning',
    field: 'metadata.namespace',
    apiServer:
      "accepts it; with a namespace on only one of the Service and its target, they meet only if kubectl's namespace is the one set",
    source: 'ValidateObjectMeta accepts an unset namespace; kubectl fills in its current namespace',
  },
});
