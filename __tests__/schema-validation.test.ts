import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ClusterIpService,
  EchoServer,
  ExternalNameService,
  HeadlessService,
  Ingress,
  LoadBalancerService,
  Namespace,
  NodePortService,
  ServiceTarget,
  ServiceTypesDemo,
} from '../lib';
import { ServiceTypesApp } from '../app';
import {
  constructPathOf,
  KubernetesSchemaValidation,
  libraryRuleSource,
  readConstructMetadata,
  SCHEMA_CACHE,
  SchemaValidator,
  ValidationContext,
} from '../schema-validation';
import { pinRuntimeRequires } from '../schema-validation/compiled-cache';
import { cacheRoot } from '../schema-validation/constants';
import { readYaml, ROOT, tempDir, testApp, TUTORIAL_FIXTURES } from './support';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
const VERSION: string = PACKAGE.version;
const validator = new SchemaValidator();
const deployment = () => readYaml(path.join(TUTORIAL_FIXTURES, 'app.yaml'))[0];
const service = () => readYaml(path.join(TUTORIAL_FIXTURES, 'nodeport.yaml'))[0];

test('every object of the synthesized app is valid', () => {
  const outdir = tempDir('schema-app');
  new ServiceTypesApp({ outdir }).synth();
  const objects = fs.readdirSync(outdir).flatMap((f) => readYaml(path.join(outdir, f)));
  expect(objects).toHaveLength(7);
  for (const object of objects) {
    expect(validator.validate(object)).toEqual([]);
  }
});

test('every exported construct rendered with non-default props is valid', () => {
  const { chart } = { chart: new Chart(testApp(), 'all') };
  new Namespace(chart, 'ns', { name: 'team-a', labels: { team: 'a' } });
  const echo = new EchoServer(chart, 'echo', {
    namespace: 'team-a',
    name: 'web',
    replicas: 3,
    image: 'example.com/echoserver:1.10',
    containerPortName: 'http',
    containerName: 'web',
    selectorLabels: { app: 'web' },
    recommendedLabels: { name: 'web', instance: 'web-a', version: '1.10' },
    labels: { tier: 'front' },
  });
  const common = { namespace: 'team-a', target: echo, labels: { team: 'a' }, annotations: { a: 'b' } };
  const internal = new ClusterIpService(chart, 'c', {
    ...common,
    name: 'c',
    port: 8080,
    protocol: 'TCP',
    portName: 'http',
    appProtocol: 'http',
  });
  new NodePortService(chart, 'n', {
    ...common,
    name: 'n',
    ports: [
      { name: 'http', port: 80, nodePort: 30100 },
      { name: 'udp', port: 80, protocol: 'UDP', targetPort: 8080, nodePort: 30101 },
    ],
  });
  new LoadBalancerService(chart, 'l', { ...common, name: 'l', port: 443, nodePort: 30443 });
  new HeadlessService(chart, 'h', {
    ...common,
    name: 'h',
    target: ServiceTarget.labels({ app: 'db' }, { targetPort: 5432 }),
  });
  new ExternalNameService(chart, 'e', { namespace: 'team-a', name: 'e', externalName: 'db.example.com' });
  new ServiceTypesDemo(chart, 'demo', { namespace: 'demo-b', replicas: 1, nodePort: 31000, services: ['nodeport'] });
  new Ingress(chart, 'i', {
    namespace: 'team-a',
    name: 'web',
    ingressClassName: 'nginx',
    rules: [{ host: 'web.example.com', paths: [{ path: '/', pathType: 'Exact', service: internal, port: 'http' }] }],
    tls: [{ secretName: 'web-tls' }],
    annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
  });
  const objects = Testing.synth(chart);
  expect(objects.length).toBe(11);
  for (const object of objects) {
    expect({ object: `${object.kind}/${object.metadata.name}`, errors: validator.validate(object) }).toEqual({
      object: `${object.kind}/${object.metadata.name}`,
      errors: [],
    });
  }
});

test.each(fs.readdirSync(TUTORIAL_FIXTURES))('the tutorial fixture %s is valid', (file) => {
  for (const object of readYaml(path.join(TUTORIAL_FIXTURES, file))) {
    expect(validator.validate(object)).toEqual([]);
  }
});

