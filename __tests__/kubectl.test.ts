import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, tempDir } from './support';

// kubectl's offline `kustomize` parses manifests with kubectl's own code; no cluster needed.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf-8' });
const available = kubectl.status === 0;
if (!available) {
  console.warn('kubectl not found: skipping the kubectl kustomize check of dist/');
}

(available ? test : test.skip)('kubectl kustomize accepts all seven objects of dist/', () => {
  // A temporary kustomization beside copies of the manifests: dist/ itself stays untouched.
  const dir = tempDir('kustomize');
  const dist = path.join(ROOT, 'dist');
  const files = fs.readdirSync(dist).sort();
  for (const file of files) {
    fs.copyFileSync(path.join(dist, file), path.join(dir, file));
  }
  fs.writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      ...files.map((f) => `  - ${f}`),
      '',
    ].join('\n'),
  );
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf-8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const objects = parseAllDocuments(result.stdout).map((d) => d.toJSON());
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'Deployment/echo-server',
    'Namespace/service-types-demo',
    'Service/echo-clusterip',
    'Service/echo-headless',
    'Service/echo-loadbalancer',
    'Service/echo-nodeport',
    'Service/external-api',
  ]);
});
