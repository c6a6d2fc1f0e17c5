import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkObject, checkObjects, KubeObject } from '../lib/model';
import { backend, deployment, ingress, service, statefulSet } from './model-objects';
import { readYaml, ROOT } from './support';

// The create-time checks of any object, whoever built it. Each row names the Kubernetes 1.27
// function whose rule it follows; the expected findings are what that function refuses (or,
// for `accepted` rows, lets through) after the API server's defaulting, not what the checks print.

const namespace = (metadata: Record<string, unknown>, spec?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop', ...metadata },
  ...(spec ? { spec } : {}),
});

// [behaviour, Kubernetes function, object, the findings as [rule id, path, what the message must say]]
type Row = [string, string, KubeObject, [string, string, string][]];

const REFUSED: Row[] = [
  // Metadata, of every kind
  [
    'a Service name must be a DNS-1035 label',
    'ValidateServiceName',
    service({}, { name: '1web' }),
    [['metadata/name', 'metadata.name', 'DNS-1035 label']],
  ],
  [
    'a Namespace name must be a DNS-1123 label',
    'ValidateNamespaceName',
    namespace({ name: 'shop.example' }),
    [['metadata/name', 'metadata.name', 'DNS-1123 label']],
  ],
  [
    'a Deployment name must be a DNS-1123 subdomain',
    'ValidateDeploymentName',
    { ...deployment(), metadata: { name: 'Web' } },
    [['metadata/name', 'metadata.name', 'DNS-1123 subdomain']],
  ],
  [
    'a namespace must be a DNS-1123 label',
    'ValidateObjectMeta',
    service({}, { namespace: 'Shop' }),
    [['metadata/namespace', 'metadata.namespace', 'DNS-1123 label']],
  ],
  [
    'a Namespace label key must be a qualified name',
    'ValidateLabels',
    namespace({ labels: { 'cost center': 'web' } }),
    [['metadata/label-key', 'metadata.labels', 'label key']],
  ],
  [
    'a label value must be a valid label value',
    'ValidateLabels',
    namespace({ labels: { team: 'web team' } }),
    [['metadata/label-value', 'metadata.labels.team', 'at most 63']],
  ],
  [
    'an annotation key must be a qualified name once lowercased',
    'ValidateAnnotations',
    namespace({ annotations: { 'a b': 'x' } }),
    [['metadata/annotation-key', 'metadata.annotations', 'label key']],
  ],
  [
    'annotations may hold at most 256 KiB',
    'ValidateAnnotationsSize',
    namespace({ annotations: { big: 'x'.repeat(262142) } }),
    [['metadata/annotations-size', 'metadata.annotations', '262144 bytes']],
  ],
  // Namespace
  [
    'a finalizer without prefix must be a standard one',
    'validateFinalizerName',
    namespace({}, { finalizers: ['cleanup'] }),
    [['namespace/finalizer', 'spec.finalizers[0]', 'kubernetes, orphan, foregroundDeletion']],
  ],
  // Service
  [
    'a ClusterIP Service may not have loadBalancerClass',
    'validateLoadBalancerClassField',
    service({ loadBalancerClass: 'example.com/lb' }),
    [['service/option-type', 'spec.loadBalancerClass', "type is 'LoadBalancer'"]],
  ],
  [
    'a loadBalancerClass must be a qualified name',
    'validateLoadBalancerClassField',
    service({ type: 'LoadBalancer', loadBalancerClass: 'a b' }),
    [['load-balancer/class', 'spec.loadBalancerClass', 'label key']],
  ],
  [
    'a ClusterIP Service may not have a nodePort',
    'ValidateService',
    service({ ports: [{ port: 80, nodePort: 30080 }] }),
    [['service/option-type', 'spec.ports[0].nodePort', 'only NodePort and LoadBalancer']],
  ],
  [
    'two ports of one protocol may not share a node port',
    'ValidateService',
    service({
      type: 'NodePort',
      ports: [
        { name: 'a', port: 80, nodePort: 30080 },
        { name: 'b', port: 81, nodePort: 30080 },
      ],
    }),
    [['node-port/shared-in-service', 'spec.ports[1].nodePort', 'another TCP port']],
  ],
  [
    'a node port outside the range is refused',
    'PortAllocationOperation.Allocate',
    service({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }),
    [['node-port/range', 'spec.ports[0].nodePort', '30000-32767']],
  ],
  [
    'a Service needs ports unless headless or ExternalName',
    'ValidateService',
    service({ ports: [] }),
    [['service/ports-required', 'spec.ports', 'headless or ExternalName']],
  ],
  [
    'a port must be 1-65535',
    'validateServicePort',
    service({ ports: [{ port: 70000 }] }),
    // SetDefaults_Service makes the unset targetPort 70000 too, which ValidatePortNumOrName refuses as well.
    [
      ['service/port-number', 'spec.ports[0].port', 'from 1 to 65535'],
      ['service/target-port', 'spec.ports[0].targetPort', 'from 1 to 65535'],
    ],
  ],
  [
    'a port name must be a DNS-1123 label',
    'validateServicePort',
    service({ ports: [{ name: 'HTTP', port: 80 }] }),
    [['service/port-name', 'spec.ports[0].name', 'DNS-1123 label']],
  ],
  [
    'several ports must be named',
    'validateServicePort',
    service({ ports: [{ port: 80 }, { name: 'b', port: 81 }] }),
    [['service/port-name-required', 'spec.ports[0].name', 'several']],
  ],
  [
    'port names must be unique',
    'validateServicePort',
    service({
      ports: [
        { name: 'a', port: 80 },
        { name: 'a', port: 81 },
      ],
    }),
    [['service/port-name-unique', 'spec.ports[1].name', 'unique']],
  ],
  [
    'a port and protocol may not repeat',
    'ValidateService',
    service({
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 80, protocol: 'TCP' },
      ],
    }),
    [['service/port-protocol-unique', 'spec.ports[1]', 'port and protocol']],
  ],
  [
    'a protocol must be TCP, UDP or SCTP',
    'validateServicePort',
    service({ ports: [{ port: 80, protocol: 'HTTP' }] }),
    [['service/protocol', 'spec.ports[0].protocol', 'TCP, UDP, SCTP']],
  ],
  [
    'a named targetPort must be an IANA service name',
    'ValidatePortNumOrName',
    service({ ports: [{ port: 80, targetPort: 'http-web-server-1' }] }),
    [['service/target-port', 'spec.ports[0].targetPort', 'IANA service name']],
  ],
  [
    'an appProtocol must be a qualified name',
    'validateServicePort',
    service({ ports: [{ port: 80, appProtocol: 'a b' }] }),
    [['service/app-protocol', 'spec.ports[0].appProtocol', 'label key']],
  ],
  [
    'a selector key must be a label key',
    'ValidateLabels',
    service({ selector: { 'a b': 'web' } }),
    [['service/selector-label', 'spec.selector', 'label key']],
  ],
  [
    'a NodePort Service may not be headless',
    'ValidateService',
    service({ type: 'NodePort', clusterIP: 'None' }),
    [['service/headless-type', 'spec.clusterIPs[0]', "'None' for NodePort"]],
  ],
  [
    'a LoadBalancer may not expose the kubelet port',
    'ValidateService (ports.KubeletPort)',
    service({ type: 'LoadBalancer', ports: [{ port: 10250 }] }),
    [['load-balancer/kubelet-port', 'spec.ports[0].port', 'port 10250']],
  ],
  [
    'source ranges need a LoadBalancer',
    'ValidateService',
    service({ loadBalancerSourceRanges: ['10.0.0.0/8'] }),
    [['service/option-type', 'spec.loadBalancerSourceRanges', "type is 'LoadBalancer'"]],
  ],
  [
    'a source range must be a CIDR',
    'ValidateService, IsValidCIDR',
    service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0'] }),
    [['load-balancer/source-range', 'spec.loadBalancerSourceRanges[0]', 'CIDR']],
  ],
  [
    'externalTrafficPolicy needs an externally accessible Service',
    'validateServiceExternalTrafficPolicy',
    service({ externalTrafficPolicy: 'Local' }),
    [['service/option-type', 'spec.externalTrafficPolicy', 'externally-accessible']],
  ],
  [
    'healthCheckNodePort needs LoadBalancer and Local',
    'validateServiceExternalTrafficPolicy',
    service({ type: 'NodePort', healthCheckNodePort: 30100 }),
    [['load-balancer/health-check-node-port', 'spec.healthCheckNodePort', "externalTrafficPolicy is 'Local'"]],
  ],
  [
    'allocateLoadBalancerNodePorts needs a LoadBalancer',
    'ValidateService',
    service({ allocateLoadBalancerNodePorts: false }),
    [['service/option-type', 'spec.allocateLoadBalancerNodePorts', "type is 'LoadBalancer'"]],
  ],
  [
    'clusterIPs must start with clusterIP',
    'ValidateServiceClusterIPsRelatedFields',
    service({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.2'] }),
    [['service/cluster-ips', 'spec.clusterIPs', 'first value must match `clusterIP`']],
  ],
  [
    'a cluster IP must be an IP address',
    'ValidateServiceClusterIPsRelatedFields',
    service({ clusterIP: '10.96.0.300' }),
    [['service/cluster-ips', 'spec.clusterIPs[0]', 'IPv4 or IPv6 address']],
  ],
  [
    'two cluster IPs must be of two families',
    'ValidateServiceClusterIPsRelatedFields',
    service({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', '10.96.0.2'], ipFamilyPolicy: 'RequireDualStack' }),
    [['service/cluster-ips', 'spec.clusterIPs', 'one IP for each IP family']],
  ],
  [
    'a cluster IP must be of the family ipFamilies gives',
    'ValidateServiceClusterIPsRelatedFields',
    service({ clusterIP: 'fd00::1', ipFamilies: ['IPv4'] }),
    [['service/cluster-ips', 'spec.clusterIPs[0]', 'IPv4 value']],
  ],
  [
    'two families need a dual-stack policy',
    'initIPFamilyFields',
    service({ ipFamilies: ['IPv4', 'IPv6'] }),
    [['service/ip-families-single-stack', 'spec.ipFamilies', 'SingleStack']],
  ],
  [
    'an IP family must be IPv4 or IPv6',
    'ValidateServiceClusterIPsRelatedFields',
    service({ ipFamilies: ['IPv5'] }),
    [['service/ip-families', 'spec.ipFamilies[0]', 'IPv4, IPv6']],
  ],
  [
    'an ExternalName Service may not have cluster IPs',
    'ValidateService',
    service({ type: 'ExternalName', externalName: 'api.example.com', clusterIP: '10.96.0.1' }),
    [['external-name/cluster-fields', 'spec.clusterIPs', 'ExternalName services']],
  ],
  [
    'an ExternalName Service needs externalName',
    'ValidateService',
    service({ type: 'ExternalName' }),
    [['external-name/required', 'spec.externalName', 'required']],
  ],
  [
    'an externalName must be a DNS name',
    'ValidateService, IsDNS1123Subdomain',
    service({ type: 'ExternalName', externalName: 'https://api.example.com' }),
    [['external-name/dns-name', 'spec.externalName', 'DNS name']],
  ],
  [
    'a type must be one of the four',
    'ValidateService (supportedServiceType)',
    service({ type: 'Headless' }),
    [['service/type', 'spec.type', 'ClusterIP, NodePort, LoadBalancer, ExternalName']],
  ],
  [
    'sessionAffinity must be None or ClientIP',
    'ValidateService',
    service({ sessionAffinity: 'Cookie' }),
    [['service/session-affinity', 'spec.sessionAffinity', 'ClientIP, None']],
  ],
  [
    'an affinity timeout must be 1-86400',
    'validateClientIPAffinityConfig',
    service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }),
    [['service/session-affinity-timeout', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'from 1 to 86400']],
  ],
  [
    'an external IP must be an IP address',
    'ValidateService, IsValidIP',
    service({ externalIPs: ['example.com'] }),
    [['service/external-ip', 'spec.externalIPs[0]', 'IPv4 or IPv6 address']],
  ],
  [
    'internalTrafficPolicy must be Cluster or Local',
    'validateServiceInternalTrafficFieldsValue',
    service({ internalTrafficPolicy: 'Node' }),
    [['service/traffic-policy', 'spec.internalTrafficPolicy', 'Cluster, Local']],
  ],
  // Deployment
  [
    'replicas -1 is refused',
    'ValidateDeploymentSpec, ValidateNonnegativeField',
    deployment({ replicas: -1 }),
    [['deployment/replicas', 'spec.replicas', '0 or more']],
  ],
  [
    'an empty selector is refused',
    'ValidateDeploymentSpec',
    deployment({ selector: {} }),
    [['deployment/selector-required', 'spec.selector', 'empty selector is invalid']],
  ],
  [
    'template labels must match the selector',
    'ValidateDeploymentSpec',
    deployment({ selector: { matchLabels: { app: 'api' } } }),
    [['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match template']],
  ],
  [
    'In needs values',
    'ValidateLabelSelectorRequirement',
    deployment({ selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In' }] } }),
    [
      ['workload/selector-expression', 'spec.selector.matchExpressions[0].values', "'In'"],
      ['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match template'],
    ],
  ],
  [
    'a container name must be a DNS-1123 label',
    'validateContainers',
    deployment({}, { containers: [{ name: 'Web', image: 'x' }] }),
    [['deployment/container-name', 'spec.template.spec.containers[0].name', 'DNS-1123 label']],
  ],
  [
    'an image is required',
    'validateContainers',
    deployment({}, { containers: [{ name: 'web', image: '' }] }),
    [['deployment/image-required', 'spec.template.spec.containers[0].image', 'image reference']],
  ],
  [
    'a container port name must be an IANA service name',
    'validateContainerPorts',
    deployment(
      {},
      { containers: [{ name: 'web', image: 'x', ports: [{ containerPort: 8080, name: 'http-web-server-1' }] }] },
    ),
    [['deployment/container-port-name', 'spec.template.spec.containers[0].ports[0].name', 'IANA service name']],
  ],
  [
    'a pod needs a container',
    'ValidatePodSpec',
    deployment({}, { containers: [] }),
    [['workload/containers', 'spec.template.spec.containers', 'at least one container']],
  ],
  [
    'a pod template restarts Always',
    'ValidatePodTemplateSpecForReplicaSet',
    deployment({}, { restartPolicy: 'OnFailure' }),
    [['workload/restart-policy', 'spec.template.spec.restartPolicy', 'Always']],
  ],
  [
    'Recreate takes no rollingUpdate',
    'ValidateDeploymentStrategy',
    deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
    [['workload/strategy', 'spec.strategy.rollingUpdate', "'Recreate'"]],
  ],
  [
    'maxUnavailable and maxSurge may not both be 0',
    'ValidateRollingUpdateDeployment',
    deployment({ strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
    [['workload/strategy', 'spec.strategy.rollingUpdate.maxUnavailable', '`maxSurge` is 0']],
  ],
  [
    'progressDeadlineSeconds must exceed minReadySeconds',
    'ValidateDeploymentSpec',
    deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }),
    [['workload/progress-deadline', 'spec.progressDeadlineSeconds', 'greater than minReadySeconds']],
  ],
  // StatefulSet
  [
    'StatefulSet replicas -1 is refused',
    'ValidateStatefulSetSpec, ValidateNonnegativeField',
    statefulSet({ replicas: -1 }),
    [['workload/non-negative', 'spec.replicas', '0 or more']],
  ],
  [
    'a StatefulSet needs a selector',
    'ValidateStatefulSetSpec',
    statefulSet({ selector: undefined }),
    [['workload/selector-required', 'spec.selector', 'required']],
  ],
  [
    'StatefulSet template labels must match the selector',
    'ValidatePodTemplateSpecForStatefulSet',
    statefulSet({ selector: { matchLabels: { app: 'db' } } }),
    [['workload/selector-matches-template', 'spec.template.metadata.labels', 'does not match template']],
  ],
  [
    'a pod management policy must be OrderedReady or Parallel',
    'ValidateStatefulSetSpec',
    statefulSet({ podManagementPolicy: 'Fast' }),
    [['workload/strategy', 'spec.podManagementPolicy', "'OrderedReady' or 'Parallel'"]],
  ],
  // Ingress
  [
    'a TLS secret name must be a DNS-1123 subdomain',
    'validateTLSSecretName',
    ingress({ tls: [{ hosts: ['shop.example.com'], secretName: 'Shop_TLS' }] }),
    [['ingress/tls-secret-name', 'spec.tls[0].secretName', 'DNS-1123 subdomain']],
  ],
  [
    'a TLS host must be a DNS name',
    'validateIngressTLS',
    ingress({ tls: [{ hosts: ['shop example'] }] }),
    [['ingress/tls-host', 'spec.tls[0].hosts[0]', "wildcard label '*.'"]],
  ],
  [
    'a rule host may not be an IP address',
    'validateIngressRules',
    ingress({ rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
    [['ingress/host', 'spec.rules[0].host', 'not an IP address']],
  ],
  [
    'an Ingress needs rules or a default backend',
    'ValidateIngressSpec',
    ingress({ rules: [] }),
    [['ingress/rules-or-default-backend', 'spec', '`defaultBackend` or `rules`']],
  ],
  [
    'a Prefix path must be absolute',
    'validateHTTPIngressPath',
    ingress({ rules: [{ http: { paths: [{ path: 'api', pathType: 'Prefix', backend }] } }] }),
    [['ingress/path-absolute', 'spec.rules[0].http.paths[0].path', 'absolute path']],
  ],
  [
    'a Prefix path may not hold //',
    'validateHTTPIngressPath',
    ingress({ rules: [{ http: { paths: [{ path: '/a//b', pathType: 'Prefix', backend }] } }] }),
    [['ingress/path-segments', 'spec.rules[0].http.paths[0].path', "'//'"]],
  ],
  [
    'a path needs a pathType',
    'validateHTTPIngressPath',
    ingress({ rules: [{ http: { paths: [{ path: '/', backend }] } }] }),
    [['ingress/path-type', 'spec.rules[0].http.paths[0].pathType', 'pathType must be specified']],
  ],
  [
    'a backend Service name must be a DNS-1035 label',
    'validateIngressBackend, ValidateServiceName',
    ingress({ defaultBackend: { service: { name: '1web', port: { number: 80 } } } }),
    [['ingress/backend-service', 'spec.defaultBackend.service.name', 'DNS-1035 label']],
  ],
  [
    'a backend port needs a name or number',
    'validateIngressBackend',
    ingress({ defaultBackend: { service: { name: 'web', port: {} } } }),
    [['ingress/backend-port-required', 'spec.defaultBackend.service.port', 'port name or number']],
  ],
  [
    'a backend is a service or a resource, not both',
    'validateIngressBackend',
    ingress({ defaultBackend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }),
    [['ingress/backend-kind', 'spec.defaultBackend', 'both resource and service']],
  ],
  [
    'a class name must be a DNS-1123 subdomain',
    'ValidateIngressClassName',
    ingress({ ingressClassName: 'Nginx' }),
    [['ingress/class-name', 'spec.ingressClassName', 'DNS-1123 subdomain']],
  ],
  [
    'a class annotation must agree with the class on create',
    'ValidateIngressCreate',
    ingress({ ingressClassName: 'nginx' }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }),
    [['ingress/class-annotation', 'metadata.annotations["kubernetes.io/ingress.class"]', 'class field is also set']],
  ],
];

// [behaviour, Kubernetes function, object created]
const ACCEPTED: [string, string, KubeObject][] = [
  [
    'node port 0 on a ClusterIP Service is unset',
    'ValidateService (NodePort != 0)',
    service({ ports: [{ port: 80, nodePort: 0 }] }),
  ],
  [
    'a headless Service needs no ports',
    'ValidateService (isHeadlessService)',
    service({ clusterIP: 'None', ports: [] }),
  ],
  [
    '53/TCP and 53/UDP may share a node port',
    'ValidateService (protocol and nodePort pairs)',
    service({
      type: 'NodePort',
      ports: [
        { name: 'dns', port: 53, nodePort: 30053 },
        { name: 'dns-udp', port: 53, protocol: 'UDP', nodePort: 30053 },
      ],
    }),
  ],
  [
    'an externalName may end in a dot',
    'ValidateService (TrimSuffix ".")',
    service({ type: 'ExternalName', externalName: 'api.example.com.', ports: [] }),
  ],
  [
    'a LoadBalancer may have a class',
    'validateLoadBalancerClassField',
    service({ type: 'LoadBalancer', loadBalancerClass: 'internal' }),
  ],
  [
    'a headless Service without selector may have two families',
    'initIPFamilyFields (RequireDualStack default)',
    service({ clusterIP: 'None', selector: undefined, ipFamilies: ['IPv4', 'IPv6'] }),
  ],
  [
    'a dual-stack Service with two cluster IPs of two families',
    'ValidateServiceClusterIPsRelatedFields',
    service({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', 'fd00::1'], ipFamilyPolicy: 'RequireDualStack' }),
  ],
  [
    'space-padded source ranges',
    'ValidateService (TrimSpace)',
    service({ type: 'LoadBalancer', loadBalancerSourceRanges: [' 10.0.0.0/8 '] }),
  ],
  [
    'an empty TLS secret name is the default certificate',
    'validateTLSSecretName',
    ingress({ tls: [{ hosts: ['shop.example.com'] }] }),
  ],
  [
    'an empty ImplementationSpecific path',
    'validateHTTPIngressPath',
    ingress({ rules: [{ http: { paths: [{ pathType: 'ImplementationSpecific', backend }] } }] }),
  ],
  [
    'capitals in an annotation key',
    'ValidateAnnotations (lowercased)',
    namespace({ annotations: { 'Example.com/Owner': 'web' } }),
  ],
  ['replicas 0', 'ValidateNonnegativeField', deployment({ replicas: 0 })],
  [
    'a StatefulSet container is not validated as a pod',
    'ValidatePodTemplateSpecForStatefulSet',
    {
      ...statefulSet(),
      spec: {
        ...statefulSet().spec,
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'Web' }] } },
      },
    },
  ],
  ['a standard finalizer', 'IsStandardFinalizerName', namespace({}, { finalizers: ['kubernetes'] })],
];

describe.each(REFUSED)('%s (%s)', (_behaviour, _kubernetes, object, expected) => {
  test('is refused with exactly these findings', () => {
    expect(checkObject(object).map((f) => [f.ruleId, f.path])).toEqual(expected.map(([id, at]) => [id, at]));
  });

  test('each finding is an error naming the object and saying what is wrong or allowed', () => {
    const findings = checkObject(object);
    findings.forEach((f, i) => {
      expect(f).toMatchObject({ severity: 'error', kind: object.kind, name: object.metadata.name });
      expect(f.message).toContain(expected[i][2]);
    });
  });
});

test.each(ACCEPTED)('%s is accepted (%s)', (_behaviour, _kubernetes, object) => {
  expect(checkObject(object).filter((f) => f.severity === 'error')).toEqual([]);
});

test('a class annotation beside another class is refused on create only (ValidateIngressCreate, not ValidateIngressUpdate)', () => {
  const object = ingress({ ingressClassName: 'nginx' }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } });
  expect(checkObject(object, { operation: 'update' })).toEqual([]);
  expect(checkObject(object, { operation: 'create' }).map((f) => f.ruleId)).toEqual(['ingress/class-annotation']);
});

