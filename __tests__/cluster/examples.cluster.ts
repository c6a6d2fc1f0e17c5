import * as path from 'path';
import { readYaml, ROOT } from '../support';
import {
  applyClean,
  deleteApplied,
  eventually,
  installGatewayCrds,
  getJson,
  kubectlOk,
  podIps,
  serviceEndpoints,
} from './support';

// The examples' committed manifests applied as a user would, after the Gateway API CRDs the
// project vendors: the API server checks them against the real schemas and CEL rules, and the
// controllers make their workloads ready and their Services' endpoints.
const EXAMPLES = ['production', 'gateway'].map((name) => ({
  name,
  file: path.join(ROOT, 'examples', name, 'dist', `${name}.yaml`),
}));

const selectorOf = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

beforeAll(installGatewayCrds);
afterAll(async () => {
  for (const { file } of EXAMPLES) await deleteApplied(file);
}, 300_000);

describe.each(EXAMPLES)('examples/$name/dist', ({ file }) => {
  const objects = readYaml(file);
  const services = objects.filter((o) => o.kind === 'Service');

  test('applies cleanly: every object created, no warning', async () => {
    const result = await applyClean(['-f', file]);
    expect(result.trim().split('\n')).toEqual(
      objects.map((o) => expect.stringMatching(new RegExp(`/${o.metadata.name} created$`))),
    );
  });

  test.each(objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet').map((o) => [o.kind, o]))(
    'the %s %# becomes ready',
    async (kind, workload) => {
      const { name, namespace } = workload.metadata;
      await kubectlOk(['rollout', 'status', '-n', namespace, `${kind.toLowerCase()}/${name}`, '--timeout=120s']);
      const status = (await getJson(kind.toLowerCase(), '-n', namespace, name)).status;
      expect(status.readyReplicas).toBe(workload.spec.replicas ?? 1);
    },
  );

  test.each(services.filter((s) => s.spec.selector).map((s) => [s.metadata.name, s]))(
    'the Service %s has the pods it selects as endpoints',
    async (_name, service) => {
      const { name, namespace } = service.metadata;
      const { ipFamilies } = (await getJson('service', '-n', namespace, name)).spec;
      const pods = await podIps(namespace, selectorOf(service.spec.selector), ipFamilies);
      expect(pods.length).toBeGreaterThan(0);
      const endpoints = await eventually(`the endpoints of ${name}`, async () => {
        const found = await serviceEndpoints(namespace, name);
        return found.addresses.length === pods.length ? found : undefined;
      });
      expect(endpoints.addresses).toEqual(pods);
      // Each Service port targets the container's port 8080 (by number or by its name "http").
      const expected = service.spec.ports.map((p: any) => ({ name: p.name ?? '', port: 8080, protocol: 'TCP' }));
      expect(endpoints.ports).toEqual(expected.sort((a: any, b: any) => a.name.localeCompare(b.name)));
    },
  );
});

test("the StatefulSet's pods are governed by the one headless Service that selects them", async () => {
  const production = readYaml(EXAMPLES[0].file);
  const statefulSet = production.find((o) => o.kind === 'StatefulSet');
  const { namespace } = statefulSet.metadata;
  const podLabels = statefulSet.spec.template.metadata.labels;
  const headless = (await getJson('services', '-n', namespace)).items.filter(
    (s: any) =>
      s.spec.clusterIP === 'None' &&
      s.spec.selector &&
      Object.entries(s.spec.selector).every(([key, value]) => podLabels[key] === value),
  );
  expect(headless.map((s: any) => s.metadata.name)).toEqual([statefulSet.spec.serviceName]);
  // A pod gets a DNS name under the governing Service: its subdomain is the Service's name,
  // and the EndpointSlice carries its hostname.
  const pods = (await getJson('pods', '-n', namespace, '-l', selectorOf(podLabels))).items;
  const names = Array.from({ length: statefulSet.spec.replicas }, (_, i) => `${statefulSet.metadata.name}-${i}`);
  expect(pods.map((p: any) => p.metadata.name).sort()).toEqual(names);
  for (const pod of pods)
    expect(pod.spec).toMatchObject({ hostname: pod.metadata.name, subdomain: statefulSet.spec.serviceName });
  const slices = (
    await getJson('endpointslices', '-n', namespace, '-l', `kubernetes.io/service-name=${statefulSet.spec.serviceName}`)
  ).items;
  expect(slices.flatMap((s: any) => s.endpoints.map((e: any) => e.hostname)).sort()).toEqual(names);
});