describe('planted faults are caught with their JSON path', () => {
  test.each<[string, () => any, { path: string; message: string }[]]>([
    [
      'an unknown field deep in a pod spec',
      () => {
        const d = deployment();
        d.spec.template.spec.containers[0].ports[0].hostPortz = 1;
        return d;
      },
      [{ path: '/spec/template/spec/containers/0/ports/0/hostPortz', message: 'unknown field' }],
    ],
    ['an unknown top-level field', () => ({ ...service(), specs: {} }), [{ path: '/specs', message: 'unknown field' }]],
    [
      'a string where an integer belongs',
      () => {
        const d = deployment();
        d.spec.replicas = '2';
        return d;
      },
      [{ path: '/spec/replicas', message: 'must be integer' }],
    ],
    [
      'a missing required field',
      () => {
        const d = deployment();
        delete d.spec.template.spec.containers[0].name;
        return d;
      },
      [{ path: '/spec/template/spec/containers/0/name', message: 'required field is missing' }],
    ],
    [
      'a bad int-or-string',
      () => {
        const s = service();
        s.spec.ports[0].targetPort = { port: 8080 };
        return s;
      },
      [{ path: '/spec/ports/0/targetPort', message: 'must be a string or an integer' }],
    ],
    [
      'an int32 out of range',
      () => {
        const s = service();
        s.spec.ports[0].port = 2 ** 31;
        return s;
      },
      [{ path: '/spec/ports/0/port', message: 'must match format "int32"' }],
    ],
    [
      'an unknown kind',
      () => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
      [
        {
          path: '/kind',
          message:
            'example.com/v1 Widget is not a kind of Kubernetes 1.27.0; allow it explicitly if it is a custom resource',
        },
      ],
    ],
    [
      'a known kind at an API version 1.27 does not serve',
      () => ({ ...deployment(), apiVersion: 'extensions/v1beta1' }),
      [expect.objectContaining({ path: '/kind' })],
    ],
  ])('%s', (_fault, make, expected) => {
    const violations = validator.validate(make());
    expect(violations.map(({ source: _, ...v }) => v)).toEqual(expected);
    expect(violations.map((v) => v.source.label)).toEqual(expected.map(() => 'Kubernetes 1.27.0 schema'));
  });
});

test('custom resources pass when their kind or group is allowed', () => {
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { any: 1 } };
  expect(new SchemaValidator({ allowedKinds: ['example.com/v1/Widget'] }).validate(widget)).toEqual([]);
  expect(new SchemaValidator({ allowedKinds: ['example.com/*'] }).validate(widget)).toEqual([]);
  expect(new SchemaValidator({ allowedKinds: ['other.com/*'] }).validate(widget)).toHaveLength(1);
});

test('a fault planted through an escape hatch in a construct is caught', () => {
  const chart = new Chart(testApp(), 'c');
  const echo = new EchoServer(chart, 'echo');
  echo.resource.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { cpu: true } }));
  const [object] = Testing.synth(chart);
  expect(validator.validate(object)).toEqual([
    {
      path: '/spec/template/spec/containers/0/resources/limits/cpu',
      message: 'must be a string or a number',
      source: expect.objectContaining({ kind: 'kubernetes-schema' }),
    },
  ]);
});

