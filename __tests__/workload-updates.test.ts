import {
  deploymentUpdate,
  KubeObject,
  objectRef,
  ObjectRef,
  PlanContext,
  PlanFinding,
  statefulSetCreate,
  statefulSetUpdate,
  updateFindings,
} from '../lib/model';

// The update rules of Deployments and StatefulSets, called on objects built in memory. Each
// expected verdict follows the Kubernetes 1.27 code or controller named in the test: what
// ValidateDeploymentUpdate and ValidateStatefulSetUpdate refuse, what the Deployment and
// StatefulSet controllers do with a new template or replica count, and what kubectl apply's
// three-way merge leaves in the live object.

const APPLY = 'kubectl apply -f dist/';

const deployment = (spec: Record<string, unknown> = {}, template: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'registry.k8s.io/echoserver:1.10' }] },
      ...template,
    },
    ...spec,
  },
});

const statefulSet = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'shop', ...metadata },
  spec: { ...deployment().spec, serviceName: 'db', ...spec },
});

const service = (name: string, spec: Record<string, unknown> | undefined, namespace = 'shop'): ObjectRef =>
  objectRef({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, ...(spec ? { spec } : {}) });

const context = (next: ObjectRef[] = []): PlanContext => ({ previous: [], next, orphaned: [], applyCommand: APPLY });

// A new container image: a changed pod template.
const newImage = {
  spec: { containers: [{ name: 'web', image: 'registry.k8s.io/echoserver:1.11' }] },
};

const withPath = (findings: PlanFinding[], path: string) => findings.filter((f) => f.path === path);

