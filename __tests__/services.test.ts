import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  LoadBalancerService,
  NodePortService,
  SelectingServiceProps,
  SERVICE_BASE_RULES,
  SERVICE_RULES,
  ServiceTarget,
  TOPOLOGY_HINTS_ANNOTATION,
  TOPOLOGY_MODE_ANNOTATION,
  Warnings,
} from '../lib';
import * as kplus from 'cdk8s-plus-27';
import { otherChart, outcomeOf, renderService, RuleRow, testKubernetesRows, testRuleRows } from './service-rules';
import { expectOneError, only, testChart, validationErrors } from './support';

type SelectingClass = new (scope: Chart, id: string, props: SelectingServiceProps) => { name: string };

// Each selecting Service type with the spec fields that only it renders.
const SELECTING: [string, SelectingClass, object][] = [
  ['ClusterIpService', ClusterIpService, { type: 'ClusterIP' }],
  ['NodePortService', NodePortService, { type: 'NodePort' }],
  ['LoadBalancerService', LoadBalancerService, { type: 'LoadBalancer' }],
  ['HeadlessService', HeadlessService, { clusterIP: 'None' }],
];

describe.each(SELECTING)('%s', (_name, Service, typeFields) => {
  test('pointed at an EchoServer, selects exactly its pod labels', () => {
    const { service, deployment } = renderService((chart, target) => new Service(chart, 'svc', { target }));
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
  });

  test('targets a port the echoserver container really exposes', () => {
    const { service, deployment } = renderService((chart, target) => new Service(chart, 'svc', { target }));
    const containerPorts = deployment.spec.template.spec.containers[0].ports.map((p: any) => p.containerPort);
    expect(service.spec.ports).toHaveLength(1);
    expect(containerPorts).toContain(service.spec.ports[0].targetPort);
  });

  test("defaults to a generated name, the chart's namespace, the target port as port, and TCP", () => {
    let name = '';
    const { service } = renderService((chart, target) => {
      name = new Service(chart, 'svc', { target }).name;
    });
    // cdk8s names an object <chart>-<path>-<hash>; 'Resource' is left out of the path.
    expect(name).toMatch(/^test-svc-[0-9a-f]{8}$/);
    expect(service.metadata).toEqual({ name, namespace: 'team-a' });
    // kubectl expose copies the port from the target port; the echoserver listens on 8080.
    expect(service.spec).toMatchObject({
      ...typeFields,
      ports: [{ port: EchoServer.PORT, targetPort: EchoServer.PORT, protocol: 'TCP' }],
    });
  });

  test('follows the workload when its port name and selector labels change, so they cannot drift', () => {
    const { service } = renderService((chart, target) => new Service(chart, 'svc', { target }), {
      containerPortName: 'web',
      selectorLabels: { app: 'other' },
    });
    expect(service.spec.selector).toEqual({ app: 'other' });
    expect(service.spec.ports[0]).toMatchObject({ port: EchoServer.PORT, targetPort: 'web' });
  });

  test('targets a named container port by name', () => {
    const { service } = renderService((chart, target) => new Service(chart, 'svc', { target }), {
      containerPortName: 'http',
    });
    expect(service.spec.ports[0].targetPort).toBe('http');
  });

  test('accepts pods made elsewhere through an explicit selector and targetPort', () => {
    const { chart } = testChart();
    new Service(chart, 'svc', { target: ServiceTarget.labels({ app: 'legacy' }, { targetPort: 5000 }) });
    const service = only(Testing.synth(chart), 'Service');
    expect(service.spec.selector).toEqual({ app: 'legacy' });
    expect(service.spec.ports[0].targetPort).toBe(5000);
  });

  test('non-default props render as documented', () => {
    const { service } = renderService(
      (chart, target) =>
        new Service(chart, 'svc', {
          target,
          name: 'web',
          namespace: 'team-a',
          port: 8081,
          protocol: 'UDP',
          portName: 'dns',
          appProtocol: 'dns',
          labels: { team: 'a' },
          annotations: { 'example.com/owner': 'a' },
        }),
    );
    expect(service.metadata).toEqual({
      name: 'web',
      namespace: 'team-a',
      labels: { team: 'a' },
      annotations: { 'example.com/owner': 'a' },
    });
    expect(service.spec.ports).toEqual([
      expect.objectContaining({ name: 'dns', port: 8081, targetPort: 8080, protocol: 'UDP', appProtocol: 'dns' }),
    ]);
  });

  test('renders several named ports', () => {
    const { service } = renderService(
      (chart, target) =>
        new Service(chart, 'svc', {
          target,
          ports: [
            { name: 'http', port: 80 },
            { name: 'alt', port: 8080, targetPort: 'http' },
          ],
        }),
      { containerPortName: 'http' },
    );
    expect(service.spec.ports).toEqual([
      expect.objectContaining({ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }),
      expect.objectContaining({ name: 'alt', port: 8080, targetPort: 'http', protocol: 'TCP' }),
    ]);
  });
});

