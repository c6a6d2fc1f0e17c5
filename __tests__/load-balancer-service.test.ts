import {
  LOAD_BALANCER_RULES,
  LoadBalancerService,
  METADATA_RULES,
  NodePortService,
  SERVICE_BASE_RULES,
  ServiceTarget,
} from '../lib';
import { renderService, RuleRow, testKubernetesRows, testRuleRows } from './service-rules';
import { testChart, validationErrors } from './support';

const rules = LOAD_BALANCER_RULES;
const ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const ranges = (...loadBalancerSourceRanges: string[]) => ({ loadBalancerSourceRanges });
const annotated = (value: string) => ({ annotations: { [ANNOTATION]: value } });

// The rules of LOAD_BALANCER_RULES and of the source-ranges annotation, one row each.
const ROWS: RuleRow[] = [
  {
    rule: rules.kubeletPort,
    change: 'port 10250 / 10251',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, port: 10250 }),
    parts: ["LoadBalancerService 'demo/s': port 10250 may not be exposed by a LoadBalancer Service", 'kubelet port'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, port: 10251 }),
  },
  {
    rule: rules.kubeletPort,
    change: 'the second of two ports 10250 / 10251',
    rejected: (c, target) =>
      new LoadBalancerService(c, 's', {
        target,
        ports: [
          { name: 'web', port: 80 },
          { name: 'k', port: 10250 },
        ],
      }),
    parts: ["'demo/s': ports[1].port 10250 may not be exposed"],
    accepted: (c, target) =>
      new LoadBalancerService(c, 's', {
        target,
        ports: [
          { name: 'web', port: 80 },
          { name: 'k', port: 10251 },
        ],
      }),
  },
  {
    rule: rules.healthCheckNodePort,
    change: 'a healthCheckNodePort with externalTrafficPolicy unset / Local',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, healthCheckNodePort: 32000 }),
    parts: ['healthCheckNodePort 32000', "needs externalTrafficPolicy 'Local'"],
    accepted: (c, target) =>
      new LoadBalancerService(c, 's', { target, healthCheckNodePort: 32000, externalTrafficPolicy: 'Local' }),
  },
  {
    rule: rules.healthCheckNodePort,
    change: 'a healthCheckNodePort of 32000 / 0, which the API reads as unset, with the policy unset',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, healthCheckNodePort: 32000 }),
    parts: ['healthCheckNodePort 32000'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, healthCheckNodePort: 0 }),
  },
  {
    rule: rules.sourceRange,
    change: 'a prefix of 33 / 32',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('10.0.0.0/33') }),
    parts: ['loadBalancerSourceRanges[0] "10.0.0.0/33"', 'prefix length above 32'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('10.0.0.0/32') }),
  },
  {
    rule: rules.sourceRange,
    change: 'blank / a CIDR',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('   ') }),
    parts: ['loadBalancerSourceRanges[0] "   "'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('203.0.113.0/24') }),
  },
  {
    rule: rules.sourceRangeForm,
    change: 'space-padded / not',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('  203.0.113.0/24 ') }),
    parts: ['loadBalancerSourceRanges[0] "  203.0.113.0/24 "', 'whitespace', 'write "203.0.113.0/24"'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('203.0.113.0/24') }),
  },
  // TestGetWarningsForServiceClusterIPs "Service with all IPs fields with errors" (pkg/api/service,
  // 1.27) warns about these two source ranges, each at its own index.
  {
    rule: rules.sourceRangeForm,
    change: 'the second of two ranges with a leading zero in an octet / without',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('2001:db8::/64', '10.012.2.0/24') }),
    parts: ['loadBalancerSourceRanges[1] "10.012.2.0/24"', 'leading zero (012)', 'write "10.12.2.0/24"'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('2001:db8::/64', '10.12.2.0/24') }),
  },
  {
    rule: rules.sourceRangeForm,
    change: 'IPv6 with a compressed single zero group / in RFC 5952 form',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('2001:db8:1:0::/64') }),
    parts: ['loadBalancerSourceRanges[0] "2001:db8:1:0::/64"', 'RFC 5952', 'write "2001:db8:1::/64"'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('2001:db8:1::/64') }),
  },
  {
    rule: rules.sourceRangesAnnotation,
    change: 'the annotation: a host name / CIDRs in forms the field would be warned about',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...annotated('foo.bar') }),
    parts: [`annotations["${ANNOTATION}"] "foo.bar"`, 'CIDR'],
    accepted: (c, target) =>
      new LoadBalancerService(c, 's', { target, ...annotated(' 010.0.0.0/8, 2001:DB8:0:0::/64') }),
  },
  {
    rule: rules.sourceRangeHostBits,
    change: '10.0.0.1/8 / 10.0.0.1/32',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('10.0.0.1/8') }),
    parts: ['loadBalancerSourceRanges[0] "10.0.0.1/8"', 'host bits'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...ranges('10.0.0.1/32') }),
  },
  {
    rule: rules.sourceRangesAnnotation,
    change: 'a host name / two CIDRs with spaces',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, ...annotated('foo.bar') }),
    parts: [`annotations["${ANNOTATION}"] "foo.bar"`, 'CIDR'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...annotated('1.2.0.0/16,  5.6.7.0/24') }),
  },
  {
    rule: rules.sourceRangesAnnotationIgnored,
    change: 'annotation and field / annotation alone',
    rejected: (c, target) =>
      new LoadBalancerService(c, 's', { target, ...annotated('10.0.0.0/8'), ...ranges('10.0.0.0/8') }),
    parts: [`annotations["${ANNOTATION}"] "10.0.0.0/8" is ignored because loadBalancerSourceRanges is set`],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...annotated('10.0.0.0/8') }),
  },
  {
    rule: SERVICE_BASE_RULES.sourceRangesAnnotationType,
    change: 'the annotation on a NodePort / a LoadBalancer Service',
    rejected: (c, target) => new NodePortService(c, 's', { target, ...annotated('10.0.0.0/8') }),
    parts: ["NodePortService 'demo/s'", `annotations["${ANNOTATION}"]`, "only be used when type is 'LoadBalancer'"],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, ...annotated('10.0.0.0/8') }),
  },
  {
    rule: rules.loadBalancerClass,
    change: 'a capital in the prefix / an unprefixed name',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerClass: 'Bad/lb-class' }),
    parts: ['loadBalancerClass "Bad/lb-class"', 'qualified name'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, loadBalancerClass: 'internal' }),
  },
  {
    // ValidateObjectMetaAccessor: every namespaced object, a Service too, under metadata/namespace.
    rule: METADATA_RULES.namespace,
    change: 'Team / team',
    rejected: (c) =>
      new LoadBalancerService(c, 's', { target: ServiceTarget.withoutSelector(), port: 80, namespace: 'Team' }),
    parts: ['namespace "Team"', 'DNS-1123 label'],
    accepted: (c) =>
      new LoadBalancerService(c, 's', { target: ServiceTarget.withoutSelector(), port: 80, namespace: 'team' }),
  },
];