/** The one finding at `path`; fails unless there is exactly one. */
function one(findings: PlanFinding[], path: string): PlanFinding {
  const found = withPath(findings, path);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('Deployment selector (deploymentStrategy.ValidateUpdate: ValidateImmutableField in apps/v1)', () => {
  test('a changed selector is refused, and the remedy deletes and recreates it or orphans its pods', () => {
    const before = objectRef(deployment());
    const after = objectRef(
      deployment({ selector: { matchLabels: { app: 'shop' } } }, { metadata: { labels: { app: 'shop' } } }),
    );
    const f = one(deploymentUpdate(before, after, context()), 'spec.selector');
    expect(f.verdict).toBe('refused');
    expect(f.message).toContain('spec.selector {"matchLabels":{"app":"web"}} → {"matchLabels":{"app":"shop"}}');
    expect(f.message).toContain('a Deployment selector is immutable');
    expect(f.remedy).toContain(`\`kubectl delete deployment web -n shop\` then \`${APPLY}\``);
    expect(f.remedy).toContain('its pods stop until the new ones are ready');
    expect(f.remedy).toContain('`kubectl delete deployment web -n shop --cascade=orphan` leaves the old');
    expect(f.remedy).toContain('ReplicaSet and pods running');
  });

  test('a selector that differs only in key order or empty lists is the same selector (apiequality.Semantic)', () => {
    const before = objectRef(deployment({ selector: { matchLabels: { app: 'web', tier: 'front' } } }));
    const after = objectRef(
      deployment({ selector: { matchExpressions: [], matchLabels: { tier: 'front', app: 'web' } } }),
    );
    expect(deploymentUpdate(before, after, context())).toEqual([]);
  });
});

// [behaviour, replicas before, replicas after (undefined: left out), expected verdict or none, message fragments]
type ScaleRow = [string, number | undefined, number | undefined, string | undefined, string[]];

const SCALING: ScaleRow[] = [
  ['the same count changes nothing', 3, 3, undefined, []],
  ['a count left out on both sides is 1 on both (SetDefaults_Deployment)', undefined, undefined, undefined, []],
  ['a count stated as 1 where it was left out is still 1', undefined, 1, undefined, []],
  ['scaling up starts pods and stops none', 1, 5, 'safe', ['scales from 1 to 5 pods']],
  ['scaling down to a count above 0 keeps pods serving', 5, 2, 'safe', ['scales from 5 to 2 pods']],
  [
    'a count left out is removed by kubectl apply and defaulted back to 1',
    3,
    undefined,
    'safe',
    ['scales from 3 to 1 pods (left out, replicas is 1)'],
  ],
  [
    'scaling to 0 stops every pod and empties the Services that select them',
    3,
    0,
    'disruptive',
    ['replicas 3 → 0', 'every pod stops', 'the Services that select them have no endpoints left'],
  ],
  // ValidateDeploymentSpec refuses a negative count; that is a create-time check, not a scaling.
  ['a negative count is left to the create-time checks', 3, -1, undefined, []],
];

describe.each(['Deployment', 'StatefulSet'])('%s replicas (the controllers scale to spec.replicas)', (kind) => {
  test.each(SCALING)('%s', (_behaviour, from, to, verdict, fragments) => {
    const make = kind === 'Deployment' ? deployment : statefulSet;
    const update = kind === 'Deployment' ? deploymentUpdate : statefulSetUpdate;
    const before = objectRef(make(from === undefined ? {} : { replicas: from }));
    const after = make();
    if (to !== undefined) {
      after.spec.replicas = to;
    }
    const findings = update(before, objectRef(after), context());
    expect(findings.map((f) => f.verdict)).toEqual(verdict ? [verdict] : []);
    for (const fragment of fragments) {
      expect(findings[0].message).toContain(fragment);
    }
    if (verdict === 'safe' && to !== undefined) {
      // Only a count the manifest leaves out is said to be left out.
      expect(findings[0].message).toBe(`scales from ${from ?? 1} to ${to} pods`);
    }
  });
});

describe('Deployment rollout (the Deployment controller replaces pods by spec.strategy)', () => {
  // [behaviour, strategy of the new manifest, expected verdict, message fragments]
  const ROLLOUTS: [string, Record<string, unknown> | undefined, string, string[]][] = [
    [
      'a new template with the defaulted RollingUpdate strategy (25% / 25%) keeps pods serving',
      undefined,
      'safe',
      ['a rolling update replaces the pods (maxUnavailable 25%, maxSurge 25%)'],
    ],
    [
      'the stated maxUnavailable and maxSurge are the ones used',
      { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 2 } },
      'safe',
      ['maxUnavailable 10%, maxSurge 2'],
    ],
    [
      'a maxUnavailable left out is defaulted to 25% (SetDefaults_Deployment)',
      { rollingUpdate: { maxSurge: 3 } },
      'safe',
      ['maxUnavailable 25%, maxSurge 3'],
    ],
    [
      'a maxSurge left out is defaulted to 25% (SetDefaults_Deployment)',
      { rollingUpdate: { maxUnavailable: 1 } },
      'safe',
      ['maxUnavailable 1, maxSurge 25%'],
    ],
    [
      'a new template with the Recreate strategy stops every pod first',
      { type: 'Recreate' },
      'disruptive',
      ['spec.strategy is Recreate', 'every pod stops before the new ones start'],
    ],
  ];

  test.each(ROLLOUTS)('%s', (_behaviour, strategy, verdict, fragments) => {
    const before = objectRef(deployment());
    const after = objectRef(deployment(strategy ? { strategy } : {}, newImage));
    const f = one(deploymentUpdate(before, after, context()), 'spec.template');
    expect(f.verdict).toBe(verdict);
    for (const fragment of fragments) {
      expect(f.message).toContain(fragment);
    }
  });

  test('a strategy change alone does not roll the pods (the template hash is unchanged)', () => {
    const before = objectRef(deployment({ strategy: { type: 'Recreate' } }));
    const after = objectRef(deployment());
    expect(deploymentUpdate(before, after, context())).toEqual([]);
  });

  test('a template that differs only in key order or empty lists does not roll the pods', () => {
    const before = objectRef(deployment());
    const after = objectRef(
      deployment(
        {},
        { spec: { volumes: [], containers: [{ image: 'registry.k8s.io/echoserver:1.10', name: 'web' }] } },
      ),
    );
    expect(deploymentUpdate(before, after, context())).toEqual([]);
  });
});

