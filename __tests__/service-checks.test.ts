import { checkObject, KubeObject } from '../lib/model';
import { service } from './model-objects';

// The create-time checks of any Service (lib/model/service-checks.ts), row by row against the
// Kubernetes 1.27 code that decides them: ValidateService, validateServicePort,
// ValidateServiceClusterIPsRelatedFields and validateServiceExternalTrafficPolicy
// (pkg/apis/core/validation/validation.go), after SetDefaults_Service (pkg/apis/core/v1/defaults.go),
// and the allocator's initIPFamilyFields and node port allocation (pkg/registry/core/service/storage/alloc.go).
// Each refused row has its nearest accepted neighbour, so that a check that refuses too much
// fails as surely as one that refuses too little.

const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const SOURCE_RANGES_PATH = `metadata.annotations[${JSON.stringify(SOURCE_RANGES)}]`;

const externalName = (spec: Record<string, unknown>): Record<string, unknown> => ({
  type: 'ExternalName',
  externalName: 'api.example.com',
  ports: [],
  ...spec,
});

// A finding as [rule id, path, what its message must say], and, where the rule says what it
// reports, the value it must carry.
type Expected = [string, string, string] | [string, string, string, unknown];

// [behaviour, Kubernetes function, spec, metadata, every finding]
type Refused = [string, string, Record<string, unknown>, Record<string, unknown>, Expected[]];

