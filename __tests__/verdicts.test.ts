import {
  createFindings,
  finding,
  KubeObject,
  MODELLED_KINDS,
  namespaceUpdate,
  objectRef,
  ObjectRef,
  orphanFindings,
  PlanContext,
  PlanFinding,
  updateFindings,
} from '../lib/model';

// What the plan says of each object, called on objects built in memory: the create-time
// refusals of a new or changed object, `unchecked` for kinds without rules, what kubectl apply
// (which deletes nothing without --prune) leaves behind, and the Namespace update rules
// (namespaceStrategy.PrepareForUpdate and Pod Security admission).

const APPLY = 'kubectl apply -f dist/';

const object = (kind: string, name: string, namespace?: string, rest: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: { Deployment: 'apps/v1', StatefulSet: 'apps/v1', Ingress: 'networking.k8s.io/v1' }[kind] ?? 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...rest,
});

const ref = (kind: string, name: string, namespace?: string, rest: Record<string, unknown> = {}): ObjectRef =>
  objectRef(object(kind, name, namespace, rest));

const context = (parts: Partial<PlanContext> = {}): PlanContext => ({
  previous: [],
  next: [],
  orphaned: [],
  applyCommand: APPLY,
  ...parts,
});

const deploymentSpec = {
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } },
};

describe('kinds without rules are unchecked', () => {
  test('the model names the kinds it has rules for', () => {
    expect([...MODELLED_KINDS].sort()).toEqual(['Deployment', 'Ingress', 'Namespace', 'Service', 'StatefulSet']);
  });

  test.each([
    ['create', 'this object'],
    ['update', 'this change'],
  ])('a ConfigMap to %s gets one unchecked finding about %s', (action, what) => {
    const configMap = ref('ConfigMap', 'settings', 'shop', { data: { a: '1' } });
    const findings =
      action === 'create'
        ? createFindings(configMap, context())
        : updateFindings(ref('ConfigMap', 'settings', 'shop'), configMap, context());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.verdict).toBe('unchecked');
    expect(f.message).toBe(
      `no rules of ConfigMap are modelled: whether the API server accepts ${what}, and what it does to a running ` +
        'cluster, is not checked; only the schema check of synth and validate applies',
    );
    expect(f.rule).toContain('the plan models the Kubernetes 1.27 rules of');
    // An unchecked finding is about no field: it has no path at all.
    expect(Object.keys(f)).not.toContain('path');
  });

  // apps/v1beta1 is not served since 1.16: the model knows only apps/v1 workloads.
  test('a Deployment of an API group the model does not check is unchecked, on create and update', () => {
    const old = ref('Deployment', 'web', 'shop');
    const now = objectRef({
      ...object('Deployment', 'web', 'shop', { spec: deploymentSpec }),
      apiVersion: 'extensions/v1beta1',
    });
    expect(createFindings(now, context()).map((f) => f.verdict)).toEqual(['unchecked']);
    expect(updateFindings(old, now, context()).map((f) => f.verdict)).toEqual(['unchecked']);
  });
});

describe('create-time refusals of a new or changed object', () => {
  test('a create-time error refuses the object, citing its Kubernetes function, and says to fix the render', () => {
    // ValidateNamespace: a finalizer without '/' must be a standard one.
    const findings = createFindings(
      ref('Namespace', 'shop', undefined, { spec: { finalizers: ['custom'] } }),
      context(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      verdict: 'refused',
      path: 'spec.finalizers[0]',
      ruleId: 'namespace/finalizer',
      remedy: 'fix the render: the API server refuses this object whatever the cluster holds',
    });
    expect(findings[0].message).toContain('"custom" is neither a standard finalizer name');
    expect(findings[0].rule).toContain('ValidateNamespace, validateFinalizerName');
  });

  test('warnings do not refuse: an object in a system namespace is accepted (NamespaceLifecycle)', () => {
    const findings = createFindings(ref('Deployment', 'web', 'kube-system', { spec: deploymentSpec }), context());
    expect(findings).toEqual([]);
  });

  // ValidateIngressCreate refuses a class annotation that disagrees with spec.ingressClassName;
  // ValidateIngressUpdate does not check it.
  test('an Ingress whose annotation and class disagree is refused on create only', () => {
    const spec = { ingressClassName: 'traefik', defaultBackend: { service: { name: 'web', port: { number: 80 } } } };
    const metadata = { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } };
    const ingress = objectRef({ ...object('Ingress', 'web', 'shop', { spec }), metadata });
    const created = createFindings(ingress, context());
    expect(created.filter((f) => f.verdict === 'refused').map((f) => f.path)).toEqual([
      'metadata.annotations["kubernetes.io/ingress.class"]',
    ]);
    const updated = updateFindings(ref('Ingress', 'web', 'shop', { spec }), ingress, context());
    expect(updated.filter((f) => f.verdict === 'refused')).toEqual([]);
  });

  test('a changed Namespace keeps its stored finalizers, so they are not checked again', () => {
    const before = ref('Namespace', 'shop');
    const after = ref('Namespace', 'shop', undefined, { spec: { finalizers: ['custom'] } });
    expect(updateFindings(before, after, context()).map((f) => f.verdict)).toEqual(['disruptive']);
  });
});