describe('the cdk8s validation plugin', () => {
  function runPlugin(manifests: string[]) {
    const violations: any[] = [];
    let status: string | undefined;
    const context: ValidationContext = {
      manifests,
      report: {
        addViolation: (v: any) => violations.push(v),
        submit: (s: string) => (status = s),
      },
    };
    return new KubernetesSchemaValidation().validate(context).then(() => ({ status, violations }));
  }

  test('passes the committed dist/', async () => {
    const dist = path.join(ROOT, 'dist');
    const result = await runPlugin(fs.readdirSync(dist).map((f) => path.join(dist, f)));
    expect(result).toEqual({ status: 'success', violations: [] });
  });

  test('reports file, kind/name, JSON path and message for each violation', async () => {
    const dir = tempDir('plugin');
    const file = path.join(dir, 'bad.yaml');
    const d = deployment();
    d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    fs.writeFileSync(file, JSON.stringify(d));
    const result = await runPlugin([file]);
    expect(result.status).toBe('failure');
    expect(result.violations).toEqual([
      expect.objectContaining({
        ruleName: 'Kubernetes 1.27.0 schema: /spec/template/spec/containers/0/imagePullPolicyy: unknown field',
        recommendation: 'Make Deployment/echo-server match the Kubernetes 1.27.0 API.',
        violatingResources: [
          {
            // The name the cdk8s CLI looks the construct path up by, in its construct metadata.
            resourceName: 'echo-server',
            locations: ['Deployment/echo-server /spec/template/spec/containers/0/imagePullPolicyy'],
            manifestPath: file,
          },
        ],
      }),
    ]);
  });

  test('reports an object whose name another object shares as Kind/name, which no construct path is found for', async () => {
    const dir = tempDir('plugin-shared');
    const file = path.join(dir, 'bad.yaml');
    const d = deployment();
    d.spec.replicas = 'two';
    const s = { ...service(), metadata: { ...service().metadata, name: d.metadata.name } };
    fs.writeFileSync(file, [JSON.stringify(d), JSON.stringify(s)].join('\n---\n'));
    const result = await runPlugin([file]);
    expect(result.violations.map((v) => v.violatingResources[0].resourceName)).toEqual(['Deployment/echo-server']);
  });

  test('labels a Gateway API CEL violation with its CRD and rule, not the Kubernetes schema', async () => {
    const dir = tempDir('plugin-crd');
    const file = path.join(dir, 'route.yaml');
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web' },
      spec: { rules: [{ backendRefs: [{ name: 's' }] }] },
    };
    fs.writeFileSync(file, JSON.stringify(route));
    const [violation] = (await runPlugin([file])).violations;
    expect(violation.ruleName).toMatch(
      /^Gateway API v1\.1\.1 CRD httproutes\.gateway\.networking\.k8s\.io CEL rule ".*has\(self\.port\).*": \/spec\/rules\/0\/backendRefs\/0: Must have port for Service reference$/,
    );
    expect(violation.recommendation).toMatch(
      /^Make HTTPRoute\/web satisfy the CEL rule ".*" of the CRD httproutes\.gateway\.networking\.k8s\.io\.$/,
    );
    expect(violation.recommendation).not.toContain('Kubernetes');
  });

  test('makes cdk8s synth fail on an app that renders an unknown field, naming the construct', () => {
    // A cdk8s app whose one object carries the faults, so that only the plugin stands between it
    // and success; the CLI has cdk8s record construct metadata, which maps the object to its path.
    const dir = tempDir('cdk8s-synth');
    const d = deployment();
    d.spec.replicas = 'two';
    d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(d));
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      `const { ApiObject, App, Chart } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'cdk8s'))});\n` +
        'const app = new App();\n' +
        "new ApiObject(new Chart(app, 'shop'), 'web', require('./manifest.json'));\n" +
        'app.synth();\n',
    );
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      [
        'app: node app.js',
        'output: dist',
        'validations:',
        `  - package: ${path.join(ROOT, 'schema-validation')}`,
        '    class: KubernetesSchemaValidation',
        `    version: ${VERSION}`,
        '',
      ].join('\n'),
    );
    const cli = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
    const result = spawnSync(process.execPath, [cli, 'synth', '--check-upgrade=false'], {
      cwd: dir,
      encoding: 'utf-8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('Status     │ failure');
    expect(result.stdout).toContain('/spec/replicas: must be integer');
    expect(result.stdout).toContain('/spec/template/spec/containers/0/imagePullPolicyy: unknown field');
    expect(result.stdout).toContain('Resource Name: echo-server');
    expect(result.stdout).toContain('Construct Path: shop/web');
    expect(result.stdout).not.toContain('Construct Path: N/A');
    expect(result.stdout).toMatch(/Manifest Path: .*shop\.k8s\.yaml/);
  });
});

describe('construct paths and sources for any report', () => {
  test("reads cdk8s's construct metadata, and finds an object's construct by its name", () => {
    const outdir = tempDir('metadata');
    const app = new App({ outdir, recordConstructMetadata: true });
    new EchoServer(new Chart(app, 'shop'), 'echo', { name: 'web' });
    app.synth();
    const metadata = readConstructMetadata(outdir);
    expect(constructPathOf(metadata, 'web')).toBe('shop/echo/Resource');
    expect(constructPathOf(metadata, 'web', false)).toBeUndefined();
    expect(constructPathOf(metadata, 'other')).toBeUndefined();
    expect(readConstructMetadata(tempDir('no-metadata'))).toEqual({});
  });

  test("a library rule's source names its id", () => {
    expect(libraryRuleSource('service/port-number')).toEqual({
      kind: 'library-rule',
      id: 'service/port-number',
      label: 'service-types rule service/port-number',
      advice: 'follow the rule service/port-number',
    });
  });
});