const REFUSED: Refused[] = [
  // Ports
  [
    'port 0 is refused, and so is the targetPort 0 it defaults to',
    'validateServicePort (IsValidPortNum), SetDefaults_Service, ValidatePortNumOrName',
    { ports: [{ port: 0 }] },
    {},
    [
      ['service/port-required', 'spec.ports[0].port', 'from 1 to 65535', 0],
      ['service/target-port', 'spec.ports[0].targetPort', 'from 1 to 65535'],
    ],
  ],
  [
    'a port left out is 0, refused, and so is the targetPort 0 it defaults to',
    'validateServicePort (IsValidPortNum), SetDefaults_Service, ValidatePortNumOrName',
    { ports: [{ name: 'http' }] },
    {},
    [
      ['service/port-required', 'spec.ports[0].port', 'from 1 to 65535'],
      ['service/target-port', 'spec.ports[0].targetPort', 'from 1 to 65535'],
    ],
  ],
  [
    'a port left out is 0, refused, though its targetPort is valid',
    'validateServicePort (IsValidPortNum)',
    { ports: [{ targetPort: 8080 }] },
    {},
    [['service/port-required', 'spec.ports[0].port', 'from 1 to 65535']],
  ],
  [
    'a repeated port and protocol is reported with the pair',
    'ValidateService (field.Duplicate of the {Protocol, Port} key)',
    {
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 80 },
      ],
    },
    {},
    [['service/port-protocol-unique', 'spec.ports[1]', 'port and protocol', { port: 80, protocol: 'TCP' }]],
  ],
  // Type
  [
    'a LoadBalancer may not be headless',
    'ValidateService (case ServiceTypeLoadBalancer, isHeadlessService)',
    { type: 'LoadBalancer', clusterIP: 'None' },
    {},
    [['service/headless-type', 'spec.clusterIPs[0]', "may not be set to 'None' for LoadBalancer", 'None']],
  ],
  [
    'ExternalName takes no ipFamilies, and ValidateServiceClusterIPsRelatedFields does not judge them',
    'ValidateService (case ServiceTypeExternalName), ValidateServiceClusterIPsRelatedFields (returns for ExternalName)',
    externalName({ ipFamilies: ['IPv4', 'IPv6'] }),
    {},
    [['external-name/cluster-fields', 'spec.ipFamilies', 'may not be set for ExternalName', ['IPv4', 'IPv6']]],
  ],
  [
    'ExternalName takes no ipFamilyPolicy, whatever its value',
    'ValidateService (case ServiceTypeExternalName), ValidateServiceClusterIPsRelatedFields (returns for ExternalName)',
    externalName({ ipFamilyPolicy: 'DualStack' }),
    {},
    [['external-name/cluster-fields', 'spec.ipFamilyPolicy', 'may not be set for ExternalName', 'DualStack']],
  ],
  [
    "an externalName of '.' alone is empty once its trailing dot is trimmed",
    'ValidateService (strings.TrimSuffix(externalName, "."), then Required)',
    externalName({ externalName: '.' }),
    {},
    [['external-name/required', 'spec.externalName', 'is required']],
  ],
  // Cluster IPs and IP families
  [
    'clusterIPs without clusterIP is refused on create',
    'ValidateServiceClusterIPsRelatedFields (ClusterIP == "")',
    { clusterIPs: ['10.96.0.1'] },
    {},
    [['service/cluster-ips', 'spec.clusterIPs', 'must be empty when `clusterIP` is not specified']],
  ],
  [
    'an IP family may not be listed twice',
    'ValidateServiceClusterIPsRelatedFields (field.Duplicate)',
    { ipFamilies: ['IPv4', 'IPv4'], ipFamilyPolicy: 'RequireDualStack' },
    {},
    [['service/ip-families', 'spec.ipFamilies[1]', 'is listed twice']],
  ],
  [
    'ipFamilyPolicy must be one of the three',
    'ValidateServiceClusterIPsRelatedFields (supportedServiceIPFamilyPolicy)',
    { ipFamilyPolicy: 'DualStack' },
    {},
    [['service/ip-family-policy', 'spec.ipFamilyPolicy', 'SingleStack, PreferDualStack, RequireDualStack']],
  ],
  [
    "'None' may not be followed by an IP",
    'ValidateServiceClusterIPsRelatedFields (None at index 0 only if alone)',
    { clusterIP: 'None', clusterIPs: ['None', '10.96.0.1'] },
    {},
    [['service/cluster-ips', 'spec.clusterIPs', "'None' must be the first and only value"]],
  ],
  [
    "'None' after an IP is not an IP address",
    'ValidateServiceClusterIPsRelatedFields (None is special at index 0 only)',
    { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', 'None'] },
    {},
    [['service/cluster-ips', 'spec.clusterIPs[1]', 'IPv4 or IPv6 address']],
  ],
  [
    'an invalid cluster IP stops the checks of families and stacks',
    'ValidateServiceClusterIPsRelatedFields (hasInvalidIPs: return)',
    { clusterIP: '10.96.0.300', clusterIPs: ['10.96.0.300', '10.96.0.2'] },
    {},
    [['service/cluster-ips', 'spec.clusterIPs[0]', 'IPv4 or IPv6 address']],
  ],
  [
    'an IPv4 cluster IP where ipFamilies says IPv6',
    'ValidateServiceClusterIPsRelatedFields (6=>4)',
    { clusterIP: '10.96.0.1', ipFamilies: ['IPv6'] },
    {},
    [['service/cluster-ips', 'spec.clusterIPs[0]', 'expected an IPv6 value as indicated by `ipFamilies[0]`']],
  ],
  [
    'a Service without selector that is not headless defaults to SingleStack',
    'initIPFamilyFields (RequireDualStack only for headless and selectorless)',
    { selector: undefined, ipFamilies: ['IPv4', 'IPv6'] },
    {},
    [['service/ip-families-single-stack', 'spec.ipFamilies', 'SingleStack (the default when unset)']],
  ],
  [
    'a headless Service with a selector defaults to SingleStack',
    'initIPFamilyFields (RequireDualStack only for headless and selectorless)',
    { clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] },
    {},
    [['service/ip-families-single-stack', 'spec.ipFamilies', 'SingleStack (the default when unset)']],
  ],
  [
    'two cluster IPs need a dual-stack policy; unset is SingleStack',
    'initIPFamilyFields (SingleStack and len(ClusterIPs) == 2)',
    { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', 'fd00::1'] },
    {},
    [
      [
        'service/ip-families-single-stack',
        'spec.clusterIPs',
        'holds two IP families, which ipFamilyPolicy SingleStack (the default when unset) does not allow',
        ['10.96.0.1', 'fd00::1'],
      ],
    ],
  ],
  [
    'two cluster IPs with one family listed, under an explicit SingleStack',
    'initIPFamilyFields (SingleStack and len(ClusterIPs) == 2)',
    {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1', 'fd00::1'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    {},
    [
      [
        'service/ip-families-single-stack',
        'spec.clusterIPs',
        'holds two IP families, which ipFamilyPolicy SingleStack does not allow',
        ['10.96.0.1', 'fd00::1'],
      ],
    ],
  ],
  [
    'two IP families under an explicit SingleStack',
    'initIPFamilyFields (SingleStack and len(IPFamilies) == 2)',
    { ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'SingleStack' },
    {},
    [
      [
        'service/ip-families-single-stack',
        'spec.ipFamilies',
        'ipFamilyPolicy SingleStack does not allow',
        ['IPv4', 'IPv6'],
      ],
    ],
  ],
  // Traffic policies
  [
    'a NodePort externalTrafficPolicy must be Cluster or Local',
    'validateServiceExternalTrafficPolicy (validExternalTrafficPolicies)',
    { type: 'NodePort', externalTrafficPolicy: 'Everywhere' },
    {},
    [['service/traffic-policy', 'spec.externalTrafficPolicy', 'must be one of Cluster, Local', 'Everywhere']],
  ],
  [
    'external IPs make only a ClusterIP Service externally accessible, not an ExternalName',
    'validateServiceExternalTrafficPolicy, apiservice.ExternallyAccessible',
    externalName({ externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Local' }),
    {},
    [['service/option-type', 'spec.externalTrafficPolicy', 'externally-accessible']],
  ],
  // Source ranges field
  [
    'each source range is judged once trimmed, and a padded address without prefix is still no CIDR',
    'ValidateService (strings.TrimSpace, then ParseCIDRSloppy)',
    { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', ' 10.0.0.0 '] },
    {},
    [['load-balancer/source-range', 'spec.loadBalancerSourceRanges[1]', 'CIDR']],
  ],
  // Source ranges annotation
  [
    'the source ranges annotation needs a LoadBalancer',
    'ValidateService (AnnotationLoadBalancerSourceRangesKey, Forbidden)',
    {},
    { annotations: { [SOURCE_RANGES]: '10.0.0.0/8' } },
    [['service/source-ranges-annotation-type', SOURCE_RANGES_PATH, "may only be used when type is 'LoadBalancer'"]],
  ],
  [
    'each range of the annotation must be a CIDR, judged trimmed',
    'ValidateService (strings.Split on ",", strings.TrimSpace, ParseCIDRSloppy)',
    { type: 'LoadBalancer' },
    { annotations: { [SOURCE_RANGES]: '10.0.0.0/8, 192.168.0.0' } },
    [['load-balancer/source-ranges-annotation', SOURCE_RANGES_PATH, 'CIDR', '192.168.0.0']],
  ],
  // Session affinity
  [
    'an affinity timeout above 86400 is refused',
    'validateClientIPAffinityConfig (MaxClientIPServiceAffinitySeconds)',
    { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } },
    {},
    [['service/session-affinity-timeout', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'from 1 to 86400']],
  ],
  // Node ports
  [
    'a LoadBalancer node port outside the range is refused',
    'PortAllocationOperation.Allocate (initNodePorts for NodePort and LoadBalancer)',
    { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 8080 }] },
    {},
    [['node-port/range', 'spec.ports[0].nodePort', 'outside the node port range 30000-32767']],
  ],
  [
    'node port 32768 is one above the default range',
    'PortAllocationOperation.Allocate (--service-node-port-range 30000-32767)',
    { type: 'NodePort', ports: [{ port: 80, nodePort: 32768 }] },
    {},
    [['node-port/range', 'spec.ports[0].nodePort', "(the API server's default --service-node-port-range)"]],
  ],
  [
    'a ClusterIP node port is refused as such, not checked against the range',
    'ValidateService (nodePort Forbidden for ClusterIP); txnAllocNodePorts allocates for NodePort and LoadBalancer only',
    { ports: [{ port: 80, nodePort: 8080 }] },
    {},
    [['service/option-type', 'spec.ports[0].nodePort', 'only NodePort and LoadBalancer']],
  ],
  [
    'a healthCheckNodePort outside the range is refused',
    'allocHealthCheckNodePort (NeedsHealthCheck)',
    { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 },
    {},
    [['node-port/range', 'spec.healthCheckNodePort', 'outside the node port range 30000-32767']],
  ],
  [
    'a healthCheckNodePort without LoadBalancer and Local is refused as such, not checked against the range',
    'validateServiceExternalTrafficPolicy (NeedsHealthCheck); allocHealthCheckNodePort only when NeedsHealthCheck',
    { type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 },
    {},
    [['load-balancer/health-check-node-port', 'spec.healthCheckNodePort', "externalTrafficPolicy is 'Local'"]],
  ],
];

// [behaviour, Kubernetes function, spec, metadata]
type Accepted = [string, string, Record<string, unknown>, Record<string, unknown>];

const ACCEPTED: Accepted[] = [
  // Ports
  [
    'targetPort 0 defaults to the port',
    'SetDefaults_Service (TargetPort FromInt(0))',
    { ports: [{ port: 80, targetPort: 0 }] },
    {},
  ],
  [
    "targetPort '' defaults to the port",
    'SetDefaults_Service (TargetPort FromString(""))',
    { ports: [{ port: 80, targetPort: '' }] },
    {},
  ],
  [
    'an appProtocol with a prefix',
    'validateServicePort (ValidateQualifiedName)',
    { ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] },
    {},
  ],
  [
    'a NodePort may expose the kubelet port',
    'ValidateService (KubeletPort for LoadBalancer only)',
    { type: 'NodePort', ports: [{ port: 10250 }] },
    {},
  ],
  [
    'a null nodePort on a ClusterIP Service is 0, unset',
    'ValidateService (NodePort != 0)',
    { ports: [{ port: 80, nodePort: null }] },
    {},
  ],
  [
    'node port 30000, the bottom of the default range',
    'PortAllocationOperation.Allocate',
    { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] },
    {},
  ],
  [
    'node port 32767, the top of the default range',
    'PortAllocationOperation.Allocate',
    { type: 'NodePort', ports: [{ port: 80, nodePort: 32767 }] },
    {},
  ],
  [
    'a healthCheckNodePort in range on a LoadBalancer with Local',
    'allocHealthCheckNodePort',
    { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 },
    {},
  ],
  // Cluster IPs and IP families
  [
    'a null ipFamilyPolicy is unset',
    'ValidateServiceClusterIPsRelatedFields (IPFamilyPolicy != nil)',
    { ipFamilyPolicy: null },
    {},
  ],
  [
    'a null ipFamilyPolicy on an ExternalName is unset',
    'ValidateService (IPFamilyPolicy != nil)',
    externalName({ ipFamilyPolicy: null }),
    {},
  ],
  [
    'a headless Service is not matched against ipFamilies',
    'ValidateServiceClusterIPsRelatedFields (!isHeadlessService)',
    { clusterIP: 'None', ipFamilies: ['IPv6'] },
    {},
  ],
  [
    'an IPv6 cluster IP where ipFamilies says IPv6',
    'ValidateServiceClusterIPsRelatedFields',
    { clusterIP: 'fd00::1', ipFamilies: ['IPv6'] },
    {},
  ],
  [
    'two IP families under PreferDualStack, in either order',
    'ValidateServiceClusterIPsRelatedFields, initIPFamilyFields',
    { ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' },
    {},
  ],
  [
    'a headless Service without selector needs no ports and no family settings',
    'ValidateService (isHeadlessService), initIPFamilyFields (headless and selectorless)',
    { clusterIP: 'None', selector: undefined, ports: [] },
    {},
  ],
  // Traffic policies
  [
    'a NodePort may set externalTrafficPolicy',
    'validateServiceExternalTrafficPolicy',
    { type: 'NodePort', externalTrafficPolicy: 'Local' },
    {},
  ],
  [
    'a ClusterIP Service with external IPs may set externalTrafficPolicy',
    'validateServiceExternalTrafficPolicy, apiservice.ExternallyAccessible',
    { externalIPs: ['203.0.113.10'], externalTrafficPolicy: 'Local' },
    {},
  ],
  [
    'an empty externalTrafficPolicy is unset',
    'validateServiceExternalTrafficPolicy (!= "")',
    { externalTrafficPolicy: '' },
    {},
  ],
  ['internalTrafficPolicy Local', 'validateServiceInternalTrafficFieldsValue', { internalTrafficPolicy: 'Local' }, {}],
  // LoadBalancer-only fields
  [
    'a null allocateLoadBalancerNodePorts is unset',
    'ValidateService (AllocateLoadBalancerNodePorts != nil)',
    { allocateLoadBalancerNodePorts: null },
    {},
  ],
  [
    'a LoadBalancer may set allocateLoadBalancerNodePorts',
    'ValidateService',
    { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false },
    {},
  ],
  [
    'a LoadBalancer may list source ranges in the annotation',
    'ValidateService (strings.Split on ",")',
    { type: 'LoadBalancer' },
    { annotations: { [SOURCE_RANGES]: '10.0.0.0/8,192.168.0.0/16' } },
  ],
  [
    'an empty source ranges annotation lists none',
    'ValidateService (val != "")',
    { type: 'LoadBalancer' },
    { annotations: { [SOURCE_RANGES]: '' } },
  ],
  [
    'a source ranges annotation of spaces is empty once trimmed',
    'ValidateService (strings.TrimSpace, then val != "")',
    { type: 'LoadBalancer' },
    { annotations: { [SOURCE_RANGES]: '   ' } },
  ],
  // Session affinity
  [
    'ClientIP without sessionAffinityConfig gets the default timeout',
    'SetDefaults_Service (DefaultClientIPServiceAffinitySeconds)',
    { sessionAffinity: 'ClientIP' },
    {},
  ],
  [
    'ClientIP with a sessionAffinityConfig without clientIP gets the default timeout',
    'SetDefaults_Service (ClientIP == nil)',
    { sessionAffinity: 'ClientIP', sessionAffinityConfig: {} },
    {},
  ],
  [
    'ClientIP with a null timeout gets the default timeout',
    'SetDefaults_Service (TimeoutSeconds == nil)',
    { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: null } } },
    {},
  ],
  [
    'an affinity timeout of 1',
    'validateAffinityTimeout (timeout > 0)',
    { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1 } } },
    {},
  ],
  [
    'an affinity timeout of 86400',
    'validateAffinityTimeout (timeout <= MaxClientIPServiceAffinitySeconds)',
    { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } },
    {},
  ],
  [
    'a timeout under affinity None is dropped, not judged',
    'SetDefaults_Service (SessionAffinityConfig = nil for None)',
    { sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } },
    {},
  ],
];

