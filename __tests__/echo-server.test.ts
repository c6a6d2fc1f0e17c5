import { Testing } from 'cdk8s';
import { EchoServer } from '../lib';
import { only, testChart } from './support';

function render(props: ConstructorParameters<typeof EchoServer>[2] = {}) {
  const { chart } = testChart({ namespace: 'team-a' });
  const echo = new EchoServer(chart, 'echo', props);
  return { echo, deployment: only(Testing.synth(chart), 'Deployment') };
}

describe('EchoServer', () => {
  test('defaults: a generated name, the chart namespace, one replica, echoserver on its port 8080', () => {
    const { echo, deployment } = render();
    expect(echo.name).toMatch(/^test-echo-[0-9a-f]{8}$/);
    expect(deployment.metadata).toMatchObject({ name: echo.name, namespace: 'team-a' });
    // A Deployment's replicas default to 1 in Kubernetes too.
    expect(deployment.spec.replicas).toBe(1);
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toEqual({
      name: 'echoserver',
      image: 'registry.k8s.io/echoserver:1.10',
      ports: [{ containerPort: 8080 }],
    });
  });

  test('selects its pods by the recommended name and a generated instance label, on the Deployment too', () => {
    const { echo, deployment } = render();
    const identity = { 'app.kubernetes.io/name': 'echoserver', 'app.kubernetes.io/instance': expect.any(String) };
    expect(deployment.spec.selector.matchLabels).toEqual(identity);
    expect(deployment.metadata.labels).toEqual(identity);
    expect(deployment.spec.template.metadata.labels).toEqual(deployment.spec.selector.matchLabels);
    expect(echo.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  test('two EchoServers in one namespace select disjoint pods', () => {
    const { chart } = testChart({ namespace: 'team-a' });
    new EchoServer(chart, 'a');
    new EchoServer(chart, 'b');
    const [a, b] = Testing.synth(chart).map((d) => d.spec.selector.matchLabels);
    expect(a['app.kubernetes.io/instance']).not.toBe(b['app.kubernetes.io/instance']);
  });

  test('free labels and recommended labels reach the Deployment and pods but never the selector', () => {
    const plain = render({ selectorLabels: { app: 'echo' } }).deployment;
    const labelled = render({
      selectorLabels: { app: 'echo' },
      labels: { tier: 'web' },
      recommendedLabels: { name: 'echo', instance: 'echo-a', version: '1.10', partOf: 'shop', managedBy: 'cdk8s' },
    }).deployment;
    expect(labelled.spec.selector).toEqual(plain.spec.selector);
    expect(labelled.spec.selector.matchLabels).toEqual({ app: 'echo' });
    const objectLabels = {
      tier: 'web',
      'app.kubernetes.io/name': 'echo',
      'app.kubernetes.io/instance': 'echo-a',
      'app.kubernetes.io/version': '1.10',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s',
    };
    expect(labelled.metadata.labels).toEqual(objectLabels);
    expect(labelled.spec.template.metadata.labels).toEqual({ ...objectLabels, app: 'echo' });
  });

  test('a recommended version changes pod labels, not the selector, which Kubernetes keeps immutable', () => {
    const v1 = render({ recommendedLabels: { instance: 'a', version: '1' } }).deployment;
    const v2 = render({ recommendedLabels: { instance: 'a', version: '2' } }).deployment;
    expect(v2.spec.selector).toEqual(v1.spec.selector);
    expect(v2.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2');
  });

  test('with selectorLabels alone, the Deployment object carries no labels', () => {
    const { deployment } = render({ selectorLabels: { app: 'echo-server' } });
    expect(deployment.metadata.labels).toBeUndefined();
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'echo-server' });
  });

  test('adds none of the cdk8s-plus defaults the tutorial does not have', () => {
    const { deployment } = render();
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    const [container] = pod.containers;
    for (const key of [
      'securityContext',
      'resources',
      'startupProbe',
      'readinessProbe',
      'livenessProbe',
      'imagePullPolicy',
    ]) {
      expect(container[key]).toBeUndefined();
    }
  });

  test('non-default props render as documented', () => {
    const { echo, deployment } = render({
      name: 'echo',
      namespace: 'team-a',
      replicas: 0,
      image: 'mirror.example.com/echoserver:1.10',
      containerPortName: 'http',
      containerName: 'web',
      selectorLabels: { app: 'echo' },
    });
    expect(deployment.metadata).toEqual({ name: 'echo', namespace: 'team-a' });
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'mirror.example.com/echoserver:1.10', ports: [{ containerPort: 8080, name: 'http' }] },
    ]);
    expect(echo.defaultTargetPort).toBe('http');
  });
});