describe('Services that lose the pods (the EndpointSlice controller follows the selector)', () => {
  // The Deployment's selector stays {app: web}; the template's version label changes from v1 to v2.
  const labelled = (version: string) =>
    deployment({}, { metadata: { labels: { app: 'web', version } }, spec: newImage.spec });

  // [behaviour, objects of the new render, Service names that lose the pods]
  const ROWS: [string, ObjectRef[], string[]][] = [
    ['a Service selecting the old label loses the pods', [service('v1', { selector: { version: 'v1' } })], ['v1']],
    ['a Service selecting a label both versions carry keeps them', [service('web', { selector: { app: 'web' } })], []],
    [
      'a Service selecting the new label did not have the pods before',
      [service('v2', { selector: { version: 'v2' } })],
      [],
    ],
    ['a Service selecting neither version has nothing to lose', [service('other', { selector: { app: 'other' } })], []],
    [
      'a Service in another namespace selects other pods',
      [service('v1', { selector: { version: 'v1' } }, 'other')],
      [],
    ],
    // An ExternalName Service gets no endpoints whatever its selector (EndpointSlice controller).
    [
      'an ExternalName Service has no endpoints to lose',
      [service('v1', { type: 'ExternalName', externalName: 'db.example.com', selector: { version: 'v1' } })],
      [],
    ],
    ['a Service without selector has its endpoints managed by hand', [service('manual', { ports: [] })], []],
    ['a Service without spec selects nothing', [service('bare', undefined)], []],
    [
      'only Services count, not other objects with a selector map',
      [
        objectRef({
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: { name: 'rc', namespace: 'shop' },
          spec: { selector: { version: 'v1' } },
        }),
      ],
      [],
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, next, losing) => {
    const findings = withPath(
      deploymentUpdate(objectRef(labelled('v1')), objectRef(labelled('v2')), context(next)),
      'spec.template.metadata.labels',
    );
    expect(findings.map((f) => f.message.split(' ')[1])).toEqual(losing);
    for (const f of findings) {
      expect(f.verdict).toBe('disruptive');
      expect(f.message).toContain('selects {"version":"v1"}, which the new pod labels do not carry');
      expect(f.message).toContain('it loses these pods as they are replaced');
    }
  });

  test('a new image with unchanged labels loses no Service its pods', () => {
    const next = [service('web', { selector: { app: 'web', version: 'v1' } })];
    const findings = deploymentUpdate(objectRef(labelled('v1')), objectRef(labelled('v1')), context(next));
    expect(findings).toEqual([]);
    const rolled = deploymentUpdate(objectRef(deployment()), objectRef(deployment({}, newImage)), context(next));
    expect(rolled.map((f) => f.path)).toEqual(['spec.template']);
  });

  test('a StatefulSet whose labels change loses the Services that selected them too', () => {
    const set = (version: string) => statefulSet({ template: labelled(version).spec.template });
    const findings = statefulSetUpdate(
      objectRef(set('v1')),
      objectRef(set('v2')),
      context([service('db', { selector: { version: 'v1' } })]),
    );
    expect(one(findings, 'spec.template.metadata.labels').message).toContain('Service db selects');
  });
});