describe.each(REFUSED)('%s (%s)', (_behaviour, _kubernetes, spec, metadata, expected) => {
  test('is refused with exactly these findings', () => {
    const findings = checkObject(service(spec, metadata));
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual(expected.map(([id, path]) => [id, path]));
  });

  test('each finding is an error saying what is wrong or allowed, with the value found', () => {
    const findings = checkObject(service(spec, metadata));
    expect(findings).toHaveLength(expected.length);
    findings.forEach((f, i) => {
      expect(f.severity).toBe('error');
      expect(f.message).toContain(expected[i][2]);
      if (expected[i].length === 4) {
        expect(f.value).toEqual(expected[i][3]);
      }
    });
  });
});

test.each(ACCEPTED)('%s is accepted (%s)', (_behaviour, _kubernetes, spec, metadata) => {
  expect(checkObject(service(spec, metadata))).toEqual([]);
});

test('a node port range given in the options is named without the default note', () => {
  const object = service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
  const [finding] = checkObject(object, { nodePortRange: '20000-22767' });
  expect(finding.ruleId).toBe('node-port/range');
  expect(finding.message).toMatch(/outside the node port range 20000-22767$/);
});

test('a node port range the options cannot parse leaves node ports unjudged (node-port/range-setting reports it)', () => {
  const object = service({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] });
  expect(checkObject(object, { nodePortRange: 'thirty thousand' })).toEqual([]);
});

test('three cluster IPs are refused: at most two (ValidateServiceClusterIPsRelatedFields, "may only hold up to 2 values")', () => {
  // Kubernetes reports only this: IsDualStackIPStrings holds for three IPs of both families.
  // The check also says "no more than one IP for each IP family", which the verdict does not depend on.
  const object = service({
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1', 'fd00::1', '10.96.0.2'],
    ipFamilyPolicy: 'RequireDualStack',
  });
  expect(checkObject(object).map((f) => [f.ruleId, f.path, f.message])).toContainEqual([
    'service/cluster-ips',
    'spec.clusterIPs',
    'may only hold up to 2 values',
  ]);
});

test('a Service without spec is refused for its ports alone: type ClusterIP is the default (ValidateService, SetDefaults_Service)', () => {
  const object: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } };
  expect(checkObject(object).map((f) => [f.ruleId, f.path])).toEqual([['service/ports-required', 'spec.ports']]);
});

test('a Service without metadata is refused for its name alone (ValidateObjectMeta)', () => {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  };
  expect(checkObject(object).map((f) => [f.ruleId, f.path])).toEqual([['metadata/name', 'metadata.name']]);
});