describe('ServiceTarget.fromPlusWorkload', () => {
  test('derives selector and targetPort from a cdk8s-plus Deployment', () => {
    const { chart } = testChart();
    const web = new kplus.Deployment(chart, 'web', {
      containers: [{ image: 'nginx', portNumber: 80, ports: [{ number: 9090, name: 'metrics' }] }],
    });
    new ClusterIpService(chart, 'svc', { target: ServiceTarget.fromPlusWorkload(web), port: 8080 });
    const manifests = Testing.synth(chart);
    const service = only(manifests, 'Service');
    const deployment = only(manifests, 'Deployment');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports).toEqual([{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
  });

  test('warns of a named targetPort the cdk8s-plus containers do not declare, and needs the port number', () => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', portNumber: 80 }] });
    new ClusterIpService(chart, 'svc', { target: web, targetPort: 'http' });
    expect(validationErrors(app)).toEqual([
      expect.stringContaining('port is required: targetPort "http" names a port'),
    ]);
    expect(Warnings.list(app)).toEqual([
      expect.objectContaining({
        id: 'service/target-port-undeclared',
        message: expect.stringContaining(
          `targetPort "http" is not a port of Deployment 'test/web', whose containers expose 80`,
        ),
      }),
    ]);
  });
});

describe('a Service without selector', () => {
  test('renders no selector, and takes its targetPort from the port as Kubernetes does', () => {
    const { chart } = testChart();
    new ClusterIpService(chart, 'svc', { target: ServiceTarget.withoutSelector(), port: 5432 });
    const { spec } = only(Testing.synth(chart), 'Service');
    expect(spec).toEqual({ type: 'ClusterIP', ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }] });
  });

  test('a headless Service may have no ports at all', () => {
    const { chart } = testChart();
    new HeadlessService(chart, 'svc', { target: ServiceTarget.withoutSelector(), ports: [] });
    const { spec } = only(Testing.synth(chart), 'Service');
    expect(spec).toEqual({ clusterIP: 'None' });
  });
});

const labelled = (targetPort?: number | string) => ServiceTarget.labels({ app: 'x' }, { targetPort });

