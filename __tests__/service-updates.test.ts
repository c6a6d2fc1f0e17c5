import { planChanges, readManifests } from '../cli/plan';
import { KubeObject, PlanFinding } from '../lib/model';

// What `kubectl apply` of a changed Service does under the Kubernetes 1.27 API server, through
// the plan's own entry points: the previous and the new render are read as kubectl reads them
// (readManifests) and compared (planChanges, which calls createFindings, updateFindings and
// orphanFindings). The old spec is what the previous render applied: the cluster holds it with
// the values it allocated (a cluster IP, node ports) that neither manifest names. Each row names
// the Kubernetes code whose rule decides the expected findings.

type Spec = Record<string, unknown>;
type Verdict = PlanFinding['verdict'];

/** A finding as [verdict, path, what its message says, its remedy and what it depends on]. */
type Expected = [Verdict, string | undefined, string, Extra?];
/**
 * `remedy` is the whole remedy and `dependsOn` the whole dependency; either left out means the
 * finding has none. A message fragment ending in `$` must end the message.
 */
interface Extra {
  readonly remedy?: string;
  readonly dependsOn?: string;
}

const service = (spec: Spec, name = 'web', namespace = 'shop'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec,
});

const deployment = (labels: Record<string, string>, namespace = 'shop', name = 'web-v2'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: 'web', image: 'registry.k8s.io/echoserver:1.10' }] },
    },
  },
});

/** The plan of two renders, each given as its objects in the order kubectl apply sends them. */
function plan(previous: KubeObject[], next: KubeObject[]) {
  const read = (file: string, objects: KubeObject[]) =>
    readManifests(
      objects.length === 0 ? [] : [{ file, text: objects.map((o) => JSON.stringify(o)).join('\n---\n') }],
      file,
    );
  return planChanges(read('before.yaml', previous), read('after.yaml', next));
}

/** The findings of the plan's one entry `action Service namespace/name`. */
function findingsOf(p: ReturnType<typeof plan>, action: string, name: string, namespace = 'shop'): PlanFinding[] {
  const entries = p.entries.filter(
    (e) => e.action === action && e.kind === 'Service' && e.name === name && e.namespace === namespace,
  );
  expect(entries).toHaveLength(1);
  return entries[0].findings;
}

/** The findings of applying `newSpec` to Service shop/web, which the previous render applied as `oldSpec`. */
const update = (oldSpec: Spec, newSpec: Spec) =>
  findingsOf(plan([service(oldSpec)], [service(newSpec)]), 'update', 'web');

function expectFindings(actual: readonly PlanFinding[], expected: readonly Expected[]): void {
  expect(actual.map((f) => [f.verdict, f.path])).toEqual(expected.map(([verdict, path]) => [verdict, path]));
  expected.forEach(([, , message, extra = {}], i) => {
    const f = actual[i];
    if (message.endsWith('$')) {
      expect(f.message.endsWith(message.slice(0, -1))).toBe(true);
    } else {
      expect(f.message).toContain(message);
    }
    expect(f.remedy).toEqual(extra.remedy);
    expect(f.dependsOn).toEqual(extra.dependsOn);
  });
}

// The remedy of a Service the API server will not update, with what recreating it costs.
const RECREATE =
  'delete and recreate it: `kubectl delete service web -n shop` then `kubectl apply -f dist/`; ' +
  'clients get no DNS answer until it is back';
const ALLOCATED_IP_RELEASED = `${RECREATE}; its cluster IP is released and another allocated`;
const FIX_THE_RENDER = 'fix the render: the API server refuses this object whatever the cluster holds';
const SET_SINGLE_STACK = 'fix the render: set spec.ipFamilyPolicy to SingleStack in the same change';

// What of the cluster a verdict can depend on.
const PRIMARY_FAMILY = "the cluster's primary IP family (that of its first --service-cluster-ip-range)";
const DUAL_STACK = 'whether the cluster is dual-stack (a --service-cluster-ip-range of each family)';
const NODE_PORT_FREE = 'whether another Service in the cluster holds the node port';
const FAMILIES = 'the IP families the cluster is configured for (--service-cluster-ip-range)';
const IP_RANGE = "the cluster's --service-cluster-ip-range, and whether another Service holds the address";

