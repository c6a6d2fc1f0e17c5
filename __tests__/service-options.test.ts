import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  HeadlessService,
  LoadBalancerService,
  NodePortService,
  SelectingServiceProps,
  ServiceTarget,
} from '../lib';
import { SERVICE_OPTION_RULES } from '../lib/services/service-options';
import { outcomeOf, RuleRow, testKubernetesRows, testRuleRows } from './service-rules';
import { only, testApp } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator } = require('../schema-validation');
const validator = new SchemaValidator();

type Build = (chart: Chart, target: EchoServer) => void;

function render(build: Build) {
  const app = testApp();
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
      'publishNotReadyAddresses on a ClusterIP Service',
      (c, target) => new ClusterIpService(c, 's', { target, publishNotReadyAddresses: true }),
      { type: 'ClusterIP', publishNotReadyAddresses: true },
    ],
    [
      'an empty ipFamilies list, which Kubernetes reads as unset',
      (c, target) => new ClusterIpService(c, 's', { target, ipFamilies: [] }),
      { type: 'ClusterIP' },
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

const rules = SERVICE_OPTION_RULES;
const dualStackLabels = { target: ServiceTarget.labels({}, { targetPort: 80 }), ipFamilies: ['IPv4', 'IPv6'] } as const;

// The rules of SERVICE_OPTION_RULES, one row each.
const ROWS: RuleRow[] = [
  {
    rule: rules.optionType,
    change: 'externalTrafficPolicy on a ClusterIP / a NodePort Service',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', { target, externalTrafficPolicy: 'Local' } as SelectingServiceProps),
    parts: ["ClusterIpService 'demo/s'", 'externalTrafficPolicy "Local"', 'externally-accessible'],
    accepted: (c, target) => new NodePortService(c, 's', { target, externalTrafficPolicy: 'Local' }),
  },
  {
    rule: rules.optionType,
    change: 'nodePort 30001 / 0 (unset) on a headless Service',
    rejected: (c, target) => new HeadlessService(c, 's', { target, nodePort: 30001 } as SelectingServiceProps),
    parts: ["HeadlessService 'demo/s'", 'nodePort 30001', "may not be used when type is 'ClusterIP'"],
    accepted: (c, target) => new HeadlessService(c, 's', { target, nodePort: 0 } as SelectingServiceProps),
  },
  {
    rule: rules.optionType,
    change: 'ports[].nodePort on a ClusterIP Service (JavaScript) / none',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', { target, ports: [{ name: 'a', port: 80, nodePort: 30080 }] } as never),
    parts: ['nodePort 30080', "may not be used when type is 'ClusterIP'"],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, ports: [{ name: 'a', port: 80 }] }),
  },
  {
    rule: rules.optionType,
    change: 'loadBalancerSourceRanges on a NodePort / a LoadBalancer Service',
    rejected: (c, target) =>
      new NodePortService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.0/8'] } as SelectingServiceProps),
    parts: ['loadBalancerSourceRanges ["10.0.0.0/8"]', "may only be used when type is 'LoadBalancer'"],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerSourceRanges: ['10.0.0.0/8'] }),
  },
  {
    rule: rules.affinityTimeout,
    change: '86401 / 86400 seconds',
    rejected: (c, target) => new NodePortService(c, 's', { target, sessionAffinity: { timeoutSeconds: 86401 } }),
    parts: ["NodePortService 'demo/s'", 'sessionAffinity.timeoutSeconds 86401', 'from 1 to 86400'],
    accepted: (c, target) => new NodePortService(c, 's', { target, sessionAffinity: { timeoutSeconds: 86400 } }),
  },
  {
    rule: rules.affinityTimeout,
    change: '0 / 1 second',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, sessionAffinity: { timeoutSeconds: 0 } }),
    parts: ['sessionAffinity.timeoutSeconds 0', 'from 1 to 86400'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, sessionAffinity: { timeoutSeconds: 1 } }),
  },
  {
    rule: rules.headlessAffinity,
    change: 'session affinity on a headless (JavaScript) / a ClusterIP Service',
    rejected: (c, target) => new HeadlessService(c, 's', { target, sessionAffinity: {} } as SelectingServiceProps),
    parts: ["HeadlessService 'demo/s'", 'sessionAffinity {}', 'no effect'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, sessionAffinity: {} }),
  },
  {
    rule: rules.trafficPolicy,
    change: 'local / Local',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, internalTrafficPolicy: 'local' as never }),
    parts: ['internalTrafficPolicy "local" must be one of Cluster, Local'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, internalTrafficPolicy: 'Local' }),
  },
  {
    rule: rules.ipFamilyPolicy,
    change: 'DualStack / PreferDualStack',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'DualStack' as never }),
    parts: ['ipFamilyPolicy "DualStack" must be one of SingleStack, PreferDualStack, RequireDualStack'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'PreferDualStack' }),
  },
  {
    rule: rules.ipFamilies,
    change: 'IPv4 twice / an empty list',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv4'] }),
    parts: ['ipFamilies[1] "IPv4"', 'once each'],
    accepted: (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'PreferDualStack', ipFamilies: [] }),
  },
  {
    rule: rules.singleStack,
    change: 'two families, policy unset: on a ClusterIP / on a headless Service without selector',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, ipFamilies: ['IPv4', 'IPv6'] }),
    parts: ['ipFamilies ["IPv4","IPv6"]', 'unset ipFamilyPolicy means SingleStack'],
    accepted: (c) =>
      new HeadlessService(c, 's', { target: ServiceTarget.withoutSelector(), ports: [], ipFamilies: ['IPv4', 'IPv6'] }),
  },
  {
    rule: rules.singleStack,
    change: 'two families with SingleStack / RequireDualStack',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }),
    parts: ['ipFamilyPolicy is SingleStack'],
    accepted: (c, target) =>
      new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }),
  },
];