// The rules of SERVICE_RULES, one row each.
const ROWS: RuleRow[] = [
  {
    rule: SERVICE_RULES.targetRequired,
    change: 'no target (JavaScript) / a target without selector',
    rejected: (c) => new ClusterIpService(c, 's', {} as never),
    parts: ["ClusterIpService 'demo/s'", 'target is required'],
    accepted: (c) => new ClusterIpService(c, 's', { target: ServiceTarget.withoutSelector(), port: 80 }),
  },
  {
    rule: SERVICE_RULES.singlePortProps,
    change: 'port next to ports / ports alone',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, port: 81, ports: [{ port: 80 }] }),
    parts: ["ClusterIpService 'demo/s'", 'ports cannot be combined with port'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, ports: [{ port: 80 }] }),
  },
  {
    rule: SERVICE_RULES.portsRequired,
    change: 'no ports on a ClusterIP / on a headless Service',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, ports: [] }),
    parts: ["ClusterIpService 'demo/s'", 'ports []', 'only a headless Service may have none'],
    accepted: (c, target) => new HeadlessService(c, 's', { target, ports: [] }),
  },
  {
    rule: SERVICE_RULES.portRequired,
    change: 'neither port nor targetPort / port alone (targetPort defaults to it)',
    rejected: (c) => new ClusterIpService(c, 's', { target: labelled() }),
    parts: ["ClusterIpService 'demo/s'", 'port is required', 'set port or targetPort'],
    accepted: (c) => new ClusterIpService(c, 's', { target: labelled(), port: 80 }),
  },
  {
    rule: SERVICE_RULES.portNumber,
    change: '65536 / 65535',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, port: 65536 }),
    parts: ["ClusterIpService 'demo/s'", 'port 65536', '1 to 65535'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, port: 65535 }),
  },
  {
    rule: SERVICE_RULES.portNumber,
    change: 'a fraction (JSON decoding refuses it) / 1',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, port: 80.5 }),
    parts: ['port 80.5', 'integer from 1 to 65535'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, port: 1 }),
  },
  {
    rule: SERVICE_RULES.protocol,
    change: 'HTTP / SCTP',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, protocol: 'HTTP' as never }),
    parts: ['protocol "HTTP"', 'TCP, UDP, SCTP'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, protocol: 'SCTP' }),
  },
  {
    rule: SERVICE_RULES.portName,
    change: 'capitals / 21 characters (a DNS-1123 label, not an IANA service name)',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, portName: 'Web' }),
    parts: ['portName "Web"', 'DNS-1123 label'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, portName: 'a-very-long-port-name' }),
  },
  {
    rule: SERVICE_RULES.portNameRequired,
    change: 'a second port without name / with one',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', { target, ports: [{ port: 80, name: 'http' }, { port: 81 }] }),
    parts: ['ports[1].name is required'],
    accepted: (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'alt' },
        ],
      }),
  },
  {
    rule: SERVICE_RULES.portNameUnique,
    change: 'one name twice / two names',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'http' },
        ],
      }),
    parts: ['ports[1].name "http"', 'unique'],
    accepted: (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'http2' },
        ],
      }),
  },
  {
    rule: SERVICE_RULES.portProtocolUnique,
    change: '80/TCP twice / 80/TCP and 80/UDP',
    rejected: (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { port: 80, name: 'a' },
          { port: 80, name: 'b' },
        ],
      }),
    parts: ['ports[1] "80/TCP"', 'repeats'],
    accepted: (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { port: 80, name: 'a' },
          { port: 80, name: 'b', protocol: 'UDP' },
        ],
      }),
  },
  {
    rule: SERVICE_RULES.appProtocol,
    change: 'a space / a prefixed name',
    rejected: (c, target) => new ClusterIpService(c, 's', { target, appProtocol: 'http 2' }),
    parts: ['appProtocol "http 2"'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, appProtocol: 'kubernetes.io/h2c' }),
  },
  {
    rule: SERVICE_RULES.targetPort,
    change: 'an underscore / a dash in a named targetPort (an IANA service name)',
    rejected: (c) => new ClusterIpService(c, 's', { target: labelled(), targetPort: 'http_port', port: 80 }),
    parts: ['targetPort "http_port"', 'IANA service name'],
    accepted: (c) => new ClusterIpService(c, 's', { target: labelled(), targetPort: 'http-port', port: 80 }),
  },
  {
    rule: SERVICE_RULES.targetPortUndeclared,
    change: 'a number the container does not declare / the one it does',
    rejected: (c, target) => new LoadBalancerService(c, 's', { target, targetPort: 9090 }),
    parts: ["LoadBalancerService 'demo/s'", 'targetPort 9090', "EchoServer 'demo/echo'", 'expose 8080', 'anyway'],
    accepted: (c, target) => new LoadBalancerService(c, 's', { target, targetPort: 8080 }),
  },
  {
    rule: SERVICE_RULES.selectorLabel,
    change: "'=' in a key / a prefixed key",
    rejected: (c) => new ClusterIpService(c, 's', { target: ServiceTarget.labels({ 'a=b': 'x' }, { targetPort: 80 }) }),
    parts: ['selector key "a=b"', 'label key'],
    accepted: (c) =>
      new ClusterIpService(c, 's', { target: ServiceTarget.labels({ 'example.com/a': 'x' }, { targetPort: 80 }) }),
  },
  {
    rule: SERVICE_RULES.selectorEmpty,
    change: 'empty labels / ServiceTarget.withoutSelector()',
    rejected: (c) => new ClusterIpService(c, 's', { target: ServiceTarget.labels({}, { targetPort: 80 }) }),
    parts: ['selector {}', 'selects no pods', 'ServiceTarget.withoutSelector()'],
    accepted: (c) => new ClusterIpService(c, 's', { target: ServiceTarget.withoutSelector({ targetPort: 80 }) }),
  },
  {
    rule: SERVICE_RULES.selectorMatchesNoPods,
    change: "a selector the workload's pods lack / carry",
    rejected: (c, target) => new ClusterIpService(c, 's', { target, selector: { app: 'other' } }),
    parts: ['selector["app"] "other"', "pods of EchoServer 'demo/echo'", 'labelled {"app":"echo-server"}'],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, selector: { app: 'echo-server' } }),
  },
  {
    rule: SERVICE_RULES.targetNamespace,
    change: "another namespace than the workload's / the same",
    rejected: (c, target) => new ClusterIpService(c, 's', { target, namespace: 'team-b' }),
    parts: ['namespace "team-b"', 'namespace "team-a" of EchoServer \'demo/echo\''],
    accepted: (c, target) => new ClusterIpService(c, 's', { target, namespace: 'team-a' }),
  },
  {
    rule: SERVICE_RULES.namespaceImplicit,
    change: 'no namespace while the workload has one / the same one',
    rejected: (c, target) => new ClusterIpService(otherChart(c), 's', { target }),
    parts: ["ClusterIpService 'other-none/s'", 'namespace is not set', 'namespace "team-a"'],
    accepted: (c, target) => new ClusterIpService(otherChart(c, 'team-a'), 's', { target }),
  },
  {
    rule: SERVICE_BASE_RULES.topologyAnnotations,
    change: 'topology-mode Auto with topology-aware-hints auto / Auto',
    rejected: (c) => topologyAnnotated(c, { [TOPOLOGY_MODE_ANNOTATION]: 'Auto', [TOPOLOGY_HINTS_ANNOTATION]: 'auto' }),
    parts: [
      "ExternalNameService 'demo/s'",
      `annotations["${TOPOLOGY_MODE_ANNOTATION}"] "Auto"`,
      `must match annotations["${TOPOLOGY_HINTS_ANNOTATION}"] "auto"`,
    ],
    accepted: (c) => topologyAnnotated(c, { [TOPOLOGY_MODE_ANNOTATION]: 'Auto', [TOPOLOGY_HINTS_ANNOTATION]: 'Auto' }),
  },
  {
    rule: SERVICE_BASE_RULES.topologyHintsDeprecated,
    change: 'topology-aware-hints Auto / topology-mode Auto',
    rejected: (c) =>
      new ExternalNameService(c, 's', {
        externalName: 'db.example.com',
        annotations: { [TOPOLOGY_HINTS_ANNOTATION]: 'Auto' },
      }),
    parts: [
      "ExternalNameService 'demo/s'",
      `annotations["${TOPOLOGY_HINTS_ANNOTATION}"] "Auto"`,
      'deprecated',
      `use annotations["${TOPOLOGY_MODE_ANNOTATION}"] instead`,
    ],
    accepted: (c) =>
      new ExternalNameService(c, 's', {
        externalName: 'db.example.com',
        annotations: { [TOPOLOGY_MODE_ANNOTATION]: 'Auto' },
      }),
  },
];

