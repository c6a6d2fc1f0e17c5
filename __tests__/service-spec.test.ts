import {
  KubeObject,
  needsHealthCheck,
  needsNodePort,
  serviceAsUpdated,
  serviceSpec,
  serviceTypeName,
} from '../lib/model';

// A Service spec as the API server holds it once decoded: SetDefaults_Service
// (pkg/apis/core/v1/defaults.go) and normalizeClusterIPs (pkg/registry/core/service/strategy.go).

const service = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec,
});

// [behaviour, spec, the defaulted fields expected]
const DEFAULTS: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['type is ClusterIP when unset', {}, { type: 'ClusterIP' }],
  ['sessionAffinity is None when unset', {}, { sessionAffinity: 'None' }],
  [
    'internalTrafficPolicy is Cluster, but not for ExternalName',
    { type: 'ExternalName' },
    { internalTrafficPolicy: undefined },
  ],
  ['externalTrafficPolicy is Cluster for a NodePort', { type: 'NodePort' }, { externalTrafficPolicy: 'Cluster' }],
  [
    'externalTrafficPolicy is Cluster for a ClusterIP with externalIPs',
    { externalIPs: ['203.0.113.1'] },
    { externalTrafficPolicy: 'Cluster' },
  ],
  ['externalTrafficPolicy stays unset for a plain ClusterIP', {}, { externalTrafficPolicy: undefined }],
  [
    'allocateLoadBalancerNodePorts is true for a LoadBalancer',
    { type: 'LoadBalancer' },
    { allocateLoadBalancerNodePorts: true },
  ],
  [
    'clusterIPs is clusterIP alone when only that is set',
    { clusterIP: '10.96.0.1' },
    { clusterIPs: ['10.96.0.1'], clusterIPsListed: false },
  ],
  [
    'clusterIPs as listed',
    { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', 'fd00::1'] },
    { clusterIPs: ['10.96.0.1', 'fd00::1'], clusterIPsListed: true },
  ],
  ['an empty clusterIP is unset', { clusterIP: '' }, { clusterIP: undefined, clusterIPs: undefined }],
  ['internalTrafficPolicy is Cluster for a ClusterIP', {}, { internalTrafficPolicy: 'Cluster' }],
  [
    'allocateLoadBalancerNodePorts stays unset but for a LoadBalancer',
    {},
    { allocateLoadBalancerNodePorts: undefined },
  ],
  [
    'externalTrafficPolicy stays unset for an ExternalName with externalIPs (ExternallyAccessible needs ClusterIP)',
    { type: 'ExternalName', externalName: 'a.example', externalIPs: ['203.0.113.1'] },
    { externalTrafficPolicy: undefined },
  ],
  ['an empty ipFamilies list is unset, as Go reads an empty slice', { ipFamilies: [] }, { ipFamilies: undefined }],
  ['ipFamilies as listed', { ipFamilies: ['IPv6'] }, { ipFamilies: ['IPv6'] }],
];

test.each(DEFAULTS)('%s', (_behaviour, spec, expected) => {
  expect(serviceSpec(service(spec))).toMatchObject(expected);
});

test.each([
  ['unset', undefined],
  ['0', 0],
  ['empty', ''],
  ['null', null],
])('a port whose targetPort is %s gets its own number, with protocol TCP', (_case, targetPort) => {
  expect(serviceSpec(service({ ports: [{ port: 80, targetPort }] })).ports[0]).toMatchObject({
    targetPort: 80,
    protocol: 'TCP',
  });
});

test('a null port entry decodes as an empty ServicePort, defaulted to TCP, without failing', () => {
  // JSON null in a list of structs decodes to the struct's zero value; SetDefaults_Service sets its protocol.
  expect(serviceSpec(service({ ports: [null] })).ports).toEqual([
    {
      index: 0,
      name: '',
      port: undefined,
      protocol: 'TCP',
      targetPort: undefined,
      nodePort: undefined,
      appProtocol: undefined,
    },
  ]);
});

// [type, externalTrafficPolicy, needsNodePort (needsNodePort in the registry), needsHealthCheck (apiservice.NeedsHealthCheck)]
const NEEDS: [string, string | undefined, boolean, boolean][] = [
  ['ClusterIP', undefined, false, false],
  ['NodePort', 'Local', true, false],
  ['LoadBalancer', 'Cluster', true, false],
  ['LoadBalancer', 'Local', true, true],
  ['ExternalName', 'Local', false, false],
];

test.each(NEEDS)(
  'a %s Service with externalTrafficPolicy %s: node ports %s, health check node port %s',
  (type, externalTrafficPolicy, nodePorts, healthCheck) => {
    const view = serviceSpec(service({ type, externalTrafficPolicy }));
    expect(needsNodePort(view)).toBe(nodePorts);
    expect(needsHealthCheck(view)).toBe(healthCheck);
  },
);

// [spec, how messages name the type]: headless is a ClusterIP Service with clusterIP None (isHeadlessService).
const TYPE_NAMES: [Record<string, unknown>, string][] = [
  [{ clusterIP: 'None' }, 'headless'],
  [{ type: 'ClusterIP', clusterIP: '10.96.0.1' }, 'ClusterIP'],
  [{}, 'ClusterIP'],
  [{ type: 'NodePort', clusterIP: 'None' }, 'NodePort'],
];

test.each(TYPE_NAMES)('messages name a Service with spec %j %s', (spec, name) => {
  expect(serviceTypeName(serviceSpec(service(spec)))).toBe(name);
});

describe('what dropTypeDependentFields leaves of an update', () => {
  const nodePort = service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });

  test('node ports the manifest kept as they were are dropped when the type needs none', () => {
    const after = service({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }] });
    expect(serviceAsUpdated(nodePort, after).spec.ports).toEqual([{ port: 80 }]);
  });

  test('a node port the manifest changed stays, for validation to refuse', () => {
    const after = service({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30081 }] });
    expect(serviceAsUpdated(nodePort, after).spec.ports).toEqual([{ port: 80, nodePort: 30081 }]);
  });

  test('a loadBalancerClass the manifest changed stays', () => {
    const before = service({ type: 'LoadBalancer', loadBalancerClass: 'a' });
    expect(serviceAsUpdated(before, service({ loadBalancerClass: 'b' })).spec.loadBalancerClass).toBe('b');
    expect(serviceAsUpdated(before, service({ loadBalancerClass: 'a' })).spec.loadBalancerClass).toBeUndefined();
  });

  test('cluster IPs kept as they were are dropped when the Service becomes ExternalName', () => {
    const before = service({ clusterIP: '10.96.0.1', ipFamilies: ['IPv4'] });
    const after = service({
      type: 'ExternalName',
      externalName: 'a.example',
      clusterIP: '10.96.0.1',
      ipFamilies: ['IPv4'],
    });
    expect(serviceAsUpdated(before, after).spec).toEqual({ type: 'ExternalName', externalName: 'a.example' });
  });

  test('an externalTrafficPolicy written as the default it had is dropped with the type', () => {
    const after = service({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', ports: [{ port: 80 }] });
    expect(serviceAsUpdated(nodePort, after).spec.externalTrafficPolicy).toBeUndefined();
  });
});