test('a finding carries the value found', () => {
  const [finding] = checkObject(deployment({ replicas: -1 }));
  expect(finding).toEqual({
    ruleId: 'deployment/replicas',
    severity: 'error',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
    path: 'spec.replicas',
    value: -1,
    message: 'must be an integer of 0 or more',
  });
});

test('objects in a namespace the control plane owns are warned about', () => {
  // The NamespaceLifecycle admission plugin keeps default, kube-system and kube-public; the control plane owns kube-node-lease.
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    const findings = checkObject(service({}, { namespace: name }));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['namespace/system', 'warning']]);
  }
});

test('a node port another Service claims is refused in the second (the allocator keys node ports by number)', () => {
  const a = service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, { name: 'a' });
  const b = service({ type: 'NodePort', ports: [{ port: 53, protocol: 'UDP', nodePort: 30080 }] }, { name: 'b' });
  expect(checkObjects([a, b]).map((f) => [f.name, f.ruleId, f.path])).toEqual([
    ['b', 'node-port/claimed-twice', 'spec.ports[0].nodePort'],
  ]);
});

test('kinds it does not know, and Gateway API kinds, are not checked', () => {
  expect(checkObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad Name' } })).toEqual([]);
  expect(
    checkObject({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'Bad Name' } }),
  ).toEqual([]);
});