const IP = '10.96.0.50';
const IP_B = '10.96.0.51';
const IP6 = 'fd00::50';
const IP6_B = 'fd00::51';
const SELECTOR = { app: 'web' };
const PORTS = [{ port: 80, targetPort: 8080 }];
const CLUSTER_IP: Spec = { selector: SELECTOR, ports: PORTS };
const HEADLESS: Spec = { ...CLUSTER_IP, clusterIP: 'None' };
const DUAL: Spec = { ...CLUSTER_IP, clusterIP: IP, clusterIPs: [IP, IP6], ipFamilyPolicy: 'PreferDualStack' };
const NODE_PORT: Spec = {
  type: 'NodePort',
  selector: SELECTOR,
  ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
};
const NODE_PORTS_ALLOCATED: Spec = { ...CLUSTER_IP, type: 'NodePort' };
const TWO_NODE_PORTS: Spec = {
  type: 'NodePort',
  selector: SELECTOR,
  ports: [
    { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
    { name: 'https', port: 443, targetPort: 8443, nodePort: 30443 },
  ],
};
const LOAD_BALANCER: Spec = { ...CLUSTER_IP, type: 'LoadBalancer' };
const LOCAL: Spec = { ...LOAD_BALANCER, externalTrafficPolicy: 'Local', healthCheckNodePort: 32100 };
const EXTERNAL_NAME: Spec = { type: 'ExternalName', externalName: 'api.example.com' };
const CLASS = 'example.com/lb';
const RANGE = '198.51.100.0/24';
const RANGE_B = '203.0.113.0/24';

// [behaviour, Kubernetes function, old spec, new spec, every finding of the update in order]
type UpdateCase = [string, string, Spec, Spec, Expected[]];

const CLUSTER_IP_CASES: UpdateCase[] = [
  [
    'a cluster IP the manifest leaves out is kept',
    'patchAllocatedValues',
    { ...CLUSTER_IP, clusterIP: IP },
    CLUSTER_IP,
    [['safe', 'spec.clusterIP', `the Service keeps cluster IP ${IP}: the API server restores cluster IPs`]],
  ],
  [
    'both cluster IPs the manifest leaves out are kept',
    'patchAllocatedValues',
    DUAL,
    { ...CLUSTER_IP, ipFamilyPolicy: 'PreferDualStack' },
    [['safe', 'spec.clusterIP', `the Service keeps cluster IPs ${IP}, ${IP6}: the API server restores`]],
  ],
  [
    'an allocated cluster IP and a manifest that still leaves it out give no finding',
    'patchAllocatedValues',
    CLUSTER_IP,
    { ...CLUSTER_IP, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    [],
  ],
  [
    'fixing an allocated cluster IP is refused unless it is that address',
    'validateUpgradeDowngradeClusterIPs',
    CLUSTER_IP,
    { ...CLUSTER_IP, clusterIP: IP_B },
    [
      [
        'refused',
        'spec.clusterIP',
        `the cluster allocated this Service's IP at creation; setting ${IP_B} is refused unless it is that address`,
        { remedy: ALLOCATED_IP_RELEASED },
      ],
    ],
  ],
  [
    'a Service with an allocated cluster IP cannot become headless',
    'validateUpgradeDowngradeClusterIPs',
    CLUSTER_IP,
    HEADLESS,
    [
      [
        'refused',
        'spec.clusterIP',
        'a Service with a cluster IP cannot become headless: the IP it was given at creation may not change',
        { remedy: ALLOCATED_IP_RELEASED },
      ],
    ],
  ],
  [
    'a Service with a fixed cluster IP cannot become headless',
    'validateUpgradeDowngradeClusterIPs',
    { ...CLUSTER_IP, clusterIP: IP },
    HEADLESS,
    [
      [
        'refused',
        'spec.clusterIP',
        `cannot become headless: clusterIP "${IP}" → "None" may not change once set`,
        { remedy: `${RECREATE}; cluster IP ${IP} is released` },
      ],
    ],
  ],
  [
    'a fixed cluster IP cannot change',
    'validateUpgradeDowngradeClusterIPs',
    { ...CLUSTER_IP, clusterIP: IP },
    { ...CLUSTER_IP, clusterIP: IP_B },
    [
      [
        'refused',
        'spec.clusterIP',
        `clusterIP "${IP}" → "${IP_B}": a cluster IP may not change once set`,
        { remedy: `${RECREATE}; cluster IP ${IP} is released` },
      ],
    ],
  ],
  [
    'the primary of two cluster IPs cannot change, and recreating releases both',
    'validateUpgradeDowngradeClusterIPs',
    DUAL,
    { ...DUAL, clusterIP: IP_B, clusterIPs: [IP_B, IP6] },
    [
      [
        'refused',
        'spec.clusterIP',
        `clusterIP "${IP}" → "${IP_B}"`,
        { remedy: `${RECREATE}; cluster IPs ${IP}, ${IP6} are released` },
      ],
    ],
  ],
  [
    'a NodePort Service whose cluster IP changes costs its node ports too when recreated',
    'validateUpgradeDowngradeClusterIPs',
    { ...NODE_PORT, clusterIP: IP },
    { ...NODE_PORT, clusterIP: IP_B },
    [
      [
        'refused',
        'spec.clusterIP',
        'a cluster IP may not change once set',
        { remedy: `${RECREATE}; cluster IP ${IP} is released; node ports the manifest does not fix are reassigned` },
      ],
    ],
  ],
  [
    'a headless Service cannot get a cluster IP',
    'validateUpgradeDowngradeClusterIPs',
    HEADLESS,
    { ...CLUSTER_IP, clusterIP: IP_B },
    // Recreating a headless Service releases no address.
    [
      [
        'refused',
        'spec.clusterIP',
        `a headless Service cannot get a cluster IP: clusterIP "None" → "${IP_B}" may not change once set`,
        { remedy: RECREATE },
      ],
    ],
  ],
  [
    'leaving out clusterIP None keeps the Service headless: accepted without effect',
    'patchAllocatedValues',
    HEADLESS,
    CLUSTER_IP,
    [
      [
        'disruptive',
        'spec.clusterIP',
        'accepted but without effect: kubectl apply removes clusterIP "None" and the API server puts it back, ' +
          'so the Service stays headless and gets no cluster IP',
        { remedy: RECREATE },
      ],
    ],
  ],
  [
    'a headless Service turned NodePort keeps clusterIP None, which NodePort refuses',
    'patchAllocatedValues, ValidateService',
    HEADLESS,
    NODE_PORTS_ALLOCATED,
    [
      [
        'refused',
        'spec.clusterIP',
        'kubectl apply removes clusterIP "None", the API server puts it back, and a NodePort Service cannot be headless',
        { remedy: RECREATE },
      ],
      ['disruptive', 'spec.type', 'type headless → NodePort: node ports open on every node$'],
    ],
  ],
  [
    'a headless Service turned LoadBalancer keeps clusterIP None, which LoadBalancer refuses',
    'patchAllocatedValues, ValidateService',
    HEADLESS,
    LOAD_BALANCER,
    [
      ['refused', 'spec.clusterIP', 'a LoadBalancer Service cannot be headless', { remedy: RECREATE }],
      [
        'disruptive',
        'spec.type',
        'type headless → LoadBalancer: node ports open on every node; a cloud load balancer is provisioned',
      ],
    ],
  ],
  [
    'a headless Service that stays headless gives no cluster IP finding',
    'validateUpgradeDowngradeClusterIPs (headless to headless)',
    HEADLESS,
    { ...HEADLESS, ports: [...PORTS, { name: 'metrics', port: 9090 }].map((p, i) => ({ name: `p${i}`, ...p })) },
    [],
  ],
  [
    'a headless Service with a second cluster IP listed is refused by validation alone',
    'ValidateServiceClusterIPsRelatedFields',
    HEADLESS,
    { ...HEADLESS, clusterIPs: ['None', IP] },
    [['refused', 'spec.clusterIPs', "'None' must be the first and only value", { remedy: FIX_THE_RENDER }]],
  ],
];

const SECONDARY_CASES: UpdateCase[] = [
  [
    'SingleStack with both cluster IPs still listed releases the secondary',
    'initIPFamilyFields (update with SingleStack)',
    DUAL,
    { ...DUAL, ipFamilyPolicy: 'SingleStack' },
    [
      [
        'disruptive',
        'spec.ipFamilyPolicy',
        `ipFamilyPolicy SingleStack releases the secondary cluster IP ${IP6}: clients that reach the Service on it lose it`,
      ],
    ],
  ],
  [
    'SingleStack releases the secondary of a RequireDualStack Service as well',
    'initIPFamilyFields (update with SingleStack)',
    { ...DUAL, ipFamilyPolicy: 'RequireDualStack' },
    { ...DUAL, ipFamilyPolicy: 'SingleStack' },
    [['disruptive', 'spec.ipFamilyPolicy', `SingleStack releases the secondary cluster IP ${IP6}`]],
  ],
  [
    'a changed secondary cluster IP is refused',
    'validateUpgradeDowngradeClusterIPs',
    DUAL,
    { ...DUAL, clusterIPs: [IP, IP6_B] },
    [
      [
        'refused',
        'spec.clusterIPs[1]',
        `clusterIPs[1] "${IP6}" → "${IP6_B}": a cluster IP may not change once set`,
        { remedy: `${RECREATE}; cluster IPs ${IP}, ${IP6} are released` },
      ],
    ],
  ],
  [
    'a changed secondary cluster IP is refused even with SingleStack, which releases only unchanged ones',
    'initIPFamilyFields (sameClusterIPs), validateUpgradeDowngradeClusterIPs',
    DUAL,
    { ...DUAL, clusterIPs: [IP, IP6_B], ipFamilyPolicy: 'SingleStack' },
    [['refused', 'spec.clusterIPs[1]', `clusterIPs[1] "${IP6}" → "${IP6_B}"`, { remedy: expect.any(String) }]],
  ],
  [
    'releasing the secondary cluster IP under PreferDualStack is refused',
    'initIPFamilyFields (reducedClusterIPs)',
    DUAL,
    { ...DUAL, clusterIPs: [IP] },
    [
      [
        'refused',
        'spec.ipFamilyPolicy',
        `releasing the secondary cluster IP ${IP6} needs ipFamilyPolicy SingleStack, not "PreferDualStack"`,
        { remedy: SET_SINGLE_STACK },
      ],
    ],
  ],
  [
    'releasing the secondary cluster IP with the policy left out is refused',
    'initIPFamilyFields (reducedClusterIPs)',
    DUAL,
    { ...DUAL, clusterIPs: [IP], ipFamilyPolicy: undefined },
    [
      [
        'refused',
        'spec.ipFamilyPolicy',
        `releasing the secondary cluster IP ${IP6} needs ipFamilyPolicy SingleStack, not (none)`,
        { remedy: SET_SINGLE_STACK },
      ],
    ],
  ],
  [
    'releasing the secondary cluster IP with SingleStack is accepted and disruptive',
    'initIPFamilyFields, validateUpgradeDowngradeClusterIPs',
    DUAL,
    { ...DUAL, clusterIPs: [IP], ipFamilyPolicy: 'SingleStack' },
    [
      [
        'disruptive',
        'spec.clusterIPs',
        `the secondary cluster IP ${IP6} is released: clients that reach the Service on it lose it`,
      ],
    ],
  ],
  [
    'SingleStack on a Service with one cluster IP releases nothing',
    'initIPFamilyFields (update with SingleStack)',
    { ...CLUSTER_IP, clusterIP: IP },
    { ...CLUSTER_IP, clusterIP: IP, ipFamilyPolicy: 'SingleStack' },
    [],
  ],
  [
    'cluster IPs that do not start with clusterIP are refused by validation alone',
    'ValidateServiceClusterIPsRelatedFields',
    { ...CLUSTER_IP, clusterIP: IP },
    { ...CLUSTER_IP, clusterIP: IP, clusterIPs: [IP_B, IP6], ipFamilyPolicy: 'PreferDualStack' },
    [['refused', 'spec.clusterIPs', 'first value must match `clusterIP`', { remedy: FIX_THE_RENDER }]],
  ],
  [
    'listing only the primary cluster IP keeps the secondary',
    'normalizeClusterIPs, patchAllocatedValues',
    DUAL,
    { ...DUAL, clusterIPs: undefined },
    [],
  ],
  [
    'asking for a secondary cluster IP depends on the cluster being dual-stack',
    'the cluster IP allocator (alloc.go)',
    { ...CLUSTER_IP, clusterIP: IP },
    DUAL,
    [
      [
        'disruptive',
        'spec.clusterIPs[1]',
        `a secondary cluster IP ${IP6} is asked for: refused unless the cluster is dual-stack, the address is in its secondary range and free`,
        { dependsOn: DUAL_STACK },
      ],
    ],
  ],
];

const IP_FAMILY_CASES: UpdateCase[] = [
  [
    'setting the IP family the cluster chose depends on its primary family',
    'validateUpgradeDowngradeIPFamilies',
    CLUSTER_IP,
    { ...CLUSTER_IP, ipFamilies: ['IPv6'] },
    [
      [
        'disruptive',
        'spec.ipFamilies',
        "the cluster chose this Service's IP family at creation; the update is refused unless its primary family is IPv6$",
        { remedy: ALLOCATED_IP_RELEASED, dependsOn: PRIMARY_FAMILY },
      ],
    ],
  ],
  [
    'setting two IP families depends on the primary family and on a dual-stack cluster',
    'validateUpgradeDowngradeIPFamilies, initIPFamilyFields',
    CLUSTER_IP,
    { ...CLUSTER_IP, ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    [
      [
        'disruptive',
        'spec.ipFamilies',
        'refused unless its primary family is IPv4, and a second family is given only on a dual-stack cluster',
        { remedy: ALLOCATED_IP_RELEASED, dependsOn: `${PRIMARY_FAMILY}, and ${DUAL_STACK}` },
      ],
    ],
  ],
  [
    'the primary IP family cannot change',
    'validateUpgradeDowngradeIPFamilies',
    { ...CLUSTER_IP, ipFamilies: ['IPv4'] },
    { ...CLUSTER_IP, ipFamilies: ['IPv6'] },
    [
      [
        'refused',
        'spec.ipFamilies[0]',
        'the primary IP family IPv4 → IPv6 may not change once set',
        { remedy: ALLOCATED_IP_RELEASED },
      ],
    ],
  ],
  [
    'releasing the secondary IP family without SingleStack is refused',
    'initIPFamilyFields (reducedIPFamilies)',
    { ...CLUSTER_IP, ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    { ...CLUSTER_IP, ipFamilies: ['IPv4'], ipFamilyPolicy: 'PreferDualStack' },
    [
      [
        'refused',
        'spec.ipFamilyPolicy',
        'releasing the secondary IP family needs ipFamilyPolicy SingleStack',
        { remedy: SET_SINGLE_STACK },
      ],
    ],
  ],
  [
    'adding an IP family depends on the cluster being dual-stack',
    'initIPFamilyFields',
    { ...CLUSTER_IP, ipFamilies: ['IPv4'] },
    { ...CLUSTER_IP, ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    [
      [
        'disruptive',
        'spec.ipFamilies',
        'adding the IP family IPv6 is refused unless the cluster is dual-stack',
        { dependsOn: DUAL_STACK },
      ],
    ],
  ],
  [
    'leaving the IP families out keeps them',
    'initIPFamilyFields (families follow the kept cluster IPs)',
    { ...CLUSTER_IP, ipFamilies: ['IPv4'] },
    CLUSTER_IP,
    [],
  ],
  [
    'a headless Service may change its IP families',
    'validateUpgradeDowngradeIPFamilies (headless)',
    { ...HEADLESS, ipFamilies: ['IPv4'] },
    { ...HEADLESS, ipFamilies: ['IPv6'] },
    [],
  ],
  [
    'a Service turned headless is judged on its cluster IP, not its IP families',
    'validateUpgradeDowngradeIPFamilies (to headless)',
    { ...CLUSTER_IP, clusterIP: IP, ipFamilies: ['IPv4'] },
    { ...HEADLESS, ipFamilies: ['IPv6'] },
    [['refused', 'spec.clusterIP', 'cannot become headless', { remedy: `${RECREATE}; cluster IP ${IP} is released` }]],
  ],
  [
    'a headless Service given a cluster IP is judged on its cluster IP, not its IP families',
    'validateUpgradeDowngradeIPFamilies (from headless)',
    { ...HEADLESS, ipFamilies: ['IPv4'] },
    { ...CLUSTER_IP, clusterIP: IP6_B, ipFamilies: ['IPv6'] },
    [['refused', 'spec.clusterIP', 'a headless Service cannot get a cluster IP', { remedy: RECREATE }]],
  ],
  [
    'a headless Service that leaves out clusterIP None stays headless, whatever its IP families',
    'patchAllocatedValues, validateUpgradeDowngradeIPFamilies (headless)',
    { ...HEADLESS, ipFamilies: ['IPv4'] },
    { ...CLUSTER_IP, ipFamilies: ['IPv6'] },
    [['disruptive', 'spec.clusterIP', 'accepted but without effect', { remedy: RECREATE }]],
  ],
];

const TYPE_DROP_CASES: UpdateCase[] = [
  [
    'a Service turned ExternalName releases its cluster IP, and has no port or selector findings',
    'dropTypeDependentFields, validateUpgradeDowngradeClusterIPs (ExternalName)',
    { ...CLUSTER_IP, clusterIP: IP },
    EXTERNAL_NAME,
    [['disruptive', 'spec.type', 'type ClusterIP → ExternalName']],
  ],
  [
    'an ExternalName Service turned ClusterIP gets no port, selector or externalName findings',
    'validateUpgradeDowngradeClusterIPs (ExternalName)',
    EXTERNAL_NAME,
    { ...CLUSTER_IP, ports: [{ port: 443 }] },
    [['disruptive', 'spec.type', 'type ExternalName → ClusterIP']],
  ],
  [
    'a changed externalName is disruptive',
    'cluster DNS',
    EXTERNAL_NAME,
    { ...EXTERNAL_NAME, externalName: 'api.example.net' },
    [
      [
        'disruptive',
        'spec.externalName',
        'clients resolving the Service get a CNAME to "api.example.net" instead of "api.example.com" once DNS caches expire',
      ],
    ],
  ],
  [
    'an ExternalName Service whose name stays gets no DNS finding',
    'cluster DNS',
    EXTERNAL_NAME,
    { ...EXTERNAL_NAME, ports: [{ port: 443 }] },
    [],
  ],
  [
    'a headless Service turned ExternalName becomes a CNAME',
    'dropTypeDependentFields',
    HEADLESS,
    EXTERNAL_NAME,
    // A headless Service has no cluster IP to release; only the message's first half applies.
    [['disruptive', 'spec.type', 'its name becomes a CNAME to "api.example.com"']],
  ],
  [
    'cluster IP and IP family fields left as they were are dropped when the Service turns ExternalName',
    'dropTypeDependentFields (sameClusterIPs, sameIPFamilies, sameIPFamilyPolicy)',
    { ...CLUSTER_IP, clusterIP: IP, ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    { ...EXTERNAL_NAME, clusterIP: IP, ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    [['disruptive', 'spec.type', 'type ClusterIP → ExternalName']],
  ],
  [
    'both cluster IPs left as they were are dropped when the Service turns ExternalName',
    'dropTypeDependentFields (sameClusterIPs)',
    DUAL,
    { ...EXTERNAL_NAME, clusterIP: IP, clusterIPs: [IP, IP6], ipFamilyPolicy: 'PreferDualStack' },
    [['disruptive', 'spec.type', 'type ClusterIP → ExternalName']],
  ],
  [
    'a cluster IP changed while turning ExternalName stays, and ExternalName refuses it',
    'dropTypeDependentFields, ValidateService',
    { ...CLUSTER_IP, clusterIP: IP },
    { ...EXTERNAL_NAME, clusterIP: IP_B },
    [
      ['refused', 'spec.clusterIPs', 'may not be set for ExternalName services', { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type ClusterIP → ExternalName'],
    ],
  ],
  [
    'a secondary cluster IP changed while turning ExternalName keeps both, and ExternalName refuses them',
    'dropTypeDependentFields (sameClusterIPs compares clusterIP and clusterIPs)',
    DUAL,
    { ...EXTERNAL_NAME, clusterIP: IP, clusterIPs: [IP, IP6_B], ipFamilyPolicy: 'PreferDualStack' },
    [
      ['refused', 'spec.clusterIPs', 'may not be set for ExternalName services', { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type ClusterIP → ExternalName'],
    ],
  ],
  [
    'IP family fields changed while turning ExternalName stay, and ExternalName refuses them',
    'dropTypeDependentFields, ValidateService',
    { ...CLUSTER_IP, ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    { ...EXTERNAL_NAME, ipFamilies: ['IPv6'], ipFamilyPolicy: 'PreferDualStack' },
    [
      ['refused', 'spec.ipFamilies', 'may not be set for ExternalName services', { remedy: FIX_THE_RENDER }],
      ['refused', 'spec.ipFamilyPolicy', 'may not be set for ExternalName services', { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type ClusterIP → ExternalName'],
    ],
  ],
  [
    'node ports left as they were are dropped when the Service turns ClusterIP',
    'dropTypeDependentFields (sameNodePorts)',
    NODE_PORT,
    { ...NODE_PORT, type: 'ClusterIP' },
    [['disruptive', 'spec.type', 'type NodePort → ClusterIP: its node ports (30080) are released$']],
  ],
  [
    'node ports partly left out, or 0, while turning ClusterIP are no new ones, and are dropped',
    'dropTypeDependentFields (sameNodePorts: no node port the old Service lacks)',
    TWO_NODE_PORTS,
    {
      ...TWO_NODE_PORTS,
      type: 'ClusterIP',
      ports: [
        { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
        { name: 'https', port: 443, targetPort: 8443, nodePort: 0 },
        { name: 'admin', port: 9000 },
      ],
    },
    [['disruptive', 'spec.type', 'type NodePort → ClusterIP']],
  ],
  [
    'a node port changed while turning ClusterIP stays, and ClusterIP refuses it',
    'dropTypeDependentFields (sameNodePorts), ValidateService',
    NODE_PORT,
    { ...NODE_PORT, type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }] },
    [
      ['refused', 'spec.ports[0].nodePort', "may not be used when type is 'ClusterIP'", { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type NodePort → ClusterIP'],
    ],
  ],
  [
    'a node port set while turning ClusterIP is new, and ClusterIP refuses it',
    'dropTypeDependentFields (sameNodePorts), ValidateService',
    NODE_PORTS_ALLOCATED,
    { ...CLUSTER_IP, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
    [
      ['refused', 'spec.ports[0].nodePort', "may not be used when type is 'ClusterIP'", { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type NodePort → ClusterIP: its node ports are released$'],
    ],
  ],
  [
    'a NodePort Service turned ClusterIP without ports is refused for having none',
    'ValidateService (ports required)',
    NODE_PORT,
    { selector: SELECTOR },
    [
      [
        'refused',
        'spec.ports',
        'is required unless the Service is headless or ExternalName',
        { remedy: FIX_THE_RENDER },
      ],
      ['disruptive', 'spec.type', 'type NodePort → ClusterIP'],
      ['disruptive', 'spec.ports', 'port 80/TCP is no longer served'],
    ],
  ],
  [
    'a health check node port left as it was is dropped with externalTrafficPolicy Cluster',
    'dropTypeDependentFields (sameHCNodePort)',
    LOCAL,
    { ...LOCAL, externalTrafficPolicy: 'Cluster' },
    [
      [
        'disruptive',
        'spec.externalTrafficPolicy',
        'externalTrafficPolicy Local → Cluster: client source addresses are no longer kept',
      ],
    ],
  ],
  [
    'a health check node port changed with externalTrafficPolicy Cluster stays, and is refused',
    'dropTypeDependentFields (sameHCNodePort), ValidateService',
    LOCAL,
    { ...LOCAL, externalTrafficPolicy: 'Cluster', healthCheckNodePort: 32101 },
    [
      [
        'refused',
        'spec.healthCheckNodePort',
        "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'",
        { remedy: FIX_THE_RENDER },
      ],
      ['disruptive', 'spec.externalTrafficPolicy', 'externalTrafficPolicy Local → Cluster'],
    ],
  ],
  [
    'a LoadBalancer turned ClusterIP drops the health check node port and traffic policy it kept',
    'dropTypeDependentFields',
    LOCAL,
    { ...LOCAL, type: 'ClusterIP' },
    [
      [
        'disruptive',
        'spec.type',
        'type LoadBalancer → ClusterIP: the cloud load balancer and its external address are released; its node ports are released$',
      ],
    ],
  ],
  [
    'a traffic policy changed while turning ClusterIP stays, and ClusterIP refuses it',
    'dropTypeDependentFields (sameExternalTrafficPolicy), ValidateService',
    { ...LOAD_BALANCER, externalTrafficPolicy: 'Local' },
    { ...LOAD_BALANCER, type: 'ClusterIP', externalTrafficPolicy: 'Cluster' },
    [
      [
        'refused',
        'spec.externalTrafficPolicy',
        'may only be set for externally-accessible Services',
        { remedy: FIX_THE_RENDER },
      ],
      ['disruptive', 'spec.type', 'type LoadBalancer → ClusterIP'],
      ['disruptive', 'spec.externalTrafficPolicy', 'externalTrafficPolicy Local → Cluster'],
    ],
  ],
  [
    'the defaulted traffic policy written out while turning ClusterIP is the one held, and is dropped',
    'SetDefaults_Service, dropTypeDependentFields (sameExternalTrafficPolicy)',
    NODE_PORT,
    { ...CLUSTER_IP, externalTrafficPolicy: 'Cluster' },
    [['disruptive', 'spec.type', 'type NodePort → ClusterIP']],
  ],
  [
    'the defaulted allocateLoadBalancerNodePorts written out while turning ClusterIP is dropped',
    'SetDefaults_Service, dropTypeDependentFields',
    LOAD_BALANCER,
    { ...CLUSTER_IP, allocateLoadBalancerNodePorts: true },
    [['disruptive', 'spec.type', 'type LoadBalancer → ClusterIP']],
  ],
  [
    'allocateLoadBalancerNodePorts changed while turning ClusterIP stays, and ClusterIP refuses it',
    'dropTypeDependentFields, ValidateService',
    LOAD_BALANCER,
    { ...CLUSTER_IP, allocateLoadBalancerNodePorts: false },
    [
      [
        'refused',
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when type is 'LoadBalancer'",
        { remedy: FIX_THE_RENDER },
      ],
      ['disruptive', 'spec.type', 'type LoadBalancer → ClusterIP'],
    ],
  ],
  [
    'a loadBalancerClass left as it was is dropped when the Service turns ClusterIP',
    'dropTypeDependentFields (sameLoadBalancerClass)',
    { ...LOAD_BALANCER, loadBalancerClass: CLASS },
    { ...CLUSTER_IP, loadBalancerClass: CLASS },
    [['disruptive', 'spec.type', 'type LoadBalancer → ClusterIP']],
  ],
  [
    'a loadBalancerClass changed while turning ClusterIP stays, and ClusterIP refuses it',
    'dropTypeDependentFields (sameLoadBalancerClass), ValidateService',
    { ...LOAD_BALANCER, loadBalancerClass: CLASS },
    { ...CLUSTER_IP, loadBalancerClass: 'example.com/other' },
    [
      ['refused', 'spec.loadBalancerClass', "may only be used when type is 'LoadBalancer'", { remedy: FIX_THE_RENDER }],
      ['disruptive', 'spec.type', 'type LoadBalancer → ClusterIP'],
    ],
  ],
];

const NODE_PORT_CASES: UpdateCase[] = [
  [
    'a node port the manifest leaves out is kept',
    'patchAllocatedValues',
    NODE_PORT,
    NODE_PORTS_ALLOCATED,
    [
      [
        'safe',
        'spec.ports[0].nodePort',
        'the port keeps node port 30080: the API server restores a nodePort the manifest leaves out',
      ],
    ],
  ],
  [
    'fixing an allocated node port moves it, unless another Service holds it',
    'the node port allocator',
    NODE_PORTS_ALLOCATED,
    NODE_PORT,
    [
      [
        'disruptive',
        'spec.ports[0].nodePort',
        'the node port the cluster allocated → 30080: clients that reach the Service on the old port of any node lose it; ' +
          'the update is refused if another Service holds 30080',
        { dependsOn: NODE_PORT_FREE },
      ],
    ],
  ],
  [
    'a changed node port of the second port is disruptive',
    'the node port allocator',
    TWO_NODE_PORTS,
    {
      ...TWO_NODE_PORTS,
      ports: [
        { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
        { name: 'https', port: 443, targetPort: 8443, nodePort: 30444 },
      ],
    },
    [['disruptive', 'spec.ports[1].nodePort', 'node port 30443 → 30444: clients', { dependsOn: NODE_PORT_FREE }]],
  ],
  [
    'reordered ports keep their node ports: ports are paired by name',
    'patchAllocatedValues (pairs node ports by port name)',
    TWO_NODE_PORTS,
    { ...TWO_NODE_PORTS, ports: [...(TWO_NODE_PORTS.ports as Spec[])].reverse() },
    [],
  ],
  [
    'a port whose number changes keeps the node port of its name',
    'patchAllocatedValues (pairs node ports by port name)',
    TWO_NODE_PORTS,
    {
      ...TWO_NODE_PORTS,
      ports: [
        { name: 'http', port: 8080, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 8443, nodePort: 30443 },
      ],
    },
    [
      ['safe', 'spec.ports[0].nodePort', 'the port keeps node port 30080'],
      ['disruptive', 'spec.ports', 'port 80/TCP is no longer served'],
    ],
  ],
  [
    'a LoadBalancer turned NodePort still pairs its node ports',
    'patchAllocatedValues (needsNodePort of both)',
    { ...NODE_PORT, type: 'LoadBalancer' },
    { ...NODE_PORT, ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }] },
    [
      [
        'disruptive',
        'spec.type',
        'type LoadBalancer → NodePort: the cloud load balancer and its external address are released$',
      ],
      ['disruptive', 'spec.ports[0].nodePort', 'node port 30080 → 30081', { dependsOn: NODE_PORT_FREE }],
    ],
  ],
  [
    'a ClusterIP Service turned NodePort with a fixed node port gets only the type finding',
    'patchAllocatedValues (no node ports before)',
    CLUSTER_IP,
    NODE_PORT,
    [['disruptive', 'spec.type', 'type ClusterIP → NodePort: node ports open on every node$']],
  ],
  [
    'a NodePort Service turned LoadBalancer keeps the node port the manifest leaves out',
    'patchAllocatedValues',
    NODE_PORT,
    LOAD_BALANCER,
    [
      [
        'disruptive',
        'spec.type',
        'type NodePort → LoadBalancer: a cloud load balancer is provisioned with a new external address$',
      ],
      ['safe', 'spec.ports[0].nodePort', 'keeps node port 30080'],
    ],
  ],
];

const PORT_CASES: UpdateCase[] = [
  [
    'a port taken away is no longer served',
    'kube-proxy',
    {
      ...CLUSTER_IP,
      ports: [
        { name: 'http', port: 80 },
        { name: 'metrics', port: 9090 },
      ],
    },
    { ...CLUSTER_IP, ports: [{ name: 'http', port: 80 }] },
    [['disruptive', 'spec.ports', 'port 9090/TCP is no longer served: clients connecting to it are refused']],
  ],
  [
    'a port whose protocol changes is no longer served on the old one',
    'kube-proxy',
    CLUSTER_IP,
    { ...CLUSTER_IP, ports: [{ port: 80, targetPort: 8080, protocol: 'UDP' }] },
    [['disruptive', 'spec.ports', 'port 80/TCP is no longer served']],
  ],
  [
    'the other protocol of the same port number does not serve a port taken away',
    'kube-proxy',
    {
      ...CLUSTER_IP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
    { ...CLUSTER_IP, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    [['disruptive', 'spec.ports', 'port 53/TCP is no longer served']],
  ],
  [
    'a changed targetPort is disruptive',
    'kube-proxy',
    CLUSTER_IP,
    { ...CLUSTER_IP, ports: [{ port: 80, targetPort: 9090 }] },
    [
      [
        'disruptive',
        'spec.ports[0].targetPort',
        'port 80 forwards to 9090 instead of 8080: connections fail on pods that do not listen there',
      ],
    ],
  ],
  [
    'a targetPort written out as the port it defaults to changes nothing',
    'SetDefaults_Service (targetPort defaults to port)',
    { ...CLUSTER_IP, ports: [{ port: 80 }] },
    { ...CLUSTER_IP, ports: [{ port: 80, targetPort: 80 }] },
    [],
  ],
  [
    'a targetPort that becomes a port name is disruptive',
    'kube-proxy',
    CLUSTER_IP,
    { ...CLUSTER_IP, ports: [{ port: 80, targetPort: 'http' }] },
    [['disruptive', 'spec.ports[0].targetPort', 'port 80 forwards to "http" instead of 8080']],
  ],
  [
    'the targetPort finding names the new position of a moved port',
    'kube-proxy',
    {
      ...CLUSTER_IP,
      ports: [
        { name: 'a', port: 80, targetPort: 8080 },
        { name: 'b', port: 443, targetPort: 8443 },
      ],
    },
    {
      ...CLUSTER_IP,
      ports: [
        { name: 'b', port: 443, targetPort: 9443 },
        { name: 'a', port: 80, targetPort: 8080 },
      ],
    },
    [['disruptive', 'spec.ports[0].targetPort', 'port 443 forwards to 9443 instead of 8443']],
  ],
  [
    'a port added is safe',
    'kube-proxy',
    { ...CLUSTER_IP, ports: [{ name: 'http', port: 80 }] },
    {
      ...CLUSTER_IP,
      ports: [
        { name: 'http', port: 80 },
        { name: 'metrics', port: 9090 },
      ],
    },
    [],
  ],
];

const EXTERNAL_CASES: UpdateCase[] = [
  [
    'externalTrafficPolicy Cluster → Local drops traffic on nodes without a ready pod',
    'kube-proxy',
    NODE_PORT,
    { ...NODE_PORT, externalTrafficPolicy: 'Local' },
    [
      [
        'disruptive',
        'spec.externalTrafficPolicy',
        'externalTrafficPolicy Cluster → Local: nodes without a ready pod drop external traffic; client addresses are kept',
      ],
    ],
  ],
  [
    'leaving out externalTrafficPolicy Local defaults it to Cluster',
    'SetDefaults_Service, kube-proxy',
    { ...NODE_PORT, externalTrafficPolicy: 'Local' },
    NODE_PORT,
    [['disruptive', 'spec.externalTrafficPolicy', 'externalTrafficPolicy Local → Cluster']],
  ],
  [
    'a ClusterIP Service had no external traffic policy to change',
    'SetDefaults_Service',
    CLUSTER_IP,
    { ...NODE_PORTS_ALLOCATED, externalTrafficPolicy: 'Local' },
    [['disruptive', 'spec.type', 'type ClusterIP → NodePort']],
  ],
  [
    'a changed healthCheckNodePort is refused',
    'validateServiceExternalTrafficFieldsUpdate',
    LOCAL,
    { ...LOCAL, healthCheckNodePort: 32101 },
    [
      [
        'refused',
        'spec.healthCheckNodePort',
        'healthCheckNodePort 32100 → 32101: it may not change while the Service needs it',
        {
          remedy:
            `${ALLOCATED_IP_RELEASED}; node ports the manifest does not fix are reassigned; ` +
            'the cloud load balancer is rebuilt with a new external address; ' +
            'or apply once with externalTrafficPolicy Cluster, which releases the port, then again with Local',
        },
      ],
    ],
  ],
  [
    'fixing the allocated healthCheckNodePort is refused unless it is that port',
    'validateServiceExternalTrafficFieldsUpdate',
    { ...LOCAL, healthCheckNodePort: undefined },
    LOCAL,
    [
      [
        'refused',
        'spec.healthCheckNodePort',
        'the cluster allocated the health check node port at creation; 32100 is refused unless it is that port',
        { remedy: expect.stringContaining('or apply once with externalTrafficPolicy Cluster') },
      ],
    ],
  ],
  [
    'a healthCheckNodePort the manifest leaves out is kept',
    'patchAllocatedValues',
    LOCAL,
    { ...LOCAL, healthCheckNodePort: undefined },
    [],
  ],
  [
    'a healthCheckNodePort that stays gives no finding',
    'validateServiceExternalTrafficFieldsUpdate',
    LOCAL,
    { ...LOCAL, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    [],
  ],
  [
    'a healthCheckNodePort asked for with externalTrafficPolicy Local is allocated anew',
    'validateServiceExternalTrafficFieldsUpdate (needed only after)',
    LOAD_BALANCER,
    LOCAL,
    [['disruptive', 'spec.externalTrafficPolicy', 'externalTrafficPolicy Cluster → Local']],
  ],
  [
    'setting a loadBalancerClass on a LoadBalancer is refused',
    'validateLoadBalancerClassField',
    LOAD_BALANCER,
    { ...LOAD_BALANCER, loadBalancerClass: CLASS },
    [
      [
        'refused',
        'spec.loadBalancerClass',
        `loadBalancerClass (none) → "${CLASS}": it may not change while the Service is a LoadBalancer`,
        {
          remedy: `${ALLOCATED_IP_RELEASED}; node ports the manifest does not fix are reassigned; the cloud load balancer is rebuilt with a new external address`,
        },
      ],
    ],
  ],
  [
    'removing the loadBalancerClass of a LoadBalancer is refused',
    'validateLoadBalancerClassField',
    { ...LOAD_BALANCER, loadBalancerClass: CLASS },
    LOAD_BALANCER,
    [['refused', 'spec.loadBalancerClass', `loadBalancerClass "${CLASS}" → (none)`, { remedy: expect.any(String) }]],
  ],
  [
    'source ranges where there were none keep every other client out',
    'the cloud provider',
    LOAD_BALANCER,
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE, RANGE_B] },
    [
      [
        'disruptive',
        'spec.loadBalancerSourceRanges',
        `only clients in ${RANGE}, ${RANGE_B} can reach the load balancer from now on`,
      ],
    ],
  ],
  [
    'a source range taken away keeps its clients out',
    'the cloud provider',
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE, RANGE_B] },
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE] },
    [['disruptive', 'spec.loadBalancerSourceRanges', `clients in ${RANGE_B} can no longer reach the load balancer`]],
  ],
  [
    'source ranges taken away keep their clients out',
    'the cloud provider',
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE, RANGE_B, '192.0.2.0/24'] },
    { ...LOAD_BALANCER, loadBalancerSourceRanges: ['192.0.2.0/24'] },
    [['disruptive', 'spec.loadBalancerSourceRanges', `clients in ${RANGE}, ${RANGE_B} can no longer reach`]],
  ],
  [
    'a source range replaced keeps the clients of the old one out',
    'the cloud provider',
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE] },
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE_B] },
    [['disruptive', 'spec.loadBalancerSourceRanges', `clients in ${RANGE} can no longer reach`]],
  ],
  [
    'a source range added lets more clients in',
    'the cloud provider',
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE] },
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE, RANGE_B] },
    [],
  ],
  [
    'no source ranges let every client in',
    'the cloud provider',
    { ...LOAD_BALANCER, loadBalancerSourceRanges: [RANGE] },
    LOAD_BALANCER,
    [],
  ],
  [
    'a loadBalancerIP set may rebuild the load balancer',
    'the cloud provider',
    LOAD_BALANCER,
    { ...LOAD_BALANCER, loadBalancerIP: '203.0.113.10' },
    [
      [
        'disruptive',
        'spec.loadBalancerIP',
        'loadBalancerIP (none) → "203.0.113.10": the cloud provider may rebuild the load balancer on the new address',
      ],
    ],
  ],
  [
    'a Service turned LoadBalancer gets no load balancer findings but the type',
    'validateLoadBalancerClassField (both LoadBalancer only)',
    CLUSTER_IP,
    { ...LOAD_BALANCER, loadBalancerClass: CLASS, loadBalancerIP: '203.0.113.10', loadBalancerSourceRanges: [RANGE] },
    [['disruptive', 'spec.type', 'type ClusterIP → LoadBalancer']],
  ],
];

describe('kubectl apply of a changed Service', () => {
  test.each([
    ...CLUSTER_IP_CASES,
    ...SECONDARY_CASES,
    ...IP_FAMILY_CASES,
    ...TYPE_DROP_CASES,
    ...NODE_PORT_CASES,
    ...PORT_CASES,
    ...EXTERNAL_CASES,
  ])('%s (%s)', (_behaviour, _kubernetes, oldSpec, newSpec, expected) => {
    expectFindings(update(oldSpec, newSpec), expected);
  });
});

// [old spec, new spec, the whole message of the spec.type finding]: dropTypeDependentFields
// releases what the new type does not use; the new type allocates what it needs.
const TYPE_CHANGES: [Spec, Spec, string][] = [
  [CLUSTER_IP, NODE_PORTS_ALLOCATED, 'type ClusterIP → NodePort: node ports open on every node'],
  [
    CLUSTER_IP,
    LOAD_BALANCER,
    'type ClusterIP → LoadBalancer: node ports open on every node; a cloud load balancer is provisioned with a new external address',
  ],
  [
    CLUSTER_IP,
    EXTERNAL_NAME,
    'type ClusterIP → ExternalName: its cluster IP is released and its name becomes a CNAME to "api.example.com": clients of the IP lose the Service',
  ],
  [NODE_PORT, CLUSTER_IP, 'type NodePort → ClusterIP: its node ports (30080) are released'],
  [TWO_NODE_PORTS, CLUSTER_IP, 'type NodePort → ClusterIP: its node ports (30080, 30443) are released'],
  [NODE_PORTS_ALLOCATED, CLUSTER_IP, 'type NodePort → ClusterIP: its node ports are released'],
  [
    NODE_PORT,
    LOAD_BALANCER,
    'type NodePort → LoadBalancer: a cloud load balancer is provisioned with a new external address',
  ],
  [
    NODE_PORT,
    EXTERNAL_NAME,
    'type NodePort → ExternalName: its node ports (30080) are released; its cluster IP is released and its name becomes a CNAME to "api.example.com": clients of the IP lose the Service',
  ],
  [
    LOAD_BALANCER,
    CLUSTER_IP,
    'type LoadBalancer → ClusterIP: the cloud load balancer and its external address are released; its node ports are released',
  ],
  [
    LOAD_BALANCER,
    NODE_PORTS_ALLOCATED,
    'type LoadBalancer → NodePort: the cloud load balancer and its external address are released',
  ],
  [
    LOAD_BALANCER,
    EXTERNAL_NAME,
    'type LoadBalancer → ExternalName: the cloud load balancer and its external address are released; its node ports are released; ' +
      'its cluster IP is released and its name becomes a CNAME to "api.example.com": clients of the IP lose the Service',
  ],
  [
    EXTERNAL_NAME,
    CLUSTER_IP,
    `type ExternalName → ClusterIP: its name stops being a CNAME to "api.example.com" and resolves to the Service's own address`,
  ],
  [
    EXTERNAL_NAME,
    NODE_PORTS_ALLOCATED,
    `type ExternalName → NodePort: node ports open on every node; its name stops being a CNAME to "api.example.com" and resolves to the Service's own address`,
  ],
  [
    EXTERNAL_NAME,
    LOAD_BALANCER,
    'type ExternalName → LoadBalancer: node ports open on every node; a cloud load balancer is provisioned with a new external address; ' +
      `its name stops being a CNAME to "api.example.com" and resolves to the Service's own address`,
  ],
];

describe('the rules a finding cites', () => {
  test('values the API server restores cite patchAllocatedValues in the Service storage', () => {
    const kept = [...update({ ...NODE_PORT, clusterIP: IP }, NODE_PORTS_ALLOCATED)];
    expect(kept.map((f) => f.path)).toEqual(['spec.clusterIP', 'spec.ports[0].nodePort']);
    for (const f of kept) {
      expect(f.rule).toContain('pkg/registry/core/service/storage/storage.go');
    }
  });
});

describe('a Service whose type changes (dropTypeDependentFields)', () => {
  test.each(TYPE_CHANGES.map(([oldSpec, newSpec, message]) => [message, oldSpec, newSpec] as const))(
    '%s',
    (message, oldSpec, newSpec) => {
      const typeFindings = update(oldSpec, newSpec).filter((f) => f.path === 'spec.type');
      expect(typeFindings).toEqual([
        { verdict: 'disruptive', path: 'spec.type', message, rule: expect.stringContaining('dropTypeDependentFields') },
      ]);
    },
  );

  test('a Service turned headless keeps its type: only the cluster IP is judged', () => {
    expect(update(CLUSTER_IP, HEADLESS).map((f) => f.path)).toEqual(['spec.clusterIP']);
  });
});

describe('a changed selector (the EndpointSlice controller)', () => {
  const NEW = { app: 'web', track: 'v2' };

  test('moving to labels a pod template of the render carries is disruptive', () => {
    const p = plan(
      [service(CLUSTER_IP), deployment(NEW)],
      [service({ ...CLUSTER_IP, selector: NEW }), deployment(NEW)],
    );
    expectFindings(findingsOf(p, 'update', 'web'), [
      [
        'disruptive',
        'spec.selector',
        'traffic moves from pods labelled {"app":"web"} to pods labelled {"app":"web","track":"v2"}$',
      ],
    ]);
  });

  test('pod templates of other namespaces, and objects without pods, do not count', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'shop' }, data: {} };
    const p = plan(
      [service(CLUSTER_IP)],
      [service({ ...CLUSTER_IP, selector: NEW }), configMap, deployment(NEW, 'other')],
    );
    expectFindings(findingsOf(p, 'update', 'web'), [
      ['disruptive', 'spec.selector', '; no pod template in this render carries these labels$'],
    ]);
  });

  test.each([
    [
      'a selector added',
      { ...CLUSTER_IP, selector: undefined },
      CLUSTER_IP,
      [['disruptive', 'spec.selector', 'traffic moves from pods labelled (none) to pods labelled {"app":"web"}']],
    ],
    [
      'a selector taken away',
      CLUSTER_IP,
      { ...CLUSTER_IP, selector: undefined },
      [
        [
          'disruptive',
          'spec.selector',
          'the selector is removed: the Service stops following pods, and its endpoints are no longer kept up to date',
        ],
      ],
    ],
    [
      'a selector written in another key order',
      { ...CLUSTER_IP, selector: { a: '1', b: '2' } },
      { ...CLUSTER_IP, selector: { b: '2', a: '1' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }] },
      [],
    ],
  ] as [string, Spec, Spec, Expected[]][])('%s', (_behaviour, oldSpec, newSpec, expected) => {
    expectFindings(update(oldSpec, newSpec), expected);
  });
});

