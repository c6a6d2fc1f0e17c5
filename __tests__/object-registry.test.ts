import { ApiObject, Chart } from 'cdk8s';
import { APP_RULES, ObjectRegistry } from '../lib/validation/object-registry';
import { testChart, validationErrors } from './support';

// The API server stores one object per resource, namespace and name: genericregistry's
// NamespaceKeyFunc keys an object as <prefix>/<namespace>/<name>, and Store.Create answers
// AlreadyExists for a key that is taken. The registry mirrors that identity across the app.

interface Identity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

function errorsOf(...objects: Identity[]): string[] {
  const { app, chart } = testChart();
  ObjectRegistry.of(chart);
  objects.forEach((o, i) => objectIn(chart, `o${i}`, o));
  return validationErrors(app);
}

function objectIn(chart: Chart, id: string, { apiVersion, kind, namespace, name }: Identity): ApiObject {
  return new ApiObject(chart, id, { apiVersion, kind, metadata: { name, namespace } });
}

const configMap = (namespace: string | undefined, name: string): Identity => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace,
  name,
});

describe('ObjectRegistry, duplicate objects (genericregistry Store.Create, NamespaceKeyFunc)', () => {
  test.each<[string, Identity, Identity]>([
    ['namespace "a" name "bc" and namespace "ab" name "c"', configMap('a', 'bc'), configMap('ab', 'c')],
    ['the same name in two namespaces', configMap('a', 'web'), configMap('b', 'web')],
    ['one namespaced, one without a namespace', configMap('a', 'web'), configMap(undefined, 'web')],
    [
      'the same kind and name in two API groups',
      { apiVersion: 'apps/v1', kind: 'Thing', namespace: 'a', name: 'web' },
      { apiVersion: 'example.com/v1', kind: 'Thing', namespace: 'a', name: 'web' },
    ],
    [
      'two kinds of one name',
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'a', name: 'web' },
      { apiVersion: 'v1', kind: 'Secret', namespace: 'a', name: 'web' },
    ],
  ])('%s are two objects', (_case, first, second) => {
    expect(errorsOf(first, second)).toEqual([]);
  });

  test('a second object of one kind, namespace and name is an error naming both constructs and the namespace', () => {
    expect(errorsOf(configMap('a', 'web'), configMap('a', 'web'))).toEqual([
      `ConfigMap 'test/o1': name "web" in namespace "a" is already used by ConfigMap 'test/o0'; ` +
        `a kind, namespace and name may appear only once in an app [${APP_RULES.duplicateObject.id}]`,
    ]);
  });

  test('a duplicate without a namespace names no namespace', () => {
    expect(errorsOf(configMap(undefined, 'web'), configMap(undefined, 'web'))).toEqual([
      `ConfigMap 'test/o1': name "web" is already used by ConfigMap 'test/o0'; ` +
        `a kind, namespace and name may appear only once in an app [${APP_RULES.duplicateObject.id}]`,
    ]);
  });

  test('every duplicate is reported at once', () => {
    expect(errorsOf(configMap('a', 'x'), configMap('a', 'x'), configMap('a', 'x'))).toHaveLength(2);
  });

  test('ObjectRegistry.of returns the one registry of the app', () => {
    const { app, chart } = testChart();
    const other = new Chart(app, 'other');
    expect(ObjectRegistry.of(other)).toBe(ObjectRegistry.of(chart));
  });
});