describe('orphaned objects (kubectl apply deletes none without --prune)', () => {
  // [behaviour, kind, what keeps happening]
  const RUNNING: [string, string, string][] = [
    [
      'a Deployment keeps its pods serving',
      'Deployment',
      'its pods keep running, and Services that select them keep sending them traffic',
    ],
    [
      'a StatefulSet keeps its pods and volumes',
      'StatefulSet',
      'its pods and their volumes keep running, and Services that select them keep sending them traffic',
    ],
    ['an Ingress keeps its routes', 'Ingress', 'its controller keeps routing its hosts and paths'],
    [
      'a kind without rules just stays',
      'ConfigMap',
      'it stays in the cluster (what it keeps doing is not modelled for ConfigMap)',
    ],
  ];

  test.each(RUNNING)('%s', (_behaviour, kind, running) => {
    const before = ref(kind, 'web', 'shop');
    const findings = orphanFindings(before, context({ previous: [before], orphaned: [before] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      verdict: 'orphaned',
      message: `${APPLY} does not delete it: ${running}`,
      rule: 'kubectl apply creates and updates the objects it is given and deletes none without --prune',
      remedy: `\`kubectl delete ${kind.toLowerCase()} web -n shop\``,
    });
  });

  // [behaviour, objects of the new render, whether the render has it elsewhere]
  const MOVED: [string, ObjectRef[], string | undefined][] = [
    ['the same kind and name in another namespace is the object moved', [ref('Deployment', 'web', 'shop2')], 'shop2'],
    ['another kind of the same name is not it', [ref('Service', 'web', 'shop2')], undefined],
    ['another name of the same kind is not it', [ref('Deployment', 'api', 'shop2')], undefined],
    ['the render has nothing', [], undefined],
  ];

  test.each(MOVED)('%s', (_behaviour, next, movedTo) => {
    const before = ref('Deployment', 'web', 'shop');
    const [f] = orphanFindings(before, context({ previous: [before], next, orphaned: [before] }));
    if (movedTo) {
      expect(f.message).toMatch(new RegExp(`; the render has it in namespace ${movedTo} now$`));
    } else {
      expect(f.message).toMatch(/Services that select them keep sending them traffic$/);
    }
  });

  // [behaviour, the object's namespace, orphaned objects, whether the remedy may delete the namespace]
  const NAMESPACE_LEFT: [string, string, ObjectRef[], boolean][] = [
    ['its namespace is left behind too', 'shop', [ref('Namespace', 'shop')], true],
    ['another namespace is left behind', 'shop', [ref('Namespace', 'other')], false],
    ['an object named like its namespace is no namespace', 'shop', [ref('ConfigMap', 'shop', 'other')], false],
    // The control plane owns default: no advice deletes it.
    ['a system namespace is never deleted', 'default', [ref('Namespace', 'default')], false],
  ];

  test.each(NAMESPACE_LEFT)('%s', (_behaviour, namespace, orphaned, deletesNamespace) => {
    const before = ref('Deployment', 'web', namespace);
    const [f] = orphanFindings(before, context({ previous: [before], orphaned: [before, ...orphaned] }));
    expect(f.remedy).toBe(
      `\`kubectl delete deployment web -n ${namespace}\`` +
        (deletesNamespace ? `, or \`kubectl delete namespace ${namespace}\` with everything in it` : ''),
    );
  });
});

describe('orphaned Namespaces', () => {
  test.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])(
    'namespace %s belongs to the control plane and must stay',
    (name) => {
      const before = ref('Namespace', name);
      const [f] = orphanFindings(before, context({ previous: [before], orphaned: [before] }));
      expect(f.verdict).toBe('orphaned');
      expect(f.message).toBe(`${APPLY} does not delete it, and it must stay: the control plane owns namespace ${name}`);
      expect(f.rule).toContain(
        'NamespaceLifecycle admission plugin refuses to delete default, kube-system and kube-public',
      );
      expect(f.remedy).toBe("leave it: the namespace is not the render's to delete");
    },
  );

  // [objects of the previous render in the namespace, how the remedy counts them]
  test.each([
    [0, '0 objects'],
    [1, '1 object'],
    [2, '2 objects'],
  ])('a namespace of the render with %s objects in it may be deleted with them (%s)', (count, counted) => {
    const before = ref('Namespace', 'shop');
    const inside = Array.from({ length: count }, (_, i) => ref('ConfigMap', `c${i}`, 'shop'));
    const previous = [before, ...inside, ref('ConfigMap', 'elsewhere', 'other'), ref('Namespace', 'other')];
    const [f] = orphanFindings(before, context({ previous, orphaned: [before] }));
    expect(f.message).toBe(`${APPLY} does not delete it: the namespace and every object in it keep running`);
    expect(f.remedy).toBe(
      `\`kubectl delete namespace shop\` deletes it with everything in it (${counted} of the previous render)`,
    );
  });
});

