import {
  change,
  describeObject,
  kubectlDelete,
  LabelSelector,
  objectRef,
  podLabels,
  selectorMatches,
  semantic,
  semanticEqual,
  serviceSelects,
  show,
} from '../lib/model';

// The shared helpers of the model: how an object is identified and named, how two decoded objects
// compare (apiequality.Semantic.DeepEqual, which treats nil and empty lists and maps alike), which
// labels a kind's pods carry, and how label selectors match (metav1.LabelSelectorAsSelector for
// apps/v1 selectors, a plain map for a Service's).

describe('objectRef: the identity of a manifest', () => {
  test('kind, namespace and name come from the object', () => {
    const object = { kind: 'Service', metadata: { name: 'web', namespace: 'shop' } };
    expect(objectRef(object)).toEqual({ kind: 'Service', namespace: 'shop', name: 'web', object });
  });

  test.each([
    [
      'a cluster-scoped object has no namespace',
      { kind: 'Namespace', metadata: { name: 'shop' } },
      ['Namespace', '', 'shop'],
    ],
    ['an object without metadata has no name or namespace', { kind: 'Service' }, ['Service', '', '']],
    ['an object without kind has an empty kind', { metadata: { name: 'web' } }, ['', '', 'web']],
    // A namespace must be a string; anything else names none.
    [
      'a namespace that is not a string is none',
      { kind: 'Service', metadata: { name: 'web', namespace: 5 } },
      ['Service', '', 'web'],
    ],
  ])('%s', (_behaviour, object, [kind, namespace, name]) => {
    expect(objectRef(object)).toMatchObject({ kind, namespace, name });
  });
});

test.each([
  [
    'a namespaced object is Kind namespace/name',
    { kind: 'Service', namespace: 'shop', name: 'web' },
    'Service shop/web',
  ],
  ['a cluster-scoped object is Kind name', { kind: 'Namespace', namespace: '', name: 'shop' }, 'Namespace shop'],
])('describeObject: %s', (_behaviour, id, text) => {
  expect(describeObject(id)).toBe(text);
});

describe('kubectlDelete: the command that deletes an object', () => {
  test.each([
    [
      'a namespaced object names its namespace',
      { kind: 'Deployment', namespace: 'shop', name: 'web' },
      '',
      'kubectl delete deployment web -n shop',
    ],
    [
      'a cluster-scoped object names none',
      { kind: 'Namespace', namespace: '', name: 'shop' },
      '',
      'kubectl delete namespace shop',
    ],
    [
      'flags follow the object',
      { kind: 'StatefulSet', namespace: 'shop', name: 'db' },
      '--cascade=orphan',
      'kubectl delete statefulset db -n shop --cascade=orphan',
    ],
  ])('%s', (_behaviour, id, flags, command) => {
    expect(kubectlDelete(id, flags)).toBe(command);
  });
});

describe('semantic and semanticEqual (apiequality.Semantic.DeepEqual of decoded objects)', () => {
  // [behaviour, a, b, equal]
  const ROWS: [string, unknown, unknown, boolean][] = [
    ['key order does not matter', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, true],
    // A null struct field decodes as the field left out.
    ['a null field is a field left out', { type: 'ClusterIP', clusterIP: null }, { type: 'ClusterIP' }, true],
    ['an object of only null fields is absent', { clusterIP: null }, undefined, true],
    ['null is absent', null, undefined, true],
    // Semantic.DeepEqual treats nil and empty slices and maps alike.
    ['an empty list is a list left out', { name: 'web', finalizers: [] }, { name: 'web' }, true],
    ['an empty map is a map left out', { name: 'web', labels: {} }, { name: 'web' }, true],
    ['nested empties vanish with their parents', { spec: { selector: { matchLabels: {} }, ports: [] } }, {}, true],
    ['list order matters', { ports: [80, 443] }, { ports: [443, 80] }, false],
    ['a list is not a map with index keys', { ports: ['a'] }, { ports: { 0: 'a' } }, false],
    ['a list of one empty item is not an empty list', { ports: [{}] }, {}, false],
    ['different values differ', { port: 80 }, { port: 8080 }, false],
    ['0 is not absent', { replicas: 0 }, {}, false],
    ['an empty string is not absent', { storageClassName: '' }, {}, false],
  ];

  test.each(ROWS)('%s', (_behaviour, a, b, equal) => {
    expect(semanticEqual(a, b)).toBe(equal);
    expect(semanticEqual(b, a)).toBe(equal);
  });

  test('semantic sorts keys, keeps lists as lists in order, and drops empties', () => {
    const value = semantic({ c: 1, a: [3, 1, 2], b: { z: null, y: [], x: 'x' }, d: null, e: {} });
    expect(value).toEqual({ a: [3, 1, 2], b: { x: 'x' }, c: 1 });
    expect(Array.isArray((value as any).a)).toBe(true);
    expect(Object.keys(value as object)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(semantic({ d: 1, b: 1, e: 1, a: 1, c: 1 }) as object)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(semantic([])).toBeUndefined();
    expect(semantic({})).toBeUndefined();
    expect(semantic(null)).toBeUndefined();
    expect(semantic([null])).toEqual([undefined]);
    expect(semantic('x')).toBe('x');
  });
});

describe('show and change: values in messages', () => {
  test('show gives JSON, and (none) for a value left out', () => {
    expect(show(undefined)).toBe('(none)');
    expect(show('a')).toBe('"a"');
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show(null)).toBe('null');
  });

  // Both values shown fit a line of 120 characters: show('x'.repeat(58)) is 60 characters.
  test.each([
    ['short values are shown', 'a', 'b', 'spec.x "a" → "b"'],
    ['a value left out is (none)', undefined, 'b', 'spec.x (none) → "b"'],
    [
      'values of 120 characters together are shown',
      'x'.repeat(58),
      'y'.repeat(58),
      `spec.x "${'x'.repeat(58)}" → "${'y'.repeat(58)}"`,
    ],
    ['values of 121 characters together are named only', 'x'.repeat(58), 'y'.repeat(59), 'spec.x changes'],
    ['two long values are named only', 'x'.repeat(100), 'y'.repeat(100), 'spec.x changes'],
  ])('%s', (_behaviour, before, after, text) => {
    expect(change('spec.x', before, after)).toBe(text);
  });
});