/**
 * An ExternalName Service with topology annotations. Both annotations together always raise the
 * deprecation warning of topology-aware-hints, which is acknowledged here so that each build
 * shows only the rule its row is about.
 */
function topologyAnnotated(chart: Chart, annotations: Record<string, string>): void {
  const service = new ExternalNameService(chart, 's', { externalName: 'db.example.com', annotations });
  Warnings.acknowledge(
    service,
    SERVICE_BASE_RULES.topologyHintsDeprecated.id,
    'kept for EndpointSlice controllers older than 1.27',
  );
}

// Each message names the property as the props spell it and says what is wrong; these pin the
// parts the rule rows leave open.
describe('what the messages of selecting Services say', () => {
  const errorsOf = (build: (chart: Chart, echo: EchoServer) => void) => outcomeOf(build).errors;
  const warningsOf = (build: (chart: Chart, echo: EchoServer) => void) =>
    outcomeOf(build).warnings.map((w) => w.message);

  test('a name given explicitly is reported as given, without the hint for generated names', () => {
    const [error] = errorsOf((c, target) => new ClusterIpService(c, 's', { target, name: '1abc' }));
    expect(error).toContain(`name "1abc" must be a DNS-1035 label`);
    expect(error).not.toContain('generated');
  });

  test('ports with single-port props name the props to move into ports', () => {
    expect(
      errorsOf((c, target) => new ClusterIpService(c, 's', { target, port: 80, ports: [{ port: 81 }] } as never)),
    ).toEqual([
      `ClusterIpService 'demo/s': ports cannot be combined with port; describe every port in ports [${SERVICE_RULES.singlePortProps.id}]`,
    ]);
  });

  test('ports with several single-port props name each of them', () => {
    expect(
      errorsOf(
        (c, target) =>
          new ClusterIpService(c, 's', { target, port: 80, portName: 'a', ports: [{ port: 81 }] } as never),
      ),
    ).toEqual([
      `ClusterIpService 'demo/s': ports cannot be combined with port, portName; describe every port in ports [${SERVICE_RULES.singlePortProps.id}]`,
    ]);
  });

  test("a targetPort from the target's default names it so when the target says no more", () => {
    const { app, chart } = testChart();
    new ClusterIpService(chart, 's', {
      target: ServiceTarget.labels({ app: 'web' }, { targetPort: 'an-overlong-port-name' }),
    });
    expectOneError(validationErrors(app), [
      `ClusterIpService 'test/s': targetPort (not set, so taken from the target's default targetPort) "an-overlong-port-name"`,
    ]);
  });

  test('a targetPort that is the port, for a target with no default, is reported as targetPort', () => {
    const { app, chart } = testChart();
    new ClusterIpService(chart, 's', { target: ServiceTarget.labels({ app: 'web' }), port: 70000 });
    expect(validationErrors(app)).toEqual([
      expect.stringContaining(`'test/s': port 70000`),
      expect.stringContaining(`'test/s': targetPort 70000`),
    ]);
  });

  test('a single port is described by its props; one of several by its index in ports', () => {
    const single = errorsOf((c, target) => new ClusterIpService(c, 's', { target, port: 70000, portName: 'A' }));
    expect(single).toEqual([
      expect.stringContaining(`'demo/s': port 70000`),
      expect.stringContaining(`'demo/s': portName "A"`),
    ]);
    const several = errorsOf(
      (c, target) =>
        new ClusterIpService(c, 's', {
          target,
          ports: [
            { name: 'a', port: 80 },
            { name: 'B', port: 70000 },
          ],
        }),
    );
    expect(several).toEqual([
      expect.stringContaining(`'demo/s': ports[1].port 70000`),
      expect.stringContaining(`'demo/s': ports[1].name "B"`),
    ]);
  });

  // The API server refuses a container port name that is not an IANA service name
  // (validateContainerPorts, IsValidPortName), and so a Service targetPort of that name
  // (validateServicePort, ValidatePortNumOrName). A targetPort the author did not set is
  // blamed on the prop that was set: the workload's container port.
  test('a targetPort taken from a cdk8s-plus container port names the workload, container and port', () => {
    const { app, chart } = testChart();
    const web = new kplus.Deployment(chart, 'web', {
      containers: [{ name: 'main', image: 'nginx', ports: [{ number: 8080, name: 'an-overlong-port-name' }] }],
    });
    new ClusterIpService(chart, 's', { target: web });
    expectOneError(validationErrors(app), [
      `ClusterIpService 'test/s': targetPort (not set, so taken from the first port of Deployment 'test/web', port 8080 named "an-overlong-port-name" of container "main") "an-overlong-port-name" must be an IANA service name`,
      '[service/target-port]',
    ]);
  });

  test('a targetPort taken from an EchoServer names the EchoServer prop it came from', () => {
    const { app, chart } = testChart();
    const echo = new EchoServer(chart, 'echo', { containerPortName: 'an-overlong-port-name' });
    new ClusterIpService(chart, 's', { target: echo });
    const errors = validationErrors(app).filter((e) => e.startsWith('ClusterIpService'));
    expectOneError(errors, [`targetPort (not set, so taken from containerPortName of EchoServer 'test/echo')`]);
  });

  test('a targetPort set on the Service is reported as set', () => {
    const { app, chart } = testChart();
    const web = new kplus.Deployment(chart, 'web', {
      containers: [{ name: 'main', image: 'nginx', ports: [{ number: 8080, name: 'http' }] }],
    });
    new ClusterIpService(chart, 's', { target: web, targetPort: 'an-overlong-port-name' });
    expect(validationErrors(app)).toEqual([
      expect.stringContaining(`'test/s': targetPort "an-overlong-port-name" must be an IANA service name`),
    ]);
  });

  test('a huge value is quoted cut, with its length, not whole', () => {
    const { app, chart } = testChart();
    const huge = 'a'.repeat(5 * 1024 * 1024);
    new ExternalNameService(chart, 'ext', { externalName: huge });
    const [error] = validationErrors(app);
    expect(error).toContain(`externalName "${'a'.repeat(99)}… (cut; 5242880 characters) must be a DNS-1123 subdomain`);
    expect(error.length).toBeLessThan(600);
  });

  test('an invalid targetPort is the one problem reported for its port: no undeclared-port warning', () => {
    expect(outcomeOf((c, target) => new ClusterIpService(c, 's', { target, targetPort: 70000 }))).toEqual({
      errors: [expect.stringContaining(`targetPort 70000`)],
      warnings: [],
    });
  });

  test('a named targetPort on pods of unknown ports needs the port number, naming "the target"', () => {
    expect(
      errorsOf(
        (c) => new ClusterIpService(c, 's', { target: ServiceTarget.labels({ app: 'x' }, { targetPort: 'http' }) }),
      ),
    ).toEqual([
      `ClusterIpService 'demo/s': port is required: targetPort "http" names a port whose number the target does not tell [${SERVICE_RULES.portRequired.id}]`,
    ]);
  });

  test("a targetPort matches any of the containers' ports, not only the first", () => {
    const build = (c: Chart) => {
      const web = new kplus.Deployment(c, 'web', {
        containers: [{ image: 'nginx', ports: [{ number: 80 }, { number: 9090, name: 'metrics' }] }],
      });
      new ClusterIpService(c, 's', { target: web, targetPort: 9090 });
      new ClusterIpService(c, 't', { target: web, port: 9090, targetPort: 'metrics' });
    };
    expect(outcomeOf(build)).toEqual({ errors: [], warnings: [] });
  });

  test.each([
    [8081, 'traffic reaches the pods only if a container listens on it anyway'],
    ['metrics', 'a port name that no container declares never resolves, so the Service has no endpoints'],
  ])('an undeclared targetPort %j says what follows: %s', (targetPort, consequence) => {
    const warnings = warningsOf((c, target) => new ClusterIpService(c, 's', { target, port: 80, targetPort }));
    expect(warnings).toEqual([expect.stringContaining(`whose containers expose 8080: ${consequence}`)]);
  });

  test('a target whose containers declare no ports says so', () => {
    const target = { selector: { app: 'x' }, containerPorts: [] };
    expect(warningsOf((c) => new ClusterIpService(c, 's', { target, port: 80 }))).toEqual([
      expect.stringContaining('is not a port of the target, whose containers expose no ports'),
    ]);
  });

  test('a namespace on the Service while its workload has none is warned about', () => {
    const warnings = warningsOf((c) => {
      const elsewhere = otherChart(c);
      const target = new EchoServer(elsewhere, 'echo');
      new ClusterIpService(elsewhere, 's', { target, namespace: 'team-a' });
    });
    expect(warnings).toEqual([
      expect.stringContaining(
        `namespace "team-a" is set, but EchoServer 'other-none/echo' has none: it reaches the pods only when kubectl applies the workload to that namespace; set the workload's namespace [${SERVICE_RULES.namespaceImplicit.id}]`,
      ),
    ]);
  });

  test('without port or targetPort, a port takes no number from the containers: one error, nothing more', () => {
    const target = { selector: { app: 'x' }, containerPorts: [{ containerPort: 10250 }] };
    expect(errorsOf((c) => new LoadBalancerService(c, 's', { target }))).toEqual([
      expect.stringContaining(`port is required: the target does not say which port its pods listen on`),
    ]);
  });

  test('a selector value is reported by its key', () => {
    expect(
      errorsOf(
        (c) => new ClusterIpService(c, 's', { target: ServiceTarget.labels({ app: 'a b' }, { targetPort: 80 }) }),
      ),
    ).toEqual([expect.stringContaining(`selector["app"] "a b"`)]);
  });

  test('a repeated port name says names must be unique', () => {
    const ports = [
      { name: 'web', port: 80 },
      { name: 'web', port: 81 },
    ];
    expect(errorsOf((c, target) => new ClusterIpService(c, 's', { target, ports }))).toEqual([
      `ClusterIpService 'demo/s': ports[1].name "web" is used by another port; port names must be unique [${SERVICE_RULES.portNameUnique.id}]`,
    ]);
  });
});