describe('node ports and cluster IPs another Service holds (the allocators: "provided port is already allocated")', () => {
  const RENDER_FIX = 'fix the render: give each Service its own value, or leave it to the cluster to allocate';
  const at = (nodePort: number) => ({ ...NODE_PORT, ports: [{ port: 80, targetPort: 8080, nodePort }] });

  test('of two new Services asking for the same node port, the one applied first holds it', () => {
    const p = plan([], [service(NODE_PORT, 'a'), service(NODE_PORT, 'b')]);
    expectFindings(findingsOf(p, 'create', 'a'), []);
    expectFindings(findingsOf(p, 'create', 'b'), [
      [
        'refused',
        'spec.ports[0].nodePort',
        'node port 30080 is also asked for by Service shop/a, which holds it first',
        { remedy: RENDER_FIX },
      ],
    ]);
  });

  test('a Service that held the node port in the previous render holds it even when applied later', () => {
    // The lookup of the holder's previous version goes by kind, namespace and name.
    const p = plan(
      [
        service(at(30080)),
        deployment({ app: 'admin' }, 'shop', 'admin'),
        service(at(30070), 'admin', 'other'),
        service(at(30090), 'admin'),
      ],
      [service(at(30090)), service(at(30070), 'admin', 'other'), service(at(30090), 'admin')],
    );
    expectFindings(findingsOf(p, 'update', 'web'), [
      ['disruptive', 'spec.ports[0].nodePort', 'node port 30080 → 30090', { dependsOn: NODE_PORT_FREE }],
      [
        'refused',
        'spec.ports[0].nodePort',
        'node port 30090 is also asked for by Service shop/admin, which holds it first',
        { remedy: RENDER_FIX },
      ],
    ]);
  });

  test('a value the Service held before is not taken from it by a Service applied earlier', () => {
    const p = plan(
      [service(NODE_PORT)],
      [service(NODE_PORT, 'admin'), service({ ...NODE_PORT, selector: { app: 'v2' } })],
    );
    expect(findingsOf(p, 'update', 'web').map((f) => f.path)).toEqual(['spec.selector']);
    expectFindings(findingsOf(p, 'create', 'admin'), [
      [
        'refused',
        'spec.ports[0].nodePort',
        'node port 30080 is also asked for by Service shop/web',
        { remedy: RENDER_FIX },
      ],
    ]);
  });

  test.each([
    [
      'a primary cluster IP',
      { ...CLUSTER_IP, clusterIP: IP },
      { ...CLUSTER_IP, clusterIP: IP },
      [
        ['refused', 'spec.clusterIP', `cluster IP ${IP} is also asked for by Service shop/a`, { remedy: RENDER_FIX }],
        ['safe', 'spec.clusterIP', `the manifest fixes cluster IP ${IP}: refused unless`, { dependsOn: IP_RANGE }],
      ],
    ],
    [
      'a secondary cluster IP',
      { ...DUAL, ipFamilyPolicy: 'RequireDualStack' },
      { ...DUAL, clusterIP: IP_B, clusterIPs: [IP_B, IP6] },
      [
        [
          'refused',
          'spec.clusterIPs[1]',
          `cluster IP ${IP6} is also asked for by Service shop/a`,
          { remedy: RENDER_FIX },
        ],
        ['safe', 'spec.ipFamilyPolicy', 'the Service asks for two IP families', { dependsOn: DUAL_STACK }],
        ['safe', 'spec.clusterIPs', `the manifest fixes cluster IP ${IP_B}, ${IP6}`, { dependsOn: IP_RANGE }],
      ],
    ],
    [
      'a health check node port another Service has as a node port',
      at(32100),
      LOCAL,
      [
        [
          'refused',
          'spec.healthCheckNodePort',
          'node port 32100 is also asked for by Service shop/a',
          { remedy: RENDER_FIX },
        ],
      ],
    ],
    ['clusterIP None, which is no address', HEADLESS, HEADLESS, []],
    [
      'a health check node port left to the cluster',
      { ...LOCAL, healthCheckNodePort: undefined },
      { ...LOCAL, healthCheckNodePort: undefined },
      [],
    ],
    [
      'health check node port 0, which asks the cluster to allocate one',
      { ...LOCAL, healthCheckNodePort: 0 },
      { ...LOCAL, healthCheckNodePort: 0 },
      [],
    ],
    ['node port 0, which asks the cluster to allocate one', at(0), at(0), []],
    // A ClusterIP Service opens no node port (its nodePort is refused, not allocated).
    ['a nodePort on a ClusterIP Service', { ...at(30080), type: 'ClusterIP' }, NODE_PORT, []],
    // The allocator keeps the port of a LoadBalancer with externalTrafficPolicy Cluster for no one.
    [
      'an unneeded health check node port',
      at(32100),
      { ...LOCAL, externalTrafficPolicy: 'Cluster', healthCheckNodePort: undefined },
      [],
    ],
  ] as [string, Spec, Spec, Expected[]][])(
    '%s held by a Service applied first refuses the second',
    (_what, first, second, expected) => {
      const p = plan([], [service(first, 'a'), service(second, 'b')]);
      expectFindings(findingsOf(p, 'create', 'b'), expected);
    },
  );

  test('a node port an orphaned Service keeps is refused, and deleting the orphan first is the remedy', () => {
    const p = plan([service(NODE_PORT), service(at(30081), 'admin')], [service(at(30081))]);
    expectFindings(findingsOf(p, 'update', 'web'), [
      ['disruptive', 'spec.ports[0].nodePort', 'node port 30080 → 30081', { dependsOn: NODE_PORT_FREE }],
      [
        'refused',
        'spec.ports[0].nodePort',
        'node port 30081 stays allocated to shop/admin, which kubectl apply does not delete',
        {
          remedy:
            'delete the old Service first: `kubectl delete service admin -n shop`, then `kubectl apply -f dist/`; its clients lose it from then on',
        },
      ],
    ]);
  });

  test('only Services hold node ports: an orphan of another kind with the same fields does not', () => {
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'admin', namespace: 'shop' },
      spec: at(30081),
    };
    const p = plan([service(NODE_PORT), widget], [service(at(30081))]);
    expect(findingsOf(p, 'update', 'web').map((f) => f.verdict)).toEqual(['disruptive']);
  });
});

