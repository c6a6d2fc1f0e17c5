import { Chart, Testing } from 'cdk8s';
import { EchoServer, LoadBalancerService, NODE_PORT_RANGE_CONTEXT, NodePortService } from '../lib';
import { NODE_PORT_RULES } from '../lib/services/node-ports';
import { APP_RULES } from '../lib/validation/object-registry';
import { outcomeOf, renderService, RuleRow, testKubernetesRows, testRuleRows } from './service-rules';
import { only, testChart, validationErrors } from './support';

const rules = NODE_PORT_RULES;

// The node port rules, inside one Service and across the app, one row each.
const ROWS: RuleRow[] = [
  {
    rule: rules.range,
    change: '29999 / 30000',
    rejected: (c, target) => new NodePortService(c, 's', { target, nodePort: 29999 }),
    parts: ["NodePortService 'demo/s': nodePort 29999", 'outside the node port range 30000-32767'],
    accepted: (c, target) => new NodePortService(c, 's', { target, nodePort: 30000 }),
  },
  {
    rule: rules.range,
    change: '32768 / 32767',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, nodePort: 32768 }),
    parts: ["LoadBalancerService 'demo/s'", 'nodePort 32768'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, nodePort: 32767 }),
  },
  {
    rule: rules.range,
    change: 'a fraction (JSON decoding refuses it) / 0, which is unset',
    rejected: (c, target) => new NodePortService(c, 's', { target, nodePort: 30000.5 }),
    parts: ['nodePort 30000.5', 'must be an integer'],
    accepted: (c, target) => new NodePortService(c, 's', { target, nodePort: 0 }),
  },
  {
    rule: rules.range,
    change: 'the default range / a custom one-port range',
    rejected: (c, target) => new NodePortService(c, 's', { target, nodePort: 30080 }),
    parts: ['nodePort 30080', 'outside the node port range 20000-20000'],
    accepted: (c, target) => new NodePortService(c, 's', { target, nodePort: 20000 }),
    context: { [NODE_PORT_RANGE_CONTEXT]: '20000-20000' },
  },
  {
    rule: rules.combined,
    change: 'nodePort next to ports / on the port',
    rejected: (c, target) => new NodePortService(c, 's', { target, nodePort: 30001, ports: [{ port: 80 }] }),
    parts: ['nodePort cannot be combined with ports'],
    accepted: (c, target) => new NodePortService(c, 's', { target, ports: [{ port: 80, nodePort: 30001 }] }),
  },
  {
    rule: rules.sharedInService,
    change: 'one node port on ports 53 and 54 / on 53/TCP and 53/UDP',
    rejected: (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'dns-tcp', port: 53, nodePort: 30053 },
          { name: 'alt-udp', port: 54, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
    parts: ['ports[1].nodePort 30053', 'is used by port 53'],
    accepted: (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'dns-tcp', port: 53, nodePort: 30053 },
          { name: 'dns-udp', port: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
  },
  {
    rule: rules.sharedInService,
    change: 'one node port on two TCP ports / two node ports',
    rejected: (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'a', port: 80, nodePort: 30080 },
          { name: 'b', port: 81, nodePort: 30080 },
        ],
      }),
    parts: ['ports[1].nodePort 30080', 'another TCP port'],
    accepted: (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'a', port: 80, nodePort: 30080 },
          { name: 'b', port: 81, nodePort: 30081 },
        ],
      }),
  },
  {
    rule: APP_RULES.nodePortClaimedTwice,
    change: 'one node port in two Services, even of different protocols / two node ports',
    rejected: (c, target) => {
      new NodePortService(c, 'a', { target, name: 'a', nodePort: 31000 });
      new LoadBalancerService(c, 'b', { target, name: 'b', nodePort: 31000, protocol: 'UDP' });
    },
    parts: ["LoadBalancerService 'demo/b'", 'nodePort 31000', "already claimed by NodePortService 'demo/a'"],
    accepted: (c, target) => {
      new NodePortService(c, 'a', { target, name: 'a', nodePort: 31000 });
      new LoadBalancerService(c, 'b', { target, name: 'b', nodePort: 31001, protocol: 'UDP' });
    },
  },
  {
    rule: APP_RULES.nodePortClaimedTwice,
    change: 'a healthCheckNodePort equal to the Service’s node port / another one',
    rejected: (c, target) =>
      new LoadBalancerService(c, 's', {
        target,
        nodePort: 31000,
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31000,
      }),
    parts: ["LoadBalancerService 'demo/s': healthCheckNodePort 31000 is already claimed by LoadBalancerService"],
    accepted: (c, target) =>
      new LoadBalancerService(c, 's', {
        target,
        nodePort: 31000,
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31001,
      }),
  },
];

describe('each node port rule, in both directions', () => {
  testRuleRows(ROWS);
});

