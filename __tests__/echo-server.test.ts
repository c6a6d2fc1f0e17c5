import { Testing } from 'cdk8s';
import { EchoServer } from '../lib';
import { only, testChart } from './support';

function render(props: ConstructorParameters<typeof EchoServer>[2] = {}) {
  const { chart } = testChart();
  const echo = new EchoServer(chart, 'echo', props);
  return { echo, deployment: only(Testing.synth(chart), 'Deployment') };
}

describe('EchoServer', () => {
  test("renders the tutorial's Deployment by default", () => {
    const { deployment } = render();
    expect(deployment.metadata).toEqual({ name: 'echo-server', namespace: 'service-types-demo' });
    expect(deployment.spec.replicas).toBe(2);
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toEqual({
      name: 'echo-server',
      image: 'registry.k8s.io/echoserver:1.10',
      ports: [{ containerPort: 8080 }],
    });
  });

  test('the Deployment selector matches its own pod labels', () => {
    const { deployment } = render({ labels: { app: 'echo', tier: 'web' } });
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'echo', tier: 'web' });
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
      image: 'example.com/echo:2',
      containerPort: 9090,
      containerPortName: 'http',
      containerName: 'web',
    });
    expect(deployment.metadata).toEqual({ name: 'echo', namespace: 'team-a' });
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'example.com/echo:2', ports: [{ containerPort: 9090, name: 'http' }] },
    ]);
    expect(echo.defaultTargetPort).toBe('http');
  });
});