describe('a Service left behind (orphanFindings)', () => {
  // What the Service keeps holding and doing while it stays in the cluster.
  test.each([
    ['an ExternalName Service', EXTERNAL_NAME, 'its name keeps resolving to "api.example.com"'],
    ['a headless Service with a selector', HEADLESS, 'its name keeps resolving to the pods it selects'],
    [
      'a headless Service without a selector',
      { ...HEADLESS, selector: undefined },
      'its name keeps resolving to its endpoints',
    ],
    ['a ClusterIP Service', CLUSTER_IP, 'it keeps its cluster IP, and keeps sending traffic to the pods it selects'],
    ['a ClusterIP Service without a selector', { ...CLUSTER_IP, selector: undefined }, 'it keeps its cluster IP'],
    [
      'a ClusterIP Service with a fixed cluster IP',
      { ...CLUSTER_IP, clusterIP: IP, selector: undefined },
      'it keeps its cluster IP',
    ],
    [
      'a dual-stack Service',
      DUAL,
      `it keeps its cluster IPs ${IP}, ${IP6}, and keeps sending traffic to the pods it selects`,
    ],
    [
      'a NodePort Service with a fixed node port',
      NODE_PORT,
      'it keeps its cluster IP and node port 30080, and keeps sending traffic to the pods it selects',
    ],
    [
      'a NodePort Service with two',
      TWO_NODE_PORTS,
      'it keeps its cluster IP and node ports 30080, 30443, and keeps sending traffic to the pods it selects',
    ],
    [
      'a NodePort Service with allocated node ports',
      { ...CLUSTER_IP, type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 0 }] },
      'it keeps its cluster IP and its node ports, and keeps sending traffic to the pods it selects',
    ],
    [
      'a LoadBalancer Service',
      LOAD_BALANCER,
      'it keeps its cluster IP, its node ports and its cloud load balancer, and keeps sending traffic to the pods it selects',
    ],
  ] as [string, Spec, string][])('%s', (_what, spec, running) => {
    const p = plan([service(spec), service(CLUSTER_IP, 'api')], [service(CLUSTER_IP, 'api')]);
    expect(findingsOf(p, 'orphan', 'web').map((f) => f.message)).toEqual([
      `kubectl apply -f dist/ does not delete it: ${running}`,
    ]);
  });
});