describe('podLabels: the labels of the pods a kind creates', () => {
  const labels = { app: 'web' };
  const template = { template: { metadata: { labels } } };

  test.each(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'])(
    'a %s labels its pods by spec.template',
    (kind) => {
      expect(podLabels(objectRef({ kind, metadata: { labels: { other: 'x' } }, spec: template }))).toEqual(labels);
      // A template without labels, a spec without template, no spec: pods without labels.
      expect(podLabels(objectRef({ kind, spec: { template: {} } }))).toEqual({});
      expect(podLabels(objectRef({ kind, spec: {} }))).toEqual({});
      expect(podLabels(objectRef({ kind }))).toEqual({});
    },
  );

  test('a Pod carries its own labels', () => {
    expect(podLabels(objectRef({ kind: 'Pod', metadata: { labels }, spec: template }))).toEqual(labels);
    expect(podLabels(objectRef({ kind: 'Pod', metadata: {} }))).toEqual({});
    expect(podLabels(objectRef({ kind: 'Pod' }))).toEqual({});
  });

  test('a CronJob labels its pods by spec.jobTemplate.spec.template', () => {
    expect(
      podLabels(
        objectRef({
          kind: 'CronJob',
          spec: { ...template, jobTemplate: { spec: { template: { metadata: { labels: { job: 'x' } } } } } },
        }),
      ),
    ).toEqual({ job: 'x' });
    for (const spec of [
      undefined,
      {},
      { jobTemplate: {} },
      { jobTemplate: { spec: {} } },
      { jobTemplate: { spec: { template: {} } } },
    ]) {
      expect(podLabels(objectRef({ kind: 'CronJob', ...(spec ? { spec } : {}) }))).toEqual({});
    }
  });

  test.each(['Service', 'ConfigMap', 'Ingress'])('a %s creates no pods', (kind) => {
    expect(podLabels(objectRef({ kind, metadata: { labels }, spec: template }))).toBeUndefined();
  });
});

describe('selectorMatches (metav1.LabelSelectorAsSelector)', () => {
  const labels = { app: 'web', tier: 'front' };
  // [behaviour, selector, matches the labels above]
  const ROWS: [string, LabelSelector | undefined, boolean][] = [
    ['no selector matches nothing', undefined, false],
    ['an empty selector matches everything', {}, true],
    ['matchLabels all carried match', { matchLabels: { app: 'web', tier: 'front' } }, true],
    ['matchLabels match only if every one is carried', { matchLabels: { app: 'web', tier: 'back' } }, false],
    ['an empty list of expressions adds nothing', { matchLabels: { app: 'web' }, matchExpressions: [] }, true],
    [
      'In matches a listed value',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back', 'front'] }] },
      true,
    ],
    [
      'In does not match another value',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      false,
    ],
    [
      'In does not match a missing label',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      false,
    ],
    ['NotIn matches another value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, true],
    [
      'NotIn does not match a listed value',
      { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] },
      false,
    ],
    ['NotIn matches a missing label', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists matches a carried label', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['Exists does not match a missing label', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    ['DoesNotExist matches a missing label', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [
      'DoesNotExist does not match a carried label',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'an unknown operator matches nothing',
      { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] },
      false,
    ],
    [
      'a null requirement is an empty one, and matches nothing',
      { matchExpressions: [null as unknown as { key: string; operator: string }] },
      false,
    ],
    [
      'In with null values matches nothing',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: null as unknown as string[] }] },
      false,
    ],
    [
      'labels and expressions must both match',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      false,
    ],
    [
      'every expression must match',
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'tier', operator: 'DoesNotExist' },
        ],
      },
      false,
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, selector, matches) => {
    expect(selectorMatches(selector, labels)).toBe(matches);
  });
});

test.each([
  ['a selector whose labels the pods all carry selects them', { app: 'web' }, true],
  ['a selector needs every one of its labels', { app: 'web', tier: 'back' }, false],
  ['a selector of another value selects nothing', { app: 'db' }, false],
])('serviceSelects: %s', (_behaviour, selector, selects) => {
  expect(serviceSelects(selector, { app: 'web', tier: 'front' })).toBe(selects);
});