describe('ValidateStatefulSetUpdate: only the mutable spec fields may change', () => {
  // [behaviour, spec before, spec after, the refused fields]
  const ROWS: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
    ['replicas may change', { replicas: 1 }, { replicas: 3 }, []],
    ['minReadySeconds may change', {}, { minReadySeconds: 10 }, []],
    ['the ordinals may change', {}, { ordinals: { start: 1 } }, []],
    [
      'the PVC retention policy may change',
      {},
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } },
      [],
    ],
    [
      'updateStrategy may change',
      {},
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
      [],
    ],
    ['serviceName may not change', {}, { serviceName: 'db2' }, ['spec.serviceName']],
    ['podManagementPolicy may not change', {}, { podManagementPolicy: 'Parallel' }, ['spec.podManagementPolicy']],
    // SetDefaults_StatefulSet gives OrderedReady and 10; stating the default changes nothing.
    [
      'podManagementPolicy stated as its default OrderedReady is no change',
      {},
      { podManagementPolicy: 'OrderedReady' },
      [],
    ],
    ['revisionHistoryLimit stated as its default 10 is no change', { revisionHistoryLimit: 10 }, {}, []],
    [
      'a revisionHistoryLimit left out is removed and defaulted back to 10',
      { revisionHistoryLimit: 5 },
      {},
      ['spec.revisionHistoryLimit'],
    ],
    [
      'a claim template may not change its size',
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }] },
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '2Gi' } } } }] },
      ['spec.volumeClaimTemplates'],
    ],
    // SetDefaults_PersistentVolumeClaimSpec gives volumeMode Filesystem, SetDefaults_PersistentVolumeClaim phase Pending.
    [
      'a claim template stating its defaults is no change',
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] },
      {
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
            status: { phase: 'Pending' },
          },
        ],
      },
      [],
    ],
    [
      'a claim template switching to a block volume is a change',
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] },
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { volumeMode: 'Block' } }] },
      ['spec.volumeClaimTemplates'],
    ],
    [
      'refused fields are listed by name',
      { serviceName: 'db', podManagementPolicy: 'OrderedReady' },
      { serviceName: 'db2', selector: { matchLabels: { app: 'db' } }, podManagementPolicy: 'Parallel' },
      ['spec.podManagementPolicy', 'spec.selector', 'spec.serviceName'],
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, refused) => {
    // serviceName first, so that the findings come out sorted only if the rule sorts them.
    const make = (spec: Record<string, unknown>) => {
      const object = statefulSet();
      object.spec = { serviceName: object.spec.serviceName, ...object.spec, ...spec };
      return objectRef(object);
    };
    const findings = statefulSetUpdate(make(before), make(after), context());
    const refusals = findings.filter((f) => f.verdict === 'refused');
    expect(refusals.map((f) => f.path)).toEqual(refused);
    for (const f of refusals) {
      expect(f.message).toContain(`${f.path} `);
      expect(f.message).toContain('a StatefulSet may not change it');
    }
  });

  test('the refusal shows the values, and the remedy orphans the pods and keeps their volumes', () => {
    const findings = statefulSetUpdate(
      objectRef(statefulSet()),
      objectRef(statefulSet({ serviceName: 'db2' })),
      context(),
    );
    const f = one(findings, 'spec.serviceName');
    expect(f.message).toContain('spec.serviceName "db" → "db2": a StatefulSet may not change it');
    expect(f.rule).toContain('ValidateStatefulSetUpdate');
    expect(f.rule).toContain('(pkg/apis/apps/validation/validation.go)');
    expect(f.remedy).toContain(`\`kubectl delete statefulset db -n shop --cascade=orphan\` then \`${APPLY}\``);
    expect(f.remedy).toContain('the pods and their volumes keep running');
    expect(f.remedy).toContain('the new StatefulSet adopts the pods its selector matches');
    expect(f.remedy).toContain('existing PersistentVolumeClaims keep their size and class');
    expect(f.remedy).toContain('only new ones follow volumeClaimTemplates');
  });

  test('a long value is named, not shown', () => {
    const claims = (size: string) => ({
      volumeClaimTemplates: [
        { metadata: { name: 'data' }, spec: { storageClassName: 'fast', resources: { requests: { storage: size } } } },
      ],
    });
    const f = one(
      statefulSetUpdate(objectRef(statefulSet(claims('1Gi'))), objectRef(statefulSet(claims('2Gi'))), context()),
      'spec.volumeClaimTemplates',
    );
    expect(f.message).toContain('spec.volumeClaimTemplates changes: a StatefulSet may not change it');
  });
});