describe('the compiled-validator cache', () => {
  test('is in the node_modules folder of the project using the package, never inside the package', () => {
    expect(SCHEMA_CACHE).toBe(path.join(ROOT, 'node_modules', '.cache', 'service-types', 'schema'));
    const project = path.join(path.sep, 'work', 'chart');
    const cache = path.join(project, 'node_modules', '.cache', 'service-types');
    expect(cacheRoot(project)).toBe(cache);
    expect(cacheRoot(path.join(project, 'node_modules', 'service-types'))).toBe(cache);
    expect(cacheRoot(path.join(project, 'node_modules', 'lib', 'node_modules', 'service-types'))).toBe(cache);
    expect(
      cacheRoot(path.join(project, 'node_modules', '.pnpm', 'service-types@0.1.0', 'node_modules', 'service-types')),
    ).toBe(cache);
  });

  test("points the compiled code's ajv runtime helpers at the ajv that compiled it", () => {
    const code = 'const ucs2length = require("ajv/dist/runtime/ucs2length").default;';
    expect(pinRuntimeRequires(code)).toBe(
      `const ucs2length = require(${JSON.stringify(require.resolve('ajv/dist/runtime/ucs2length'))}).default;`,
    );
  });

  test('never serves a validator compiled from other code, even with the same size and time', () => {
    // A copy of the package whose validator code is edited between two runs sharing a cache.
    const copy = tempDir('cache-key');
    fs.cpSync(path.join(ROOT, 'schema-validation'), path.join(copy, 'schema-validation'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'schemas'), path.join(copy, 'schemas'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const cacheDir = path.join(copy, 'cache');
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    const validate = () =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-e',
            `const { SchemaValidator } = require('./schema-validation');
             const v = new SchemaValidator({ cacheDir: ${JSON.stringify(cacheDir)} });
             console.log(JSON.stringify(v.validate(${JSON.stringify(service)})));`,
          ],
          { cwd: copy, encoding: 'utf-8' },
        ),
      );
    expect(validate()).toEqual([]);
    expect(validate()).toEqual([]); // from the cache
    // Same size, same modification time, different rule: ports must now be named.
    const file = path.join(copy, 'schema-validation', 'schema.js');
    const { mtime } = fs.statSync(file);
    const source = fs.readFileSync(file, 'utf-8');
    const rule = 'out.additionalProperties = false;';
    const edited = source.replace(rule, "out.required = ['name'];".padEnd(rule.length));
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, mtime, mtime);
    expect(validate()).toContainEqual(expect.objectContaining({ message: 'required field is missing' }));
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
  });
});

test("cdk8s.yaml files declare the plugin at the package's version", () => {
  for (const file of ['cdk8s.yaml', path.join('examples', 'consumer', 'cdk8s.yaml')]) {
    const [config] = readYaml(path.join(ROOT, file));
    expect({ file, validations: config.validations }).toEqual({
      file,
      validations: [expect.objectContaining({ class: 'KubernetesSchemaValidation', version: VERSION })],
    });
  }
});

test('every project file the shipped schema validation requires is in the package', () => {
  const shipped = (PACKAGE.files as string[]).map(
    (pattern) =>
      new RegExp(
        `^${pattern
          .replace(/\./g, '\\.')
          .replace(/\*\*\//g, '(.*/)?')
          .replace(/\*/g, '[^/]*')}$`,
      ),
  );
  const seen = new Set<string>();
  const visit = (file: string) => {
    const relative = path.relative(ROOT, file);
    if (seen.has(relative)) {
      return;
    }
    seen.add(relative);
    for (const [, id] of fs
      .readFileSync(file, 'utf-8')
      .matchAll(/require(?:\.resolve)?\(['"](\.{1,2}\/[^'"]+)['"]\)/g)) {
      visit(require.resolve(path.resolve(path.dirname(file), id)));
    }
  };
  visit(require.resolve(path.join(ROOT, 'schema-validation')));
  expect([...seen].filter((file) => !shipped.some((pattern) => pattern.test(file)))).toEqual([]);
  expect([...seen]).toContain('schema-validation/constants.js');
});
