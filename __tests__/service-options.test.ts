import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  HeadlessService,
  LoadBalancerService,
  NodePortService,
  SelectingServiceProps,
} from '../lib';
import { only, validationErrors, expectOneError } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator } = require('../schema-validation');
const validator = new SchemaValidator();

type Build = (chart: Chart, target: EchoServer) => void;

function render(build: Build) {
  const app = Testing.app();
  const chart = new Chart(app, 'demo');
  const target = new EchoServer(chart, 'echo');
  build(chart, target);
  return { app, chart };
}

function renderedService(build: Build): any {
  const { chart } = render(build);
  const service = only(Testing.synth(chart), 'Service');
  expect(validator.validate(service)).toEqual([]);
  return service;
}

const errorsOf = (build: Build) => validationErrors(render(build).app);

describe('each option renders into the Service spec and passes the Kubernetes schema', () => {
  test.each<[string, Build, object]>([
    [
      'sessionAffinity ClientIP with a timeout',
      (c, target) => new ClusterIpService(c, 's', { target, sessionAffinity: { timeoutSeconds: 600 } }),
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } },
    ],
    [
      'sessionAffinity ClientIP with the default timeout',
      (c, target) => new NodePortService(c, 's', { target, sessionAffinity: {} }),
      { sessionAffinity: 'ClientIP' },
    ],
    [
      'externalTrafficPolicy Local on a NodePort Service',
      (c, target) => new NodePortService(c, 's', { target, externalTrafficPolicy: 'Local' }),
      { externalTrafficPolicy: 'Local' },
    ],
    [
      'externalTrafficPolicy Local with a healthCheckNodePort on a LoadBalancer Service',
      (c, target) =>
        new LoadBalancerService(c, 's', { target, externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 }),
      { externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 },
    ],
    [
      'internalTrafficPolicy Local',
      (c, target) => new ClusterIpService(c, 's', { target, internalTrafficPolicy: 'Local' }),
      { internalTrafficPolicy: 'Local' },
    ],
    [
      'loadBalancerSourceRanges in IPv4 and IPv6',
      (c, target) =>
        new LoadBalancerService(c, 's', {
          target,
          loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32', '0.0.0.0/0'],
        }),
      { loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32', '0.0.0.0/0'] },
    ],
    [
      'loadBalancerClass and allocateLoadBalancerNodePorts',
      (c, target) =>
        new LoadBalancerService(c, 's', {
          target,
          loadBalancerClass: 'example.com/internal-vip',
          allocateLoadBalancerNodePorts: false,
        }),
      { loadBalancerClass: 'example.com/internal-vip', allocateLoadBalancerNodePorts: false },
    ],
    [
      'publishNotReadyAddresses on a headless Service',
      (c, target) => new HeadlessService(c, 's', { target, publishNotReadyAddresses: true }),
      { clusterIP: 'None', publishNotReadyAddresses: true },
    ],
    [
      'dual-stack IP families',
      (c, target) =>
        new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] }),
      { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] },
    ],
    [
      'a single-stack IPv6 Service',
      (c, target) => new HeadlessService(c, 's', { target, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }),
      { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] },
    ],
    [
      'several named ports with appProtocol',
      (c, target) =>
        new LoadBalancerService(c, 's', {
          target,
          ports: [
            { name: 'http', port: 80, appProtocol: 'http' },
            { name: 'h2c', port: 8081, appProtocol: 'kubernetes.io/h2c', nodePort: 30081 },
          ],
        }),
      {
        ports: [
          { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' },
          {
            name: 'h2c',
            port: 8081,
            targetPort: 8080,
            protocol: 'TCP',
            appProtocol: 'kubernetes.io/h2c',
            nodePort: 30081,
          },
        ],
      },
    ],
    [
      'cloud annotations on a LoadBalancer Service',
      (c, target) =>
        new LoadBalancerService(c, 's', {
          target,
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
        }),
      {},
    ],
  ])('%s', (_option, build, expected) => {
    expect(renderedService(build).spec).toMatchObject(expected);
  });

  test('without options, none of their fields is rendered', () => {
    const { spec } = renderedService((c, target) => new LoadBalancerService(c, 's', { target }));
    expect(Object.keys(spec).sort()).toEqual(['ports', 'selector', 'type']);
  });
});