test('a malformed node port range setting is a contract error', () => {
  const { errors } = outcomeOf((c, target) => new NodePortService(c, 's', { target }), {
    [NODE_PORT_RANGE_CONTEXT]: '30000',
  });
  expect(errors).toEqual([
    `NodePortService 'demo/s': context ${NODE_PORT_RANGE_CONTEXT} "30000" must be a port range such as 30000-32767 [${rules.rangeSetting.id}]`,
  ]);
});

test('ports without node ports, or with 0, leave them to the cluster: no error', () => {
  const ports = (nodePort?: number) => [
    { name: 'a', port: 80, nodePort },
    { name: 'b', port: 81, nodePort },
  ];
  expect(outcomeOf((c, target) => new NodePortService(c, 's', { target, ports: ports() })).errors).toEqual([]);
  expect(outcomeOf((c, target) => new NodePortService(c, 's', { target, ports: ports(0) })).errors).toEqual([]);
});

test('nodePort 0 next to ports is unset, so it is not combined with them', () => {
  const build = (nodePort: number) => (c: Chart, target: EchoServer) =>
    new NodePortService(c, 's', { target, nodePort, ports: [{ port: 80 }] });
  expect(outcomeOf(build(0)).errors).toEqual([]);
  expect(outcomeOf(build(30001)).errors).toEqual([expect.stringContaining(`[${rules.combined.id}]`)]);
});

// ValidateService keys node ports by port and protocol: a third port sharing a node port is
// measured against every earlier one, not only the first.
test.each([
  ['80/TCP after 53/TCP and 80/UDP', 80, 'TCP', 'ports[2].nodePort 30053 is used by another TCP port of this Service'],
  ['53/SCTP after 53/TCP and 80/UDP', 53, 'SCTP', 'ports[2].nodePort 30053 is used by port 53 of this Service'],
] as const)('a node port shared by a third port, %s, is refused as such', (_case, port, protocol, message) => {
  const { errors } = outcomeOf(
    (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'a', port: 53, nodePort: 30053 },
          { name: 'b', port: 80, protocol: 'UDP', nodePort: 30053 },
          { name: 'c', port, protocol, nodePort: 30053 },
        ],
      }),
  );
  expect(errors).toHaveLength(2);
  expect(errors[1]).toContain(`'demo/s': ${message}`);
});

test('nodePort 0 is unset: nothing is rendered and nothing is claimed, in one Service or two', () => {
  const { app, chart } = testChart();
  const target = { selector: { app: 'x' }, defaultTargetPort: 80 };
  new NodePortService(chart, 'a', { target, name: 'a', nodePort: 0 });
  new NodePortService(chart, 'b', { target, name: 'b', nodePort: 0 });
  new NodePortService(chart, 'c', {
    target,
    name: 'c',
    ports: [
      { name: 'x', port: 80, nodePort: 0 },
      { name: 'y', port: 81, nodePort: 0 },
    ],
  });
  expect(validationErrors(app)).toEqual([]);
  expect(
    only(
      Testing.synth(chart).filter((m) => m.metadata.name === 'a'),
      'Service',
    ).spec.ports[0].nodePort,
  ).toBeUndefined();
});

// TestValidateServiceCreate (pkg/apis/core/validation/validation_test.go, 1.27), with its node
// ports moved into the default range, and the node-port allocator (initNodePorts) applied after it.
testKubernetesRows('TestValidateServiceCreate', [
  [
    'duplicate nodeports',
    'invalid',
    (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'q', port: 1, nodePort: 30001 },
          { name: 'r', port: 2, nodePort: 30001 },
        ],
      }),
  ],
  // ValidateService accepts this row; initNodePorts then refuses the node port for the second
  // port number, so the cluster rejects it.
  [
    'duplicate nodeports (different protocols)',
    'invalid',
    (c, target) =>
      new NodePortService(c, 's', {
        target,
        ports: [
          { name: 'q', port: 1, nodePort: 30001 },
          { name: 'r', port: 2, protocol: 'UDP', nodePort: 30001 },
        ],
      }),
  ],
  [
    'valid type=NodePort service with NodePort',
    'valid',
    (c, target) => new NodePortService(c, 's', { target, ports: [{ name: 'q', port: 12345, nodePort: 30345 }] }),
  ],
  [
    'valid type=NodePort service without NodePort',
    'valid',
    (c, target) => new NodePortService(c, 's', { target, ports: [{ name: 'q', port: 12345 }] }),
  ],
  [
    'valid type loadbalancer with NodePort',
    'valid',
    (c, target) => new LoadBalancerService(c, 's', { target, ports: [{ name: 'q', port: 12345, nodePort: 30345 }] }),
  ],
]);

describe('NodePortService renders', () => {
  test('leaves the node port to the cluster by default, so two of them never collide', () => {
    const { service } = renderService((chart, target) => new NodePortService(chart, 'svc', { target }));
    expect(service.spec.ports[0].nodePort).toBeUndefined();
  });

  test('opens the nodePort it is given', () => {
    const { service } = renderService(
      (chart, target) => new NodePortService(chart, 'svc', { target, nodePort: 32000 }),
    );
    expect(service.spec.ports[0].nodePort).toBe(32000);
  });
});
