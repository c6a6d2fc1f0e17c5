import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readYaml, ROOT, tempDir } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator } = require('../schema-validation');

const committed = path.join(ROOT, 'examples', 'production', 'dist');
const outdir = path.join(tempDir('production'), 'dist');
const result = spawnSync(
  process.execPath,
  [path.join(ROOT, 'bin', 'service-types.js'), 'synth', '--app', 'examples/production/main.ts', '--output', outdir],
  { cwd: ROOT, encoding: 'utf-8' },
);
const objects = () => fs.readdirSync(outdir).flatMap((f) => readYaml(path.join(outdir, f)));
const find = (kind: string, name: string) => objects().find((o) => o.kind === kind && o.metadata.name === name);

test('synthesizes, passing schema validation, to what is committed beside it', () => {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  for (const file of fs.readdirSync(committed)) {
    expect(fs.readFileSync(path.join(outdir, file), 'utf-8')).toBe(
      fs.readFileSync(path.join(committed, file), 'utf-8'),
    );
  }
  const validator = new SchemaValidator();
  for (const object of objects()) {
    expect(validator.validate(object)).toEqual([]);
  }
});

test('the StatefulSet is governed by a headless Service that selects its pods and port', () => {
  const set = find('StatefulSet', 'echo-peers');
  const governing = find('Service', set.spec.serviceName);
  expect(governing.spec.clusterIP).toBe('None');
  expect(governing.spec.publishNotReadyAddresses).toBe(true);
  expect(set.spec.template.metadata.labels).toMatchObject(governing.spec.selector);
  const portNames = set.spec.template.spec.containers.flatMap((c: any) => c.ports.map((p: any) => p.name));
  expect(portNames).toContain(governing.spec.ports[0].targetPort);
});

test('the Ingress routes to a port the ClusterIP Service has', () => {
  const ingress = find('Ingress', 'echo');
  for (const p of ingress.spec.rules.flatMap((r: any) => r.http.paths)) {
    const service = find('Service', p.backend.service.name);
    expect(service.spec.type).toBe('ClusterIP');
    const port = p.backend.service.port;
    expect(service.spec.ports.some((sp: any) => sp.port === port.number || sp.name === port.name)).toBe(true);
  }
});

test('the public LoadBalancer keeps client IPs and is limited to its source ranges', () => {
  const lb = find('Service', 'echo-public');
  expect(lb.spec).toMatchObject({
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32100,
    loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
  });
});
