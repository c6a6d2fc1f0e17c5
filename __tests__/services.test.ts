import { Chart, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  EchoServerProps,
  ExternalNameService,
  ExternalNameServiceProps,
  HeadlessService,
  LoadBalancerService,
  NodePortService,
  SelectingServiceProps,
  ServiceTarget,
} from '../lib';
import * as kplus from 'cdk8s-plus-27';
import { expectOneError, only, testChart, validationErrors } from './support';

type SelectingClass = new (scope: Chart, id: string, props: SelectingServiceProps) => { name: string };

// Each selecting Service type with the spec fields that only it renders.
const SELECTING: [string, SelectingClass, object][] = [
  ['ClusterIpService', ClusterIpService, { type: 'ClusterIP' }],
  ['NodePortService', NodePortService, { type: 'NodePort' }],
  ['LoadBalancerService', LoadBalancerService, { type: 'LoadBalancer' }],
  ['HeadlessService', HeadlessService, { clusterIP: 'None' }],
];

function renderService(make: (chart: Chart, echo: EchoServer) => void, echoProps: EchoServerProps = {}) {
  const { chart } = testChart({ namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', echoProps);
  make(chart, echo);
  const manifests = Testing.synth(chart);
  return { service: only(manifests, 'Service'), deployment: only(manifests, 'Deployment') };
}

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

describe('NodePortService', () => {
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

describe('LoadBalancerService', () => {
  test('leaves the node port to the cluster by default', () => {
    const { service } = renderService((chart, target) => new LoadBalancerService(chart, 'svc', { target }));
    expect(service.spec.ports[0].nodePort).toBeUndefined();
  });
});

describe('HeadlessService', () => {
  test('has clusterIP None and no type, so DNS returns pod IPs', () => {
    const { service } = renderService((chart, target) => new HeadlessService(chart, 'svc', { target }));
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.type).toBeUndefined();
  });
});

describe('ExternalNameService', () => {
  test('is a CNAME to the host it is given, with no selector, ports or cluster IP', () => {
    const { chart } = testChart({ namespace: 'team-a' });
    const svc = new ExternalNameService(chart, 'ext', { name: 'db', externalName: 'db.example.com' });
    const service = only(Testing.synth(chart), 'Service');
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'team-a' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    });
    expect(svc.dnsName).toBe('db.team-a.svc.cluster.local');
  });

  test('requires externalName from JavaScript callers, which the types cannot stop', () => {
    const { app, chart } = testChart();
    new ExternalNameService(chart, 'ext', {} as ExternalNameServiceProps);
    expectOneError(validationErrors(app), ["ExternalNameService 'test/ext'", 'externalName is required']);
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

  test('rejects a targetPort the cdk8s-plus containers do not expose', () => {
    const { app, chart } = testChart();
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', portNumber: 80 }] });
    new ClusterIpService(chart, 'svc', { target: web, targetPort: 'http' });
    expect(validationErrors(app)).toEqual([
      expect.stringContaining(`targetPort "http" is not a port of Deployment 'test/web', whose containers expose 80`),
    ]);
  });
});