describe('each Service rule, in both directions', () => {
  testRuleRows(ROWS);
});

describe('warnings of Services', () => {
  test('a targetPort the containers do not declare: synth passes, list() shows it, strict fails', () => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    const target = new EchoServer(chart, 'echo');
    new ClusterIpService(chart, 's', { target, targetPort: 9090 });
    expect(only(Testing.synth(chart), 'Service').spec.ports[0].targetPort).toBe(9090);
    expect(Warnings.list(app).map((w) => w.id)).toEqual(['service/target-port-undeclared']);
    Warnings.configure(app, { strict: true });
    expect(() => Testing.synth(chart)).toThrow(/targetPort 9090 .*\[service\/target-port-undeclared\]/);
  });

  test('topology-aware-hints raises its deprecation warning whatever its value and next to topology-mode', () => {
    const { app, chart } = testChart();
    Warnings.configure(app, { report: () => undefined });
    new ExternalNameService(chart, 'a', {
      externalName: 'db.example.com',
      annotations: { [TOPOLOGY_HINTS_ANNOTATION]: '' },
    });
    topologyAnnotated(chart, { [TOPOLOGY_MODE_ANNOTATION]: 'Auto', [TOPOLOGY_HINTS_ANNOTATION]: 'Auto' });
    expect(Warnings.list(app).map((w) => [w.path, w.id, w.acknowledged !== undefined])).toEqual([
      ['test/a', SERVICE_BASE_RULES.topologyHintsDeprecated.id, false],
      ['test/s', SERVICE_BASE_RULES.topologyHintsDeprecated.id, true],
    ]);
  });
});

