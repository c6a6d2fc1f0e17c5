import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './support';

// The example's kustomization lists its rendered manifest; kubectl kustomize reads it offline.
const available = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf-8' }).status === 0;
if (!available) {
  console.warn('kubectl not found: skipping the kubectl kustomize check of examples/gateway');
}

test('the kustomization lists every manifest of examples/gateway/dist', () => {
  const listed = parseAllDocuments(
    fs.readFileSync(path.join(ROOT, 'examples', 'gateway', 'kustomization.yaml'), 'utf-8'),
  )[0].toJSON().resources;
  const rendered = fs.readdirSync(path.join(ROOT, 'examples', 'gateway', 'dist')).map((f) => `dist/${f}`);
  expect(listed).toEqual(rendered.sort());
});

(available ? test : test.skip)(
  'kubectl kustomize reads the Gateway example: echo server, Gateway, redirect and routes',
  () => {
    const result = spawnSync('kubectl', ['kustomize', path.join(ROOT, 'examples', 'gateway')], { encoding: 'utf-8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const objects = parseAllDocuments(result.stdout).map((d) => d.toJSON());
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/echo',
      'Deployment/echo-canary',
      'Gateway/echo',
      'HTTPRoute/echo',
      'HTTPRoute/echo-https-redirect',
      'Namespace/echo-gateway',
      'Service/echo',
      'Service/echo-canary',
    ]);
    const route = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'echo');
    expect(route.spec.rules[1].backendRefs).toEqual([
      { name: 'echo', port: 80, weight: 90 },
      { name: 'echo-canary', port: 80, weight: 10 },
    ]);
  },
);