describe('each LoadBalancer rule, in both directions', () => {
  testRuleRows(ROWS);
});

// GetLoadBalancerSourceRanges trims the annotation and reads an empty one as 0.0.0.0/0.
test.each(['', '  '])('the source-ranges annotation %j allows every client and is no error', (value) => {
  const { chart, app } = testChart();
  new LoadBalancerService(chart, 's', { target: ServiceTarget.withoutSelector(), port: 80, ...annotated(value) });
  expect(validationErrors(app)).toEqual([]);
});

// How netutils.ParseCIDRSloppy reads source ranges: Go's parser before 1.17, host bits masked.
describe('source ranges parse as Kubernetes 1.27 parses them', () => {
  test.each<[string, 'valid' | 'invalid']>([
    ['010.000.000.000/8', 'valid'],
    ['0.0.0.0/0', 'valid'],
    ['::/0', 'valid'],
    ['2001:db8::/32', 'valid'],
    ['1:2:3:4:5:6:7:8/128', 'valid'],
    ['::ffff:192.0.2.0/120', 'valid'],
    ['1:2:3:4:5:6:192.0.2.1/128', 'valid'],
    ['10.0.0.0/08', 'valid'],
    ['10.0.0.0', 'invalid'],
    ['10.0.0.0/', 'invalid'],
    ['10.0.0.0/-1', 'invalid'],
    ['10.0.256.0/24', 'invalid'],
    ['10.0.0/24', 'invalid'],
    ['1::2::3/64', 'invalid'],
    ['1:2:3:4:5:6:7::8/128', 'invalid'],
    ['1:2:3:4:5:6:7/112', 'invalid'],
    ['fe80::1%eth0/64', 'invalid'],
    ['2001:db8::/129', 'invalid'],
    ['12345::/16', 'invalid'],
  ])('%s is %s', (range, verdict) => {
    const { chart, app } = testChart();
    new LoadBalancerService(chart, 's', { target: ServiceTarget.withoutSelector(), port: 80, ...ranges(range) });
    const errors = validationErrors(app);
    expect(errors.some((e) => e.includes(`[${rules.sourceRange.id}]`))).toBe(verdict === 'invalid');
  });
});