describe('a new Service asks the cluster for what the manifests cannot tell is there (initIPFamilyFields, the allocators)', () => {
  test.each([
    ['a ClusterIP Service left to the cluster', CLUSTER_IP, []],
    [
      'PreferDualStack, which a single-stack cluster satisfies',
      { ...CLUSTER_IP, ipFamilyPolicy: 'PreferDualStack' },
      [],
    ],
    ['an ExternalName Service', EXTERNAL_NAME, []],
    [
      'a headless Service, which needs no range',
      { ...HEADLESS, ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' },
      [],
    ],
    [
      'one IP family',
      { ...NODE_PORTS_ALLOCATED, ipFamilies: ['IPv6'] },
      [
        [
          'safe',
          'spec.ipFamilies',
          'the Service asks for IP family IPv6: a cluster without a range of that family refuses it',
          { dependsOn: FAMILIES },
        ],
      ],
    ],
    [
      'RequireDualStack',
      { ...CLUSTER_IP, ipFamilyPolicy: 'RequireDualStack' },
      [
        [
          'safe',
          'spec.ipFamilyPolicy',
          'the Service asks for two IP families: a cluster that is not dual-stack refuses it',
          { dependsOn: DUAL_STACK },
        ],
      ],
    ],
    [
      'two IP families',
      { ...CLUSTER_IP, ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' },
      [['safe', 'spec.ipFamilies', 'the Service asks for two IP families', { dependsOn: DUAL_STACK }]],
    ],
    [
      'two cluster IPs',
      DUAL,
      [
        ['safe', 'spec.ipFamilyPolicy', 'the Service asks for two IP families', { dependsOn: DUAL_STACK }],
        [
          'safe',
          'spec.clusterIPs',
          `the manifest fixes cluster IP ${IP}, ${IP6}: refused unless it is in the cluster's service range and free`,
          { dependsOn: IP_RANGE },
        ],
      ],
    ],
    [
      'one cluster IP',
      { ...CLUSTER_IP, clusterIP: IP },
      [['safe', 'spec.clusterIP', `the manifest fixes cluster IP ${IP}: refused unless`, { dependsOn: IP_RANGE }]],
    ],
  ] as [string, Spec, Expected[]][])('%s', (_what, spec, expected) => {
    expectFindings(findingsOf(plan([], [service(spec)]), 'create', 'web'), expected);
  });
});
