import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { ConfigError, loadAppConfig, ServiceTypesApp } from '../app';
import { ROOT, tempDir } from './support';

/** Every object the app renders with these command-line arguments. */
function render(...args: string[]): any[] {
  const app = new ServiceTypesApp({ ...loadAppConfig(args, { cwd: ROOT }), outdir: 'unused' });
  return app.charts.flatMap((c) => Testing.synth(c));
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);
const deployment = (objects: any[]) => byKind(objects, 'Deployment')[0];
const serviceNamed = (objects: any[], name: string) =>
  objects.find((o) => o.kind === 'Service' && o.metadata.name === name);

function problemsOf(...args: string[]): readonly string[] {
  return problemsIn(ROOT, ...args);
}

/** The problems loading these arguments reports, from the working folder `cwd`. */
function problemsIn(cwd: string, ...args: string[]): readonly string[] {
  try {
    loadAppConfig(args, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('each setting renders', () => {
  test.each<[string, (objects: any[]) => unknown, unknown]>([
    ['namespace=team-a', (o) => [...new Set(o.map((x) => x.metadata.namespace ?? x.metadata.name))], ['team-a']],
    ['replicas=4', (o) => deployment(o).spec.replicas, 4],
    ['image=example.com/echo:2', (o) => deployment(o).spec.template.spec.containers[0].image, 'example.com/echo:2'],
    [
      'servicePort=8080',
      (o) => byKind(o, 'Service').flatMap((s) => (s.spec.ports ?? []).map((p: any) => p.port)),
      [8080, 8080, 8080, 8080],
    ],
    ['nodePort=31000', (o) => serviceNamed(o, 'echo-nodeport').spec.ports[0].nodePort, 31000],
    ['externalName=api.example.com', (o) => serviceNamed(o, 'external-api').spec.externalName, 'api.example.com'],
    [
      'services=headless,nodeport',
      (o) => byKind(o, 'Service').map((s) => s.metadata.name),
      ['echo-nodeport', 'echo-headless'],
    ],
  ])('--set %s', (setting, read, expected) => {
    expect(read(render('--set', setting))).toEqual(expected);
  });

  test('--set nodePortRange moves the range nodePorts are checked against', () => {
    const objects = render('--set', 'nodePortRange=20000-22767', '--set', 'nodePort=20080');
    expect(serviceNamed(objects, 'echo-nodeport').spec.ports[0].nodePort).toBe(20080);
  });
});

describe('each setting rejects a bad value, naming setting, value, source and what is allowed', () => {
  test.each<[string, string]>([
    ['namespace=Team_A', 'setting namespace "Team_A" (from --set) must be a DNS-1123 label'],
    ['replicas=-1', 'setting replicas -1 (from --set) must be an integer of 0 or more'],
    ['replicas=three', 'setting replicas "three" (from --set) must be an integer'],
    ['image=', 'setting image "" (from --set) must be a non-empty image reference'],
    // The echoserver image always listens on 8080, so a setting that claimed otherwise is gone.
    ['containerPort=9090', 'setting "containerPort" (from --set) is unknown'],
    ['servicePort=70000', 'setting servicePort 70000 (from --set) must be an integer from 1 to 65535'],
    ['nodePort=40080', 'setting nodePort 40080 is outside the node port range 30000-32767'],
    ['nodePort=3.5', 'setting nodePort "3.5" (from --set) must be an integer'],
    [
      'externalName=https://httpbin.org',
      'setting externalName "https://httpbin.org" (from --set) must be a DNS name, not a URL',
    ],
    [
      'services=nodeport,ingress',
      'setting services ["nodeport","ingress"] (from --set) must be a list of clusterip, nodeport, loadbalancer, headless, externalname',
    ],
    ['services=nodeport,nodeport', 'each at most once'],
    // An empty list rendered the namespace and the Deployment alone, silently: almost surely a slip.
    [
      'services=',
      'setting services [] (from --set) must be a list of clusterip, nodeport, loadbalancer, headless, externalname, at least one',
    ],
    ['nodePortRange=30000', 'setting nodePortRange "30000" (from --set) must be a port range such as 30000-32767'],
    ['replica=2', 'setting "replica" (from --set) is unknown; settings are namespace, replicas, image'],
    ['replicas', '--set "replicas" must have the form setting=value'],
  ])('--set %s', (setting, message) => {
    const problems = problemsOf('--set', setting);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('all problems are reported at once', () => {
    expect(problemsOf('--set', 'replicas=-1', '--set', 'image=', '--bogus')).toEqual([
      'unknown option "--bogus"; use --env <name>, --config <file> or --set <setting>=<value>',
      'setting replicas -1 (from --set) must be an integer of 0 or more',
      'setting image "" (from --set) must be a non-empty image reference',
    ]);
  });
});

describe('config files', () => {
  // Made when the tests run, not while jest collects them: a run that filters them all out
  // (jest -t, a mutation run) runs no afterAll to remove it.
  let dir: string;
  beforeAll(() => {
    dir = tempDir('config');
  });
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test('precedence: defaults, then files in order, then --set', () => {
    const a = file('a.json', JSON.stringify({ replicas: 3, image: 'a:1', namespace: 'from-a' }));
    const b = file('b.json', JSON.stringify({ replicas: 4 }));
    expect(loadAppConfig(['--config', a, '--config', b, '--set', 'namespace=from-set'])).toEqual({
      replicas: 4,
      image: 'a:1',
      namespace: 'from-set',
    });
    expect(loadAppConfig([])).toEqual({});
  });

  test('a bad value in a file names the file', () => {
    const bad = file('bad.json', JSON.stringify({ replicas: '2' }));
    expect(problemsOf('--config', bad)).toEqual([`setting replicas "2" (from ${bad}) must be an integer`]);
  });

  test.each<[string, string[], string]>([
    ['a missing file', ['--config', 'nowhere.json'], 'config file nowhere.json cannot be read'],
    [
      'a missing environment',
      ['--env', 'staging'],
      '--env "staging" is unknown (no config/staging.json); environments are dev, prod',
    ],
    [
      'an environment name that is a path',
      ['--env', '../secrets'],
      '--env "../secrets" must name a file of config/: lowercase letters, digits and \'-\'; environments are dev, prod',
    ],
    ['a flag without its value', ['--set'], '--set needs a value'],
  ])('%s is an error', (_case, args, message) => {
    expect(problemsOf(...args)).toEqual([message]);
  });

  test('without a config/ folder, --env says there are no environments', () => {
    expect(problemsIn(dir, '--env', 'dev')).toEqual([
      '--env "dev" is unknown (no config/dev.json); config/ holds no environments',
    ]);
  });

  test('a file that is not JSON, or not an object, is an error', () => {
    expect(problemsOf('--config', file('x.json', '{ replicas: 1 '))[0]).toMatch(/is not valid JSON/);
    expect(problemsOf('--config', file('y.json', '[1]'))).toEqual([
      `config file ${path.join(dir, 'y.json')} must hold a JSON object of settings`,
    ]);
  });
});

describe('the example environments', () => {
  test('dev: one replica, ClusterIP and a NodePort on 31080', () => {
    const objects = render('--env', 'dev');
    expect(deployment(objects).spec.replicas).toBe(1);
    expect(byKind(objects, 'Service').map((s) => s.metadata.name)).toEqual(['echo-clusterip', 'echo-nodeport']);
    expect(serviceNamed(objects, 'echo-nodeport').spec.ports[0].nodePort).toBe(31080);
  });

  test('prod: three replicas behind a LoadBalancer only, in its own namespace', () => {
    const objects = render('--env', 'prod');
    expect(deployment(objects).spec.replicas).toBe(3);
    expect(byKind(objects, 'Service').map((s) => `${s.metadata.namespace}/${s.metadata.name}/${s.spec.type}`)).toEqual([
      'echo-prod/echo-loadbalancer/LoadBalancer',
    ]);
  });
});

describe('settings named like properties every object has are unknown settings', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

  test.each(KEYS)('--set %s=1', (key) => {
    expect(problemsOf('--set', `${key}=1`)).toEqual([
      `setting "${key}" (from --set) is unknown; settings are namespace, replicas, image, servicePort, nodePort, externalName, services, nodePortRange`,
    ]);
  });

  test.each(KEYS)('%s in a config file', (key) => {
    const file = path.join(tempDir('proto'), 'config.json');
    // JSON.parse makes "__proto__" an own key, as a config file written by hand would.
    fs.writeFileSync(file, `{ ${JSON.stringify(key)}: 1, "replicas": 3 }`);
    expect(problemsOf('--config', file)).toEqual([
      `setting "${key}" (from ${file}) is unknown; settings are namespace, replicas, image, servicePort, nodePort, externalName, services, nodePortRange`,
    ]);
  });

  test('none of them changes the settings of a later load', () => {
    problemsOf('--set', '__proto__=1', '--set', 'constructor=1');
    expect(loadAppConfig([], { cwd: ROOT })).toEqual({});
    expect(({} as Record<string, unknown>).replicas).toBeUndefined();
  });
});
