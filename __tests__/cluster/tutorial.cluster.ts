import * as path from 'path';
import { ROOT } from '../support';
import { applyClean, deleteApplied, eventually, getJson, kubectlOk, podIps, serviceEndpoints } from './support';

// The tutorial's own step, `kubectl apply -f dist/` (client-side apply), against a real API
// server and controllers: what the README promises happens in a cluster.
const NAMESPACE = 'service-types-demo';
const DIST = path.join(ROOT, 'dist');
const SELECTED = ['echo-clusterip', 'echo-nodeport', 'echo-loadbalancer', 'echo-headless'];

let firstApply = '';
beforeAll(async () => {
  firstApply = await applyClean(['-f', DIST]);
});
afterAll(() => deleteApplied(DIST), 150_000);

test('kubectl apply -f dist/ creates the seven objects', () => {
  expect(firstApply.trim().split('\n').sort()).toEqual(
    [
      'namespace/service-types-demo created',
      'deployment.apps/echo-server created',
      'service/echo-clusterip created',
      'service/echo-nodeport created',
      'service/echo-loadbalancer created',
      'service/echo-headless created',
      'service/external-api created',
    ].sort(),
  );
});

test('the Deployment becomes 2/2 available', async () => {
  await kubectlOk(['rollout', 'status', '-n', NAMESPACE, 'deployment/echo-server', '--timeout=90s']);
  const deployment = await getJson('deployment', '-n', NAMESPACE, 'echo-server');
  expect(deployment.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
});

test.each(SELECTED)('the EndpointSlices of %s list exactly the two pods, on port 8080', async (service) => {
  const pods = await eventually('two running pods', async () => {
    const ips = await podIps(NAMESPACE, 'app=echo-server');
    return ips.length === 2 ? ips : undefined;
  });
  const endpoints = await eventually(`the endpoints of ${service}`, async () => {
    const found = await serviceEndpoints(NAMESPACE, service);
    return found.addresses.length === 2 ? found : undefined;
  });
  expect(endpoints.addresses).toEqual(pods);
  expect(endpoints.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
});

test('the NodePort Service holds node port 30080', async () => {
  const service = await getJson('service', '-n', NAMESPACE, 'echo-nodeport');
  expect(service.spec.ports.map((p: any) => p.nodePort)).toEqual([30080]);
});

test('the LoadBalancer Service is allocated a node port of its own, as every LoadBalancer Service', async () => {
  const service = await getJson('service', '-n', NAMESPACE, 'echo-loadbalancer');
  expect(service.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  expect(service.spec.ports[0].nodePort).not.toBe(30080);
});

test('the headless Service has no cluster IP', async () => {
  const service = await getJson('service', '-n', NAMESPACE, 'echo-headless');
  expect(service.spec.clusterIP).toBe('None');
  expect(service.spec.clusterIPs).toEqual(['None']);
});

test('the ExternalName Service has no endpoints', async () => {
  const service = await getJson('service', '-n', NAMESPACE, 'external-api');
  expect(service.spec).toMatchObject({ type: 'ExternalName', externalName: 'httpbin.org' });
  expect(service.spec.clusterIP).toBeUndefined();
  // Give the endpoint controllers the time they took for the other Services, then look.
  await eventually('the headless Service endpoints', async () =>
    (await serviceEndpoints(NAMESPACE, 'echo-headless')).addresses.length === 2 ? true : undefined,
  );
  expect((await serviceEndpoints(NAMESPACE, 'external-api')).slices).toBe(0);
  const endpoints = (await getJson('endpoints', '-n', NAMESPACE)).items.map((e: any) => e.metadata.name);
  expect(endpoints).not.toContain('external-api');
});

test('a second apply changes nothing', async () => {
  const versions = async () =>
    (await getJson('-f', DIST)).items.map((o: any) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
  // The Deployment's status moves on its own; compare once it has settled.
  await kubectlOk(['rollout', 'status', '-n', NAMESPACE, 'deployment/echo-server', '--timeout=90s']);
  const before = await versions();
  const second = await applyClean(['-f', DIST]);
  expect(second.trim().split('\n')).toHaveLength(7);
  for (const line of second.trim().split('\n')) expect(line).toMatch(/ unchanged$/);
  expect(await versions()).toEqual(before);
});