// initIPFamilyFields defaults the policy of a headless Service whose selector is empty, not
// only absent, to RequireDualStack, so two families need no policy there either.
test('two families without a policy are accepted on a headless Service with an empty selector', () => {
  const { errors, warnings } = outcomeOf(
    (c) =>
      new HeadlessService(c, 's', {
        target: ServiceTarget.labels({}, { targetPort: 80 }),
        ipFamilies: ['IPv4', 'IPv6'],
      }),
  );
  expect(errors).toEqual([]);
  expect(warnings.map((w) => w.id)).toEqual(['service/selector-empty']);
});

// The RequireDualStack default needs both: a headless Service, and no selector.
test.each([
  ['a ClusterIP Service with an empty selector', (c: Chart) => new ClusterIpService(c, 's', dualStackLabels)],
  [
    'a headless Service with a selector',
    (c: Chart, target: EchoServer) => new HeadlessService(c, 's', { target, ipFamilies: ['IPv4', 'IPv6'] }),
  ],
  [
    'a headless Service whose selector prop gives a selector to a target without one',
    (c: Chart) =>
      new HeadlessService(c, 's', {
        target: ServiceTarget.withoutSelector(),
        selector: { app: 'x' },
        ports: [],
        ipFamilies: ['IPv4', 'IPv6'],
      }),
  ],
])('two families without a policy are refused on %s, whose policy defaults to SingleStack', (_case, build) => {
  const { errors } = outcomeOf(build);
  expect(errors).toEqual([expect.stringContaining(`[${rules.singleStack.id}]`)]);
  expect(errors[0]).toContain('an unset ipFamilyPolicy means SingleStack');
});

// SetDefaults_Service turns an empty externalTrafficPolicy into Cluster on a NodePort Service;
// internalTrafficPolicy is a pointer, and validateServiceInternalTrafficFieldsValue refuses ''.
test("externalTrafficPolicy '' is unset on a NodePort Service; internalTrafficPolicy '' is refused", () => {
  const empty = (key: string) => (c: Chart, target: EchoServer) =>
    new NodePortService(c, 's', { target, [key]: '' } as SelectingServiceProps);
  expect(outcomeOf(empty('externalTrafficPolicy')).errors).toEqual([]);
  expect(outcomeOf(empty('internalTrafficPolicy')).errors).toEqual([
    `NodePortService 'demo/s': internalTrafficPolicy "" must be one of Cluster, Local [${rules.trafficPolicy.id}]`,
  ]);
});

// ValidateService: each entry of ipFamilies must be IPv4 or IPv6 (spec.ipFamilies[i]).
test('an unknown IP family is named by its index in ipFamilies', () => {
  const { errors } = outcomeOf((c, target) => new ClusterIpService(c, 's', { target, ipFamilies: ['IPv5' as never] }));
  expect(errors).toEqual([expect.stringContaining(`'demo/s': ipFamilies[0] "IPv5" must be one of IPv4, IPv6`)]);
});

describe('each option rule, in both directions', () => {
  testRuleRows(ROWS);
});

// TestValidateServiceCreate (pkg/apis/core/validation/validation_test.go, 1.27): rows on options.
testKubernetesRows('TestValidateServiceCreate', [
  [
    'invalid, service with invalid ipFamilies',
    'invalid',
    (c, target) => new ClusterIpService(c, 's', { target, ipFamilies: ['not-a-family' as never] }),
  ],
  [
    'invalid, service with more than 2 ipFamilies',
    'invalid',
    (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4', 'IPv6', 'IPv4'],
      }),
  ],
  ['valid, nil ipFamilies', 'valid', (c, target) => new ClusterIpService(c, 's', { target })],
  [
    'invalid, service with invalid ipFamilyPolicy',
    'invalid',
    (c, target) => new ClusterIpService(c, 's', { target, ipFamilyPolicy: 'not-a-valid-ip-family-policy' as never }),
  ],
]);