describe('StatefulSet updateStrategy (SetDefaults_StatefulSet, kubectl apply, ValidateStatefulSetSpec)', () => {
  // [behaviour, updateStrategy before, updateStrategy after, refused]
  const ROWS: [string, Record<string, unknown> | undefined, Record<string, unknown> | undefined, boolean][] = [
    // The server defaulted rollingUpdate {partition: 0}; the previous manifest did not state it,
    // so the apply patch keeps it, and OnDelete with rollingUpdate is refused.
    [
      'OnDelete where the strategy was left out keeps the defaulted rollingUpdate',
      undefined,
      { type: 'OnDelete' },
      true,
    ],
    // The previous manifest stated rollingUpdate, so kubectl apply removes it.
    [
      'OnDelete where rollingUpdate was stated removes it',
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      { type: 'OnDelete' },
      false,
    ],
    ['OnDelete that stays OnDelete has no rollingUpdate to keep', { type: 'OnDelete' }, { type: 'OnDelete' }, false],
    ['a strategy left out stays RollingUpdate', undefined, undefined, false],
    ['an explicit RollingUpdate is no switch to OnDelete', undefined, { type: 'RollingUpdate' }, false],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, refused) => {
    const findings = statefulSetUpdate(
      objectRef(statefulSet(before ? { updateStrategy: before } : {})),
      objectRef(statefulSet(after ? { updateStrategy: after } : {})),
      context(),
    );
    expect(withPath(findings, 'spec.updateStrategy.type').map((f) => f.verdict)).toEqual(refused ? ['refused'] : []);
  });

  test('OnDelete stated with a rollingUpdate is left to the create-time check, which refuses the pair itself', () => {
    const findings = statefulSetUpdate(
      objectRef(statefulSet()),
      objectRef(statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } })),
      context(),
    );
    expect(withPath(findings, 'spec.updateStrategy.type')).toEqual([]);
  });

  test('the refusal quotes ValidateStatefulSetSpec and the remedy clears rollingUpdate by hand first', () => {
    const f = one(
      statefulSetUpdate(
        objectRef(statefulSet()),
        objectRef(statefulSet({ updateStrategy: { type: 'OnDelete' } })),
        context(),
      ),
      'spec.updateStrategy.type',
    );
    expect(f.message).toContain(
      'updateStrategy becomes OnDelete, but the live object keeps the rollingUpdate {partition: 0} the API server defaulted',
    );
    expect(f.message).toContain('which kubectl apply does not remove');
    expect(f.message).toContain("only allowed for updateStrategy 'RollingUpdate'");
    expect(f.remedy).toBe(
      'switch it by hand, then apply: `kubectl patch statefulset db -n shop --type merge -p ' +
        `'{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'\` then \`${APPLY}\``,
    );
  });

  test('the patch of a StatefulSet without namespace names none', () => {
    const f = one(
      statefulSetUpdate(
        objectRef(statefulSet({}, { namespace: undefined })),
        objectRef(statefulSet({ updateStrategy: { type: 'OnDelete' } }, { namespace: undefined })),
        context(),
      ),
      'spec.updateStrategy.type',
    );
    expect(f.remedy).toContain('`kubectl patch statefulset db --type merge');
  });
});