// TestValidateServiceCreate (pkg/apis/core/validation/validation_test.go, 1.27): LoadBalancer rows.
const base = { target: ServiceTarget.labels({ app: 'x' }, { targetPort: 8675 }), portName: 'p' };
testKubernetesRows('TestValidateServiceCreate', [
  ['invalid port type=LoadBalancer', 'invalid', (c) => new LoadBalancerService(c, 's', { ...base, port: 10250 })],
  ['valid type=LoadBalancer', 'valid', (c) => new LoadBalancerService(c, 's', { ...base, port: 8675 })],
  [
    'valid LoadBalancer source range annotation',
    'valid',
    (c) => new LoadBalancerService(c, 's', { ...base, ...annotated('1.2.3.4/8,  5.6.7.8/16') }),
  ],
  [
    'empty LoadBalancer source range annotation',
    'valid',
    (c) => new LoadBalancerService(c, 's', { ...base, ...annotated('') }),
  ],
  [
    'invalid LoadBalancer source range annotation (hostname)',
    'invalid',
    (c) => new NodePortService(c, 's', { ...base, ...annotated('foo.bar') }),
  ],
  [
    'invalid LoadBalancer source range annotation (invalid CIDR)',
    'invalid',
    (c) => new LoadBalancerService(c, 's', { ...base, ...annotated('1.2.3.4/33') }),
  ],
  [
    'invalid source range for non LoadBalancer type service',
    'invalid',
    (c) => new NodePortService(c, 's', { ...base, ...ranges('1.2.3.4/8', '5.6.7.8/16') } as never),
  ],
  [
    'valid LoadBalancer source range',
    'valid',
    (c) => new LoadBalancerService(c, 's', { ...base, ...ranges('1.2.3.4/8', '5.6.7.8/16') }),
  ],
  ['empty LoadBalancer source range', 'invalid', (c) => new LoadBalancerService(c, 's', { ...base, ...ranges('   ') })],
  [
    'invalid LoadBalancer source range',
    'invalid',
    (c) => new LoadBalancerService(c, 's', { ...base, ...ranges('foo.bar') }),
  ],
  [
    'valid LoadBalancer service with LoadBalancerClass',
    'valid',
    (c) => new LoadBalancerService(c, 's', { ...base, loadBalancerClass: 'test.com/test-load-balancer-class' }),
  ],
]);

describe('LoadBalancerService renders', () => {
  test('leaves the node port to the cluster by default', () => {
    const { service } = renderService((chart, target) => new LoadBalancerService(chart, 'svc', { target }));
    expect(service.spec.ports[0].nodePort).toBeUndefined();
  });
});