test('a node port range other than the default is honoured', () => {
  const object = service({ type: 'NodePort', ports: [{ port: 80, nodePort: 20080 }] });
  expect(checkObject(object, { nodePortRange: '20000-22767' })).toEqual([]);
  expect(checkObject(object).map((f) => f.ruleId)).toEqual(['node-port/range']);
});

describe('objects others build pass where the API server accepts them', () => {
  test("this repository's renders", () => {
    for (const dir of ['dist', 'examples/production/dist', 'examples/gateway/dist']) {
      const folder = path.join(ROOT, dir);
      const objects = fs
        .readdirSync(folder)
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) => readYaml(path.join(folder, f)));
      expect(objects.length).toBeGreaterThan(5);
      expect(checkObjects(objects)).toEqual([]);
    }
  });

  test('cdk8s-plus Deployments, StatefulSets and Services', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    const image = 'registry.k8s.io/echoserver:1.10';
    const web = new kplus.Deployment(chart, 'web', { replicas: 2, containers: [{ image, portNumber: 8080 }] });
    web.exposeViaService({ serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 8080 }] });
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image, portNumber: 5432 }] });
    db.service.metadata.addLabel('tier', 'data');
    expect(checkObjects(Testing.synth(chart))).toEqual([]);
  });
});

// ValidateObjectMeta (apimachinery pkg/api/validation) of every kind the checks know.
describe('metadata of any object', () => {
  test.each([
    ['a Service without metadata', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } }],
    ['a Deployment whose name is empty', { ...deployment(), metadata: { name: '', namespace: 'shop' } }],
    ['a Namespace without metadata', { apiVersion: 'v1', kind: 'Namespace' }],
  ])('%s is refused for its missing name (ValidateObjectMeta: name Required)', (_behaviour, object) => {
    const findings = checkObject(object as KubeObject);
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([['metadata/name', 'metadata.name']]);
    expect(findings[0].message).toContain('required');
  });

  test('an empty namespace is left to kubectl, and labels null are none (ValidateObjectMeta)', () => {
    expect(checkObject(service({}, { namespace: '' }))).toEqual([]);
    expect(checkObject(service({}, { labels: null }))).toEqual([]);
  });

  test("a Namespace's own metadata.namespace is cleared, not checked (rest.BeforeCreate for cluster-scoped kinds)", () => {
    expect(checkObject(namespace({ namespace: 'Not A Namespace' }))).toEqual([]);
    // The same namespace on a namespaced kind is refused.
    expect(checkObject(service({}, { namespace: 'Not A Namespace' })).map((f) => f.ruleId)).toEqual([
      'metadata/namespace',
    ]);
  });

  test('annotations of exactly 256 KiB are accepted, one byte more refused (ValidateAnnotationsSize: size > limit)', () => {
    // 'big' (3 bytes) plus the value: TotalAnnotationSizeLimitB is 262144.
    expect(checkObject(namespace({ annotations: { big: 'x'.repeat(262141) } }))).toEqual([]);
    const [finding] = checkObject(namespace({ annotations: { big: 'x'.repeat(262142) } }));
    expect(finding).toMatchObject({ ruleId: 'metadata/annotations-size', value: '262145 bytes' });
  });

  test('a label key that is no field name is quoted in the path of its value (ValidateLabels)', () => {
    const paths = (labels: Record<string, string>) => checkObject(namespace({ labels })).map((f) => f.path);
    expect(paths({ 'app.kubernetes.io/name': 'a b' })).toEqual(['metadata.labels["app.kubernetes.io/name"]']);
    expect(paths({ '1tier': 'a b' })).toEqual(['metadata.labels["1tier"]']);
    expect(paths({ tier_1: 'a b' })).toEqual(['metadata.labels.tier_1']);
  });
});