// [misuse, build, parts the single error must contain]
const MISUSES: [string, Build, string[]][] = [
  [
    'sessionAffinity timeout of 0',
    (c, target) => new ClusterIpService(c, 's', { target, sessionAffinity: { timeoutSeconds: 0 } }),
    ["ClusterIpService 'demo/s'", 'sessionAffinity.timeoutSeconds 0', 'from 1 to 86400'],
  ],
  [
    'sessionAffinity timeout above a day',
    (c, target) => new NodePortService(c, 's', { target, sessionAffinity: { timeoutSeconds: 86401 } }),
    ['sessionAffinity.timeoutSeconds 86401', 'from 1 to 86400'],
  ],
  [
    'externalTrafficPolicy on a ClusterIP Service',
    (c, target) => new ClusterIpService(c, 's', { target, externalTrafficPolicy: 'Local' } as SelectingServiceProps),
    [
      "ClusterIpService 'demo/s'",
      'externalTrafficPolicy "Local" is not supported by a ClusterIpService',
      'only NodePort and LoadBalancer Services',
    ],
  ],
  [
    'nodePort on a headless Service',
    (c, target) => new HeadlessService(c, 's', { target, nodePort: 30001 } as SelectingServiceProps),
    ["HeadlessService 'demo/s'", 'nodePort 30001 is not supported by a HeadlessService', 'open node ports'],
  ],
  [
    'sessionAffinity on a headless Service',
    (c, target) => new HeadlessService(c, 's', { target, sessionAffinity: {} } as SelectingServiceProps),
    ['sessionAffinity {} is not supported by a HeadlessService', 'no virtual IP'],
  ],
  [
    'loadBalancerSourceRanges on a NodePort Service',
    (c, target) =>
      new NodePortService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.0/8'] } as SelectingServiceProps),
    ['loadBalancerSourceRanges ["10.0.0.0/8"] is not supported by a NodePortService', 'have a load balancer'],
  ],
  [
    'publishNotReadyAddresses on a ClusterIP Service',
    (c, target) => new ClusterIpService(c, 's', { target, publishNotReadyAddresses: true } as SelectingServiceProps),
    ['publishNotReadyAddresses true is not supported by a ClusterIpService'],
  ],
  [
    'healthCheckNodePort without externalTrafficPolicy Local',
    (c, target) => new LoadBalancerService(c, 's', { target, healthCheckNodePort: 32000 }),
    ["LoadBalancerService 'demo/s'", 'healthCheckNodePort 32000', "needs externalTrafficPolicy 'Local'"],
  ],
  [
    'healthCheckNodePort outside the node port range',
    (c, target) =>
      new LoadBalancerService(c, 's', { target, externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 }),
    ['healthCheckNodePort 8080 is outside the node port range 30000-32767'],
  ],
  [
    'healthCheckNodePort equal to a nodePort',
    (c, target) =>
      new LoadBalancerService(c, 's', {
        target,
        nodePort: 31000,
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31000,
      }),
    ['nodePort 31000 is already claimed by LoadBalancerService'],
  ],
  [
    'an unknown externalTrafficPolicy',
    (c, target) => new NodePortService(c, 's', { target, externalTrafficPolicy: 'Nearest' as never }),
    ['externalTrafficPolicy "Nearest" must be one of Cluster, Local'],
  ],
  [
    'an unknown internalTrafficPolicy',
    (c, target) => new ClusterIpService(c, 's', { target, internalTrafficPolicy: 'local' as never }),
    ['internalTrafficPolicy "local" must be one of Cluster, Local'],
  ],
  [
    'a CIDR with host bits set',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.1/8'] }),
    ['loadBalancerSourceRanges[0] "10.0.0.1/8"', 'host bits set'],
  ],
  [
    'an IPv6 CIDR with host bits set',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['2001:db8::1/32'] }),
    ['loadBalancerSourceRanges[0] "2001:db8::1/32"', 'host bits set'],
  ],
  [
    'an IPv4 prefix length above 32',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.0/33'] }),
    ['"10.0.0.0/33"', 'prefix length above 32'],
  ],
  [
    'an IPv6 prefix length above 128',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['2001:db8::/129'] }),
    ['"2001:db8::/129"', 'prefix length above 128'],
  ],
  [
    'a CIDR without a prefix',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.0'] }),
    ['"10.0.0.0"', 'must be an IPv4 or IPv6 CIDR'],
  ],
  [
    'a CIDR with an octet above 255',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['10.0.300.0/24'] }),
    ['"10.0.300.0/24"', 'must be an IPv4 or IPv6 CIDR'],
  ],
  [
    'a loadBalancerClass without a domain prefix',
    (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerClass: 'internal' }),
    ['loadBalancerClass "internal"', 'domain prefix'],
  ],
  [
    'two IP families without a dual-stack policy',
    (c, target) => new ClusterIpService(c, 's', { target, ipFamilies: ['IPv4', 'IPv6'] }),
    ['ipFamilies ["IPv4","IPv6"]', 'set ipFamilyPolicy to PreferDualStack or RequireDualStack'],
  ],
  [
    'two IP families with SingleStack',
    (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }),
    ['ipFamilies ["IPv4","IPv6"]', 'ipFamilyPolicy is SingleStack'],
  ],
  [
    'a repeated IP family',
    (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv4'] }),
    ['ipFamilies ["IPv4","IPv4"]', 'IPv4 and IPv6 once each'],
  ],
  [
    'an unknown IP family policy',
    (c, target) => new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'DualStack' as never }),
    ['ipFamilyPolicy "DualStack" must be one of SingleStack, PreferDualStack, RequireDualStack'],
  ],
  [
    'an invalid appProtocol',
    (c, target) => new ClusterIpService(c, 's', { target, appProtocol: 'http 2' }),
    ['appProtocol "http 2"'],
  ],
];

describe('each option is rejected when misused', () => {
  test.each(MISUSES)('%s', (_misuse, build, parts) => {
    const errors = errorsOf(build);
    expectOneError(errors, parts);
  });
});