describe('namespaceUpdate', () => {
  const ns = (labels?: Record<string, string>, finalizers?: string[]): ObjectRef =>
    ref('Namespace', 'shop', undefined, {
      metadata: { name: 'shop', ...(labels ? { labels } : {}) },
      ...(finalizers ? { spec: { finalizers } } : {}),
    });
  const ENFORCE = 'pod-security.kubernetes.io/enforce';

  test('new finalizers are accepted and ignored (namespaceStrategy.PrepareForUpdate keeps the stored ones)', () => {
    const findings = namespaceUpdate(ns(undefined, ['kubernetes']), ns(undefined, ['kubernetes', 'example.com/x']));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ verdict: 'disruptive', path: 'spec.finalizers' });
    expect(findings[0].message).toBe(
      'accepted but without effect: the API server keeps the finalizers the namespace was created with',
    );
  });

  // [behaviour, labels before, labels after, paths of the findings]
  const ROWS: [string, Record<string, string> | undefined, Record<string, string> | undefined, string[]][] = [
    [
      'a stricter enforce level',
      { [ENFORCE]: 'baseline' },
      { [ENFORCE]: 'restricted' },
      [`metadata.labels["${ENFORCE}"]`],
    ],
    ['an enforce level set', undefined, { [ENFORCE]: 'restricted' }, [`metadata.labels["${ENFORCE}"]`]],
    [
      'an enforce version changed',
      { [`${ENFORCE}-version`]: 'v1.26' },
      { [`${ENFORCE}-version`]: 'v1.27' },
      [`metadata.labels["${ENFORCE}-version"]`],
    ],
    // warn and audit levels refuse no pod.
    [
      'a warn level changed refuses nothing',
      { 'pod-security.kubernetes.io/warn': 'baseline' },
      { 'pod-security.kubernetes.io/warn': 'restricted' },
      [],
    ],
    ['other labels refuse nothing', { team: 'a' }, { team: 'b' }, []],
    ['the same level is no change', { [ENFORCE]: 'restricted' }, { [ENFORCE]: 'restricted' }, []],
  ];

  test.each(ROWS)('%s', (_behaviour, before, after, paths) => {
    const findings = namespaceUpdate(ns(before), ns(after));
    expect(findings.map((f) => f.path)).toEqual(paths);
    for (const f of findings) {
      expect(f.verdict).toBe('disruptive');
      expect(f.message).toContain(
        'pods created from now on (rollouts, restarts, scaling) are admitted against the new level',
      );
      expect(f.message).toContain('running pods are not checked again');
      expect(f.dependsOn).toContain('the PodSecurity admission plugin being enabled');
    }
  });

  test('the message shows the old and new level', () => {
    const [f] = namespaceUpdate(ns({ [ENFORCE]: 'baseline' }), ns());
    expect(f.message).toContain(`${ENFORCE} "baseline" → (none): pods created from now on`);
  });

  test('a Namespace without metadata or spec is judged without failing', () => {
    const bare = objectRef({ apiVersion: 'v1', kind: 'Namespace' });
    expect(namespaceUpdate(bare, bare)).toEqual([]);
    expect(namespaceUpdate(bare, ns({ [ENFORCE]: 'restricted' })).map((f) => f.path)).toEqual([
      `metadata.labels["${ENFORCE}"]`,
    ]);
    expect(namespaceUpdate(ns({ [ENFORCE]: 'restricted' }), bare)).toHaveLength(1);
  });
});

test('finding leaves out the path, remedy and dependsOn it is not given', () => {
  const bare: PlanFinding = finding('safe', undefined, 'm', 'r');
  expect(Object.keys(bare).sort()).toEqual(['message', 'rule', 'verdict']);
  expect(Object.keys(finding('safe', '', 'm', 'r', '', '')).sort()).toEqual(['message', 'path', 'rule', 'verdict']);
  expect(finding('refused', 'spec', 'm', 'r', 'fix', 'cluster')).toEqual({
    verdict: 'refused',
    path: 'spec',
    message: 'm',
    rule: 'r',
    remedy: 'fix',
    dependsOn: 'cluster',
  });
});