// ValidateNamespace (pkg/apis/core/validation) and the namespaces the control plane owns.
describe('Namespaces', () => {
  test.each(['kubernetes', 'orphan', 'foregroundDeletion', 'example.com/cleanup'])(
    'finalizer %s is standard or fully qualified (validateKubeFinalizerName, IsStandardFinalizerName)',
    (finalizer) => {
      expect(checkObject(namespace({}, { finalizers: [finalizer] }))).toEqual([]);
    },
  );

  test('a finalizer is not checked on update: the stored ones are kept (namespaceStrategy.PrepareForUpdate)', () => {
    const object = namespace({}, { finalizers: ['cleanup'] });
    expect(checkObject(object, { operation: 'update' })).toEqual([]);
    expect(checkObject(object, { operation: 'create' }).map((f) => f.ruleId)).toEqual(['namespace/finalizer']);
  });

  test('a Namespace the control plane owns is warned about by its name, an object in it by its namespace', () => {
    const [own] = checkObject(namespace({ name: 'kube-system' }));
    expect(own).toMatchObject({ ruleId: 'namespace/system', severity: 'warning', path: 'metadata.name' });
    expect(own.message).toContain('control plane owns');
    const [inside] = checkObject(deployment());
    expect(inside).toBeUndefined();
    const [object] = checkObject({ ...deployment(), metadata: { name: 'web', namespace: 'kube-public' } });
    expect(object).toMatchObject({ ruleId: 'namespace/system', path: 'metadata.namespace', value: 'kube-public' });
    expect(object.message).toContain('control plane owns');
  });

  test('a Namespace named like a system one only by another kind is not warned about', () => {
    // A Service named kube-system in namespace shop is in no system namespace.
    expect(checkObject(service({}, { name: 'kube-system' }))).toEqual([]);
  });
});