// TestValidateServiceCreate (pkg/apis/core/validation/validation_test.go, 1.27): the rows whose
// field a construct prop expresses. Its base Service has one TCP port 8675 named "p" on a ClusterIP Service.
testKubernetesRows('TestValidateServiceCreate', [
  [
    'nil selector',
    'valid',
    (c) => new ClusterIpService(c, 's', { target: ServiceTarget.withoutSelector(), port: 8675 }),
  ],
  [
    'invalid selector',
    'invalid',
    (c) =>
      new ClusterIpService(c, 's', {
        target: ServiceTarget.labels({ 'NoSpecialCharsLike=Equals': 'bar' }, { targetPort: 8675 }),
      }),
  ],
  ['missing ports', 'invalid', (c, target) => new ClusterIpService(c, 's', { target, ports: [] })],
  ['missing ports but headless', 'valid', (c, target) => new HeadlessService(c, 's', { target, ports: [] })],
  ['empty port[0] name', 'valid', (c, target) => new ClusterIpService(c, 's', { target, port: 8675, portName: '' })],
  [
    'empty port[1] name',
    'invalid',
    (c, target) => new ClusterIpService(c, 's', { target, ports: [{ name: 'p', port: 8675 }, { port: 12345 }] }),
  ],
  [
    'empty multi-port port[0] name',
    'invalid',
    (c, target) => new ClusterIpService(c, 's', { target, ports: [{ port: 8675 }, { name: 'p', port: 12345 }] }),
  ],
  ['invalid port name', 'invalid', (c, target) => new ClusterIpService(c, 's', { target, portName: 'INVALID' })],
  [
    'invalid protocol',
    'invalid',
    (c, target) => new ClusterIpService(c, 's', { target, protocol: 'INVALID' as never }),
  ],
  ['missing port', 'invalid', (c) => new ClusterIpService(c, 's', { target: labelled(), port: 0 })],
  ['invalid port', 'invalid', (c, target) => new ClusterIpService(c, 's', { target, port: 65536 })],
  ['invalid TargetPort int', 'invalid', (c) => new ClusterIpService(c, 's', { target: labelled(65536), port: 8675 })],
  ['valid port headless', 'valid', (c) => new HeadlessService(c, 's', { target: labelled(11722), port: 11722 })],
  // A headless Service's targetPort is not checked against its port (compatibility of the v1 API).
  ['invalid port headless 1', 'valid', (c) => new HeadlessService(c, 's', { target: labelled(11721), port: 11722 })],
  ['invalid port headless 2', 'valid', (c) => new HeadlessService(c, 's', { target: labelled('target'), port: 11722 })],
  [
    'dup port name',
    'invalid',
    (c, target) =>
      new ClusterIpService(c, 's', {
        target,
        ports: [
          { name: 'p', port: 8675 },
          { name: 'p', port: 12345 },
        ],
      }),
  ],
  [
    'valid load balancer protocol UDP 1',
    'valid',
    (c) => new LoadBalancerService(c, 's', { target: labelled(8675), protocol: 'UDP' }),
  ],
  ['valid 2', 'valid', (c) => new ClusterIpService(c, 's', { target: labelled(12345), port: 8675, protocol: 'UDP' })],
  ['valid 3', 'valid', (c) => new ClusterIpService(c, 's', { target: labelled('http'), port: 8675 })],
  [
    'invalid duplicate ports (with same protocol)',
    'invalid',
    (c) =>
      new ClusterIpService(c, 's', {
        target: labelled(),
        ports: [
          { name: 'q', port: 12345, targetPort: 8080 },
          { name: 'r', port: 12345, targetPort: 80 },
        ],
      }),
  ],
  [
    'valid duplicate ports (with different protocols)',
    'valid',
    (c) =>
      new ClusterIpService(c, 's', {
        target: labelled(),
        ports: [
          { name: 'q', port: 12345, targetPort: 8080 },
          { name: 'r', port: 12345, targetPort: 80, protocol: 'UDP' },
        ],
      }),
  ],
  [
    'invalid cluster service with NodePort',
    'invalid',
    (c) =>
      new ClusterIpService(c, 's', {
        target: labelled(),
        ports: [{ name: 'q', port: 12345, nodePort: 30345 }] as never,
      }),
  ],
  [
    'valid cluster service without NodePort',
    'valid',
    (c) => new ClusterIpService(c, 's', { target: labelled(), ports: [{ name: 'q', port: 12345 }] }),
  ],
]);