describe('StatefulSet rollout (the StatefulSet controller replaces pods by spec.updateStrategy)', () => {
  // [behaviour, updateStrategy before, updateStrategy after, message fragments, fragments it must not have]
  const ROWS: [string, Record<string, unknown> | undefined, Record<string, unknown> | undefined, string[], string[]][] =
    [
      [
        'RollingUpdate replaces pods one at a time, highest ordinal first',
        undefined,
        undefined,
        ['the pods are replaced one at a time, highest ordinal first'],
        ['OnDelete', 'only ordinals'],
      ],
      [
        'a partition keeps the lower ordinals on the old template',
        undefined,
        { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
        ['highest ordinal first (only ordinals 2 and up)'],
        ['OnDelete'],
      ],
      [
        'a partition of 0 is every ordinal',
        undefined,
        { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        ['highest ordinal first'],
        ['only ordinals'],
      ],
      [
        'OnDelete leaves each pod on the old template until it is deleted',
        { type: 'OnDelete' },
        { type: 'OnDelete' },
        ['spec.updateStrategy is OnDelete: each pod keeps the old template until it is deleted'],
        ['one at a time'],
      ],
      [
        'the new strategy decides, not the old one',
        { type: 'OnDelete' },
        { type: 'RollingUpdate' },
        ['one at a time'],
        ['OnDelete'],
      ],
    ];

  test.each(ROWS)('%s', (_behaviour, before, after, fragments, absent) => {
    const template = deployment({}, newImage).spec.template;
    const f = one(
      statefulSetUpdate(
        objectRef(statefulSet(before ? { updateStrategy: before } : {})),
        objectRef(statefulSet({ template, ...(after ? { updateStrategy: after } : {}) })),
        context(),
      ),
      'spec.template',
    );
    expect(f.verdict).toBe('safe');
    for (const fragment of fragments) {
      expect(f.message).toContain(fragment);
    }
    for (const fragment of absent) {
      expect(f.message).not.toContain(fragment);
    }
    if (absent.includes('only ordinals')) {
      // Without a partition the message stops at the order: every ordinal is replaced.
      expect(f.message).toMatch(/highest ordinal first$/);
    }
  });

  test('the same template rolls nothing', () => {
    const findings = statefulSetUpdate(
      objectRef(statefulSet()),
      objectRef(statefulSet({ updateStrategy: { type: 'OnDelete' } })),
      context(),
    );
    expect(withPath(findings, 'spec.template')).toEqual([]);
  });
});

describe('workload manifests without spec', () => {
  // The create-time checks refuse a Deployment or StatefulSet without spec (spec.selector is
  // required by ValidateDeploymentSpec and ValidateStatefulSetSpec); the update rules must still
  // judge the change rather than fail.
  test.each(['Deployment', 'StatefulSet'])('a %s losing its spec is refused, and its rules still run', (kind) => {
    const full = kind === 'Deployment' ? deployment({ replicas: 3 }) : statefulSet({ replicas: 3 });
    const bare = { apiVersion: 'apps/v1', kind, metadata: full.metadata };
    const lost = updateFindings(objectRef(full), objectRef(bare), context());
    expect(lost.some((f) => f.verdict === 'refused' && f.path === 'spec.selector')).toBe(true);
    expect(lost.map((f) => f.path)).toEqual(expect.arrayContaining(['spec.replicas', 'spec.template']));
    expect(one(lost, 'spec.replicas').message).toContain('scales from 3 to 1 pods (left out, replicas is 1)');
    const gained = updateFindings(objectRef(bare), objectRef(full), context());
    expect(one(gained, 'spec.replicas').message).toContain('scales from 1 to 3 pods');
    expect(gained.map((f) => f.path)).toContain('spec.template');
    expect(updateFindings(objectRef(bare), objectRef(bare), context()).map((f) => f.path)).not.toContain(
      'spec.template',
    );
  });

  test('a Deployment selector that appears is a change like any other', () => {
    const bare = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    const f = one(deploymentUpdate(objectRef(bare), objectRef(deployment()), context()), 'spec.selector');
    expect(f.message).toContain('spec.selector (none) → {"matchLabels":{"app":"web"}}');
  });
});

describe('statefulSetCreate (DefaultStorageClass admission gives a claim without class the default)', () => {
  // [behaviour, claim templates, expected paths of findings, message fragments]
  const ROWS: [string, unknown[] | undefined, string[], string[]][] = [
    ['a StatefulSet without claim templates asks nothing of the cluster', undefined, [], []],
    [
      'a claim without storageClassName gets the default StorageClass',
      [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      ['spec.volumeClaimTemplates[0].spec.storageClassName'],
      ["the claims of data get the cluster's default StorageClass", 'without one they stay Pending'],
    ],
    [
      'a null storageClassName is no class stated',
      [{ metadata: { name: 'data' }, spec: { storageClassName: null } }],
      ['spec.volumeClaimTemplates[0].spec.storageClassName'],
      ['the claims of data'],
    ],
    // An empty class means no dynamic provisioning: the admission plugin leaves it alone.
    [
      'an empty storageClassName asks for no class',
      [{ metadata: { name: 'data' }, spec: { storageClassName: '' } }],
      [],
      [],
    ],
    ['a named class needs no default', [{ metadata: { name: 'data' }, spec: { storageClassName: 'fast' } }], [], []],
    [
      'a claim without spec or metadata is named by its index',
      [{ metadata: { name: 'data' }, spec: { storageClassName: 'fast' } }, {}],
      ['spec.volumeClaimTemplates[1].spec.storageClassName'],
      ['the claims of template 1 get'],
    ],
  ];

  test.each(ROWS)('%s', (_behaviour, claims, paths, fragments) => {
    const findings = statefulSetCreate(objectRef(statefulSet(claims ? { volumeClaimTemplates: claims } : {})));
    expect(findings.map((f) => f.path)).toEqual(paths);
    for (const f of findings) {
      expect(f.verdict).toBe('safe');
      expect(f.dependsOn).toContain("the cluster's default StorageClass");
      for (const fragment of fragments) {
        expect(f.message).toContain(fragment);
      }
    }
  });

  test('a StatefulSet without spec, or with an empty list item, is judged without failing', () => {
    expect(
      statefulSetCreate(objectRef({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' } })),
    ).toEqual([]);
    // YAML `- ` decodes as null: a claim template with nothing stated.
    expect(statefulSetCreate(objectRef(statefulSet({ volumeClaimTemplates: [null] }))).map((f) => f.message)).toEqual([
      expect.stringContaining('the claims of template 0'),
    ]);
    expect(
      statefulSetUpdate(
        objectRef(statefulSet({ volumeClaimTemplates: [null] })),
        objectRef(statefulSet({ volumeClaimTemplates: [null] })),
        context(),
      ),
    ).toEqual([]);
  });
});