// Which objects are checked: by kind and API group.
describe('kinds and groups', () => {
  test.each([
    ['a Knative Service', { apiVersion: 'serving.knative.dev/v1', kind: 'Service' }],
    ['a Service of another core version', { apiVersion: 'v1beta1', kind: 'Service' }],
    ['a Namespace of another group', { apiVersion: 'example.com/v1', kind: 'Namespace' }],
    ['an OpenKruise StatefulSet', { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet' }],
    ['a Deployment of another group', { apiVersion: 'example.com/v1', kind: 'Deployment' }],
    ['an Ingress of the removed extensions group', { apiVersion: 'extensions/v1beta1', kind: 'Ingress' }],
  ])('%s is not checked', (_behaviour, type) => {
    expect(checkObject({ ...type, metadata: { name: 'Bad Name' }, spec: {} })).toEqual([]);
  });

  test('an empty YAML document is no object to check', () => {
    expect(checkObjects([null as unknown as KubeObject])).toEqual([]);
  });
});

// The node port allocator of the API server keys node ports by number, across Services.
describe('node ports claimed by two Services', () => {
  const nodePort = (name: string, type: string, ports: unknown[], metadata: Record<string, unknown> = {}) =>
    service({ type, ports }, { name, ...metadata });

  test('two LoadBalancers claiming one node port: the second is refused, naming the first', () => {
    const findings = checkObjects([
      nodePort('a', 'LoadBalancer', [{ port: 80, nodePort: 30080 }]),
      nodePort('b', 'LoadBalancer', [{ port: 80, nodePort: 30080 }]),
    ]);
    expect(findings.map((f) => [f.name, f.ruleId])).toEqual([['b', 'node-port/claimed-twice']]);
    expect(findings[0].message).toContain('is already claimed by Service shop/a');
  });

  test('the holder is named without namespace when the manifest leaves it out', () => {
    const findings = checkObjects([
      nodePort('a', 'NodePort', [{ port: 80, nodePort: 30080 }], { namespace: undefined }),
      nodePort('b', 'NodePort', [{ port: 80, nodePort: 30080 }]),
    ]);
    expect(findings.map((f) => f.message)).toEqual(['is already claimed by Service a']);
  });

  test('node ports left to the allocator (unset or 0) are claimed by no one', () => {
    expect(
      checkObjects([
        nodePort('a', 'NodePort', [{ port: 80 }]),
        nodePort('b', 'NodePort', [{ port: 80 }]),
        nodePort('c', 'NodePort', [{ port: 80, nodePort: 0 }]),
        nodePort('d', 'LoadBalancer', [{ port: 80, nodePort: 0 }]),
      ]),
    ).toEqual([]);
  });

  test('a ClusterIP Service claims no node port (it is refused for its nodePort alone)', () => {
    const findings = checkObjects([
      nodePort('a', 'ClusterIP', [{ port: 80, nodePort: 30080 }]),
      nodePort('b', 'ClusterIP', [{ port: 80, nodePort: 30080 }]),
    ]);
    expect(findings.map((f) => [f.name, f.ruleId])).toEqual([
      ['a', 'service/option-type'],
      ['b', 'service/option-type'],
    ]);
  });

  test('objects of other kinds or groups claim no node port', () => {
    const spec = { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] };
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'k' }, spec };
    const custom = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec };
    expect(checkObjects([knative, custom, nodePort('b', 'NodePort', [{ port: 80, nodePort: 30080 }])])).toEqual([]);
  });

  test('a Service without metadata still claims its node port', () => {
    const first = { ...nodePort('a', 'NodePort', [{ port: 80, nodePort: 30080 }]), metadata: undefined };
    const findings = checkObjects([
      first as unknown as KubeObject,
      nodePort('b', 'NodePort', [{ port: 80, nodePort: 30080 }]),
    ]);
    expect(findings.map((f) => [f.name, f.ruleId])).toEqual([
      ['', 'metadata/name'],
      ['b', 'node-port/claimed-twice'],
    ]);
  });
});
