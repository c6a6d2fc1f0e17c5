import { diffObjects } from '../cli/plan/diff';

// The field-level diff `service-types plan` prints: one line per field that differs, as a path.

// [difference, before, after, the changes]
const CASES: [string, unknown, unknown, object[]][] = [
  ['equal objects have no changes', { a: { b: [1, 2] } }, { a: { b: [1, 2] } }, []],
  [
    'a changed value',
    { spec: { replicas: 2 } },
    { spec: { replicas: 0 } },
    [{ path: 'spec.replicas', before: 2, after: 0 }],
  ],
  ['an added field', { spec: {} }, { spec: { type: 'NodePort' } }, [{ path: 'spec.type', after: 'NodePort' }]],
  ['a removed field', { spec: { clusterIP: 'None' } }, { spec: {} }, [{ path: 'spec.clusterIP', before: 'None' }]],
  [
    'list items by position',
    { ports: [{ port: 80, nodePort: 30080 }] },
    { ports: [{ port: 80, nodePort: 30081 }, { port: 443 }] },
    [
      { path: 'ports[0].nodePort', before: 30080, after: 30081 },
      { path: 'ports[1]', after: { port: 443 } },
    ],
  ],
  ['a shorter list', { hosts: ['a', 'b'] }, { hosts: ['a'] }, [{ path: 'hosts[1]', before: 'b' }]],
  [
    'keys that are not plain names, quoted',
    { labels: { 'app.kubernetes.io/name': 'echo' } },
    { labels: { 'app.kubernetes.io/name': 'web' } },
    [{ path: 'labels["app.kubernetes.io/name"]', before: 'echo', after: 'web' }],
  ],
  [
    'a value that changes type, whole',
    { targetPort: 8080 },
    { targetPort: { name: 'http' } },
    [{ path: 'targetPort', before: 8080, after: { name: 'http' } }],
  ],
  [
    'fields in key order',
    { b: 1, a: { y: 1, x: 1 } },
    { b: 2, a: { y: 2, x: 2 } },
    [
      { path: 'a.x', before: 1, after: 2 },
      { path: 'a.y', before: 1, after: 2 },
      { path: 'b', before: 1, after: 2 },
    ],
  ],
];

test.each(CASES)('%s', (_difference, before, after, changes) => {
  expect(diffObjects(before, after)).toEqual(changes);
});
