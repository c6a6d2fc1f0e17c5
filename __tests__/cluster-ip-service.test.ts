import { Chart } from 'cdk8s';
import { CLUSTER_IP_SERVICE, ClusterIpService, EchoServer, SelectingServiceProps, SERVICE_OPTION_RULES } from '../lib';
import { outcomeOf, renderService } from './service-rules';

// A ClusterIP Service's contract (CLUSTER_IP_SERVICE): type ClusterIP, none of the
// type-specific options, nothing beyond what every selecting Service checks (services.test.ts).

const rules = SERVICE_OPTION_RULES;

test('renders type ClusterIP and no field of another type', () => {
  const { service } = renderService((chart, target) => new ClusterIpService(chart, 'svc', { target }));
  expect(service.spec.type).toBe('ClusterIP');
  expect(Object.keys(service.spec).sort()).toEqual(['ports', 'selector', 'type']);
  expect(CLUSTER_IP_SERVICE.accepts).toEqual([]);
});

// The API server refuses these fields on a ClusterIP Service only when they are set: a plain
// field holding its zero value is unset (0, '', no ranges); the two pointer fields are set
// whenever present, even as '' or false. [option, a set value, its message, the unset value]
const OPTIONS_ON_CLUSTER_IP: [string, unknown, string, unknown][] = [
  [
    'nodePort',
    30001,
    "may not be used when type is 'ClusterIP': only NodePort and LoadBalancer Services open node ports",
    0,
  ],
  ['externalTrafficPolicy', 'Local', 'may only be set for externally-accessible Services (NodePort, LoadBalancer)', ''],
  ['healthCheckNodePort', 30002, "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'", 0],
  ['loadBalancerSourceRanges', ['10.0.0.0/8'], "may only be used when type is 'LoadBalancer'", []],
  ['loadBalancerClass', '', "may only be used when type is 'LoadBalancer'", undefined],
  ['allocateLoadBalancerNodePorts', false, "may only be used when type is 'LoadBalancer'", undefined],
];

describe.each(OPTIONS_ON_CLUSTER_IP)('%s on a ClusterIP Service (JavaScript)', (option, value, message, unset) => {
  const build = (v: unknown) => (c: Chart, target: EchoServer) =>
    new ClusterIpService(c, 's', { target, [option]: v } as SelectingServiceProps);

  test(`${JSON.stringify(value)} is refused with what the API server says`, () => {
    expect(outcomeOf(build(value)).errors).toEqual([
      `ClusterIpService 'demo/s': ${option} ${JSON.stringify(value)} is not allowed on a ClusterIpService: ${message} [${rules.optionType.id}]`,
    ]);
  });

  test(`${JSON.stringify(unset)}, its unset value, is accepted`, () => {
    expect(outcomeOf(build(unset)).errors).toEqual([]);
  });
});
