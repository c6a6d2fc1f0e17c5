/*
 * What `kubectl apply` does to a Service that exists, under the 1.27 API server. The patch
 * removes what the old manifest had and the new one lacks; values neither manifest names
 * (an allocated cluster IP or node port) stay. The registry then restores allocated values
 * the patch left empty (patchAllocatedValues, normalizeClusterIPs), drops fields the new type
 * cannot have (dropTypeDependentFields), and ValidateServiceUpdate decides.
 */
import { KubeObject, ObjectRef, podLabels, semanticEqual, serviceSelects, show } from './objects';
import { finding, kubectlDelete, PlanContext, PlanFinding } from './plan';
import {
  isHeadless,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  ServiceSpecView,
  serviceSpec,
  serviceTypeName,
} from './service-spec';

const VALIDATION = 'pkg/apis/core/validation/validation.go';
const STORAGE = 'pkg/registry/core/service/storage/storage.go';

/** The Kubernetes code or behaviour each Service finding follows. */
export const SERVICE_UPDATE_RULES = {
  clusterIP: `ValidateServiceUpdate → validateUpgradeDowngradeClusterIPs: clusterIPs may not change once set (${VALIDATION})`,
  secondaryClusterIP: `ValidateServiceUpdate → validateUpgradeDowngradeClusterIPs: each of clusterIPs may not change once set; releasing the secondary needs ipFamilyPolicy SingleStack (${VALIDATION})`,
  singleStackRelease:
    'initIPFamilyFields (pkg/registry/core/service/storage/alloc.go): with clusterIPs and ipFamilies unchanged, ipFamilyPolicy SingleStack keeps only the primary',
  addedClusterIP:
    'the cluster IP allocator gives a Service a secondary cluster IP only on a dual-stack cluster, from the secondary --service-cluster-ip-range (pkg/registry/core/service/storage/alloc.go)',
  keptClusterIP: `patchAllocatedValues and normalizeClusterIPs restore omitted clusterIP and clusterIPs from the stored Service (${STORAGE}, pkg/registry/core/service/strategy.go)`,
  headlessType: `patchAllocatedValues restores clusterIP None, then ValidateService refuses None for NodePort and LoadBalancer (${VALIDATION})`,
  ipFamilies: `ValidateServiceUpdate → validateUpgradeDowngradeIPFamilies: the primary IP family may not change (${VALIDATION})`,
  healthCheckNodePort: `ValidateServiceUpdate → validateServiceExternalTrafficFieldsUpdate: healthCheckNodePort is immutable while needed (${VALIDATION})`,
  loadBalancerClass: `ValidateServiceUpdate → validateLoadBalancerClassField: loadBalancerClass may not change once set (${VALIDATION})`,
  type: 'dropTypeDependentFields releases the cluster IP, node ports and health check port the new type does not use (pkg/registry/core/service/strategy.go)',
  nodePort: `node ports are allocated cluster-wide; patchAllocatedValues keeps an omitted one (${STORAGE})`,
  allocated:
    'the cluster IP and node port allocators refuse a value another Service holds ("provided port is already allocated")',
  ports: 'kube-proxy forwards only the ports a Service declares, to their targetPort on the selected pods',
  endpoints: 'the EndpointSlice controller: a Service sends traffic to the ready pods its selector matches',
  externalName: 'cluster DNS answers a CNAME to spec.externalName for an ExternalName Service',
  trafficPolicy:
    'kube-proxy: externalTrafficPolicy Local keeps client addresses and sends external traffic only to pods on the receiving node',
  loadBalancer: 'the cloud provider programs the load balancer from loadBalancerIP and loadBalancerSourceRanges',
  ipFamilyCreate:
    'initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) refuses an IP family, or RequireDualStack, that the cluster is not configured for',
} as const;

/** What of the cluster a Service verdict can depend on. */
const DEPENDS = {
  primaryFamily: "the cluster's primary IP family (that of its first --service-cluster-ip-range)",
  dualStack: 'whether the cluster is dual-stack (a --service-cluster-ip-range of each family)',
  nodePortFree: 'whether another Service in the cluster holds the node port',
  families: 'the IP families the cluster is configured for (--service-cluster-ip-range)',
  clusterIPRange: "the cluster's --service-cluster-ip-range, and whether another Service holds the address",
} as const;

/** A Service that exists and changes: its specs before and after, the new manifest, and the plan's context. */
interface ServiceChange {
  readonly old: ServiceSpecView;
  readonly now: ServiceSpecView;
  readonly after: ObjectRef;
  readonly context: PlanContext;
}

/** How to replace a Service the API server will not update, and what that costs its clients. */
function recreate({ old, after, context }: ServiceChange): string {
  const costs = ['clients get no DNS answer until it is back'];
  if (needsClusterIP(old) && old.clusterIP !== 'None') {
    const ips = old.clusterIPs ?? [];
    costs.push(
      ips.length > 1
        ? `cluster IPs ${ips.join(', ')} are released`
        : old.clusterIP
          ? `cluster IP ${old.clusterIP} is released`
          : 'its cluster IP is released and another allocated',
    );
  }
  if (needsNodePort(old)) {
    costs.push('node ports the manifest does not fix are reassigned');
  }
  if (old.type === 'LoadBalancer') {
    costs.push('the cloud load balancer is rebuilt with a new external address');
  }
  return `delete and recreate it: \`${kubectlDelete(after)}\` then \`${context.applyCommand}\`; ${costs.join('; ')}`;
}

function primaryClusterIPFindings(change: ServiceChange): PlanFinding[] {
  const { old, now } = change;
  const R = SERVICE_UPDATE_RULES;
  if (now.clusterIP === undefined) {
    if (old.clusterIP === 'None' && needsNodePort(now)) {
      return [
        finding(
          'refused',
          'spec.clusterIP',
          `kubectl apply removes clusterIP "None", the API server puts it back, and a ${now.type} Service cannot be headless`,
          R.headlessType,
          recreate(change),
        ),
      ];
    }
    if (old.clusterIP === 'None') {
      return [
        finding(
          'disruptive',
          'spec.clusterIP',
          'accepted but without effect: kubectl apply removes clusterIP "None" and the API server puts it back, ' +
            'so the Service stays headless and gets no cluster IP',
          R.keptClusterIP,
          recreate(change),
        ),
      ];
    }
    if (old.clusterIP !== undefined) {
      const kept =
        (old.clusterIPs ?? []).length > 1 ? `cluster IPs ${old.clusterIPs!.join(', ')}` : `cluster IP ${old.clusterIP}`;
      return [
        finding(
          'safe',
          'spec.clusterIP',
          `the Service keeps ${kept}: the API server restores cluster IPs the manifest leaves out`,
          R.keptClusterIP,
        ),
      ];
    }
    return [];
  }
  let message;
  if (old.clusterIP === undefined) {
    message =
      now.clusterIP === 'None'
        ? 'a Service with a cluster IP cannot become headless: the IP it was given at creation may not change'
        : `the cluster allocated this Service's IP at creation; setting ${now.clusterIP} is refused unless it is that address`;
  } else if (old.clusterIP === 'None') {
    message = `a headless Service cannot get a cluster IP: clusterIP "None" → ${show(now.clusterIP)} may not change once set`;
  } else if (now.clusterIP === 'None') {
    message = `a Service with a cluster IP cannot become headless: clusterIP ${show(old.clusterIP)} → "None" may not change once set`;
  } else {
    message = `clusterIP ${show(old.clusterIP)} → ${show(now.clusterIP)}: a cluster IP may not change once set`;
  }
  return [finding('refused', 'spec.clusterIP', message, R.clusterIP, recreate(change))];
}

/**
 * The cluster IPs after the update, as far as the manifests tell: the listed ones, or, when the
 * new manifest sets only the same primary, the old ones (normalizeClusterIPs restores them).
 */
function clusterIPsAfter(old: ServiceSpecView, now: ServiceSpecView): readonly string[] | undefined {
  if (now.clusterIPsListed || now.clusterIP !== old.clusterIP) {
    return now.clusterIPs;
  }
  return old.clusterIPs;
}

/** Every cluster IP after the primary: validateUpgradeDowngradeClusterIPs compares them all. */
function secondaryClusterIPFindings(change: ServiceChange): PlanFinding[] {
  const { old, now } = change;
  const R = SERVICE_UPDATE_RULES;
  const before = old.clusterIPs;
  const next = clusterIPsAfter(old, now);
  if (before === undefined || next === undefined || isHeadless(old) || next[0] !== before[0]) {
    return [];
  }
  if (next.length === before.length) {
    // With the cluster IPs unchanged, SingleStack is the intent to release the secondary (initIPFamilyFields).
    if (
      next.length > 1 &&
      now.ipFamilyPolicy === 'SingleStack' &&
      old.ipFamilyPolicy !== 'SingleStack' &&
      next.every((ip, i) => ip === before[i])
    ) {
      return [
        finding(
          'disruptive',
          'spec.ipFamilyPolicy',
          `ipFamilyPolicy SingleStack releases the secondary cluster IP ${before[1]}: clients that reach the Service on it lose it`,
          R.singleStackRelease,
        ),
      ];
    }
    return next.flatMap((ip, i) =>
      i > 0 && ip !== before[i]
        ? [
            finding(
              'refused',
              `spec.clusterIPs[${i}]`,
              `clusterIPs[${i}] ${show(before[i])} → ${show(ip)}: a cluster IP may not change once set`,
              R.secondaryClusterIP,
              recreate(change),
            ),
          ]
        : [],
    );
  }
  if (next.length < before.length) {
    if (now.ipFamilyPolicy !== 'SingleStack') {
      return [
        finding(
          'refused',
          'spec.ipFamilyPolicy',
          `releasing the secondary cluster IP ${before[1]} needs ipFamilyPolicy SingleStack, not ${show(now.ipFamilyPolicy)}`,
          R.secondaryClusterIP,
          'fix the render: set spec.ipFamilyPolicy to SingleStack in the same change',
        ),
      ];
    }
    return [
      finding(
        'disruptive',
        'spec.clusterIPs',
        `the secondary cluster IP ${before[1]} is released: clients that reach the Service on it lose it`,
        R.secondaryClusterIP,
      ),
    ];
  }
  return [
    finding(
      'disruptive',
      `spec.clusterIPs[${before.length}]`,
      `a secondary cluster IP ${next[before.length]} is asked for: refused unless the cluster is dual-stack, the address ` +
        'is in its secondary range and free, and, if the cluster already gave the Service one, it is that address',
      R.addedClusterIP,
      undefined,
      DEPENDS.dualStack,
    ),
  ];
}

function clusterIPFindings(change: ServiceChange): PlanFinding[] {
  const { old, now } = change;
  if (!needsClusterIP(old) || !needsClusterIP(now)) {
    return [];
  }
  if (now.clusterIP !== undefined && now.clusterIP === old.clusterIP) {
    return secondaryClusterIPFindings(change);
  }
  return primaryClusterIPFindings(change);
}

function ipFamilyFindings(change: ServiceChange): PlanFinding[] {
  const { old, now } = change;
  const R = SERVICE_UPDATE_RULES;
  const oldHeadless = old.clusterIP === 'None';
  const newHeadless = (now.clusterIP ?? old.clusterIP) === 'None';
  // validateUpgradeDowngradeIPFamilies does not look at ExternalName or headless Services.
  if (!needsClusterIP(old) || !needsClusterIP(now) || oldHeadless || newHeadless || !now.ipFamilies) {
    return [];
  }
  if (!old.ipFamilies) {
    return [
      finding(
        'disruptive',
        'spec.ipFamilies',
        `the cluster chose this Service's IP family at creation; the update is refused unless its primary family is ${now.ipFamilies[0]}` +
          (now.ipFamilies.length > 1 ? ', and a second family is given only on a dual-stack cluster' : ''),
        R.ipFamilies,
        recreate(change),
        now.ipFamilies.length > 1 ? `${DEPENDS.primaryFamily}, and ${DEPENDS.dualStack}` : DEPENDS.primaryFamily,
      ),
    ];
  }
  if (now.ipFamilies[0] !== old.ipFamilies[0]) {
    return [
      finding(
        'refused',
        'spec.ipFamilies[0]',
        `the primary IP family ${old.ipFamilies[0]} → ${now.ipFamilies[0]} may not change once set`,
        R.ipFamilies,
        recreate(change),
      ),
    ];
  }
  if (now.ipFamilies.length < old.ipFamilies.length && now.ipFamilyPolicy !== 'SingleStack') {
    return [
      finding(
        'refused',
        'spec.ipFamilyPolicy',
        'releasing the secondary IP family needs ipFamilyPolicy SingleStack',
        R.ipFamilies,
        'fix the render: set spec.ipFamilyPolicy to SingleStack in the same change',
      ),
    ];
  }
  if (now.ipFamilies.length > old.ipFamilies.length) {
    return [
      finding(
        'disruptive',
        'spec.ipFamilies',
        `adding the IP family ${now.ipFamilies[1]} is refused unless the cluster is dual-stack`,
        R.ipFamilyCreate,
        undefined,
        DEPENDS.dualStack,
      ),
    ];
  }
  return [];
}

function typeFindings({ old, now }: ServiceChange): PlanFinding[] {
  if (old.type === now.type) {
    return [];
  }
  const effects = [];
  if (old.type === 'LoadBalancer') {
    effects.push('the cloud load balancer and its external address are released');
  }
  if (needsNodePort(old) && !needsNodePort(now)) {
    const explicit = old.ports.map((p) => p.nodePort).filter((p) => p !== undefined);
    effects.push(`its node ports${explicit.length ? ` (${explicit.join(', ')})` : ''} are released`);
  }
  if (!needsNodePort(old) && needsNodePort(now)) {
    effects.push('node ports open on every node');
  }
  if (now.type === 'LoadBalancer') {
    effects.push('a cloud load balancer is provisioned with a new external address');
  }
  if (needsClusterIP(old) && !needsClusterIP(now)) {
    effects.push(
      `its cluster IP is released and its name becomes a CNAME to ${show(now.externalName)}: clients of the IP lose the Service`,
    );
  }
  if (!needsClusterIP(old) && needsClusterIP(now)) {
    effects.push(`its name stops being a CNAME to ${show(old.externalName)} and resolves to the Service's own address`);
  }
  return [
    finding(
      'disruptive',
      'spec.type',
      `type ${serviceTypeName(old)} → ${serviceTypeName(now)}: ${effects.join('; ')}`,
      SERVICE_UPDATE_RULES.type,
    ),
  ];
}

function nodePortFindings({ old, now }: ServiceChange): PlanFinding[] {
  if (!needsNodePort(old) || !needsNodePort(now)) {
    return [];
  }
  return now.ports.flatMap((port) => {
    // patchAllocatedValues pairs ports by name, whatever else changed about them.
    const previous = old.ports.find((p) => p.name === port.name);
    if (!previous || previous.nodePort === port.nodePort) {
      return [];
    }
    const path = `spec.ports[${port.index}].nodePort`;
    if (port.nodePort === undefined) {
      return [
        finding(
          'safe',
          path,
          `the port keeps node port ${previous.nodePort}: the API server restores a nodePort the manifest leaves out`,
          SERVICE_UPDATE_RULES.nodePort,
        ),
      ];
    }
    const from =
      previous.nodePort === undefined ? 'the node port the cluster allocated' : `node port ${previous.nodePort}`;
    return [
      finding(
        'disruptive',
        path,
        `${from} → ${port.nodePort}: clients that reach the Service on the old port of any node lose it; ` +
          `the update is refused if another Service holds ${port.nodePort}`,
        SERVICE_UPDATE_RULES.nodePort,
        undefined,
        DEPENDS.nodePortFree,
      ),
    ];
  });
}

function portFindings({ old, now }: ServiceChange): PlanFinding[] {
  if (!needsClusterIP(old) || !needsClusterIP(now)) {
    return [];
  }
  const findings: PlanFinding[] = [];
  for (const previous of old.ports) {
    const current = now.ports.find((p) => p.port === previous.port && p.protocol === previous.protocol);
    if (!current) {
      findings.push(
        finding(
          'disruptive',
          'spec.ports',
          `port ${previous.port}/${previous.protocol} is no longer served: clients connecting to it are refused`,
          SERVICE_UPDATE_RULES.ports,
        ),
      );
    } else if (!semanticEqual(current.targetPort, previous.targetPort)) {
      findings.push(
        finding(
          'disruptive',
          `spec.ports[${current.index}].targetPort`,
          `port ${current.port} forwards to ${show(current.targetPort)} instead of ${show(previous.targetPort)}: ` +
            'connections fail on pods that do not listen there',
          SERVICE_UPDATE_RULES.ports,
        ),
      );
    }
  }
  return findings;
}

/** The pod labels of every object in `namespace` that creates pods. */
function podLabelsIn(objects: readonly ObjectRef[], namespace: string): Record<string, string>[] {
  return objects
    .filter((m) => m.namespace === namespace)
    .map(podLabels)
    .filter((labels): labels is Record<string, string> => labels !== undefined);
}

function selectorFindings({ old, now, after, context }: ServiceChange): PlanFinding[] {
  if (!needsClusterIP(old) || !needsClusterIP(now) || semanticEqual(old.selector, now.selector)) {
    return [];
  }
  if (!now.selector) {
    return [
      finding(
        'disruptive',
        'spec.selector',
        'the selector is removed: the Service stops following pods, and its endpoints are no longer kept up to date',
        SERVICE_UPDATE_RULES.endpoints,
      ),
    ];
  }
  const selector = now.selector;
  const rendered = podLabelsIn(context.next, after.namespace).some((labels) => serviceSelects(selector, labels));
  return [
    finding(
      'disruptive',
      'spec.selector',
      `traffic moves from pods labelled ${show(old.selector)} to pods labelled ${show(now.selector)}` +
        (rendered ? '' : `; no pod template in this render carries these labels`),
      SERVICE_UPDATE_RULES.endpoints,
    ),
  ];
}

function externalFindings(change: ServiceChange): PlanFinding[] {
  const { old, now } = change;
  const R = SERVICE_UPDATE_RULES;
  const findings: PlanFinding[] = [];
  if (old.type === 'ExternalName' && now.type === 'ExternalName' && old.externalName !== now.externalName) {
    findings.push(
      finding(
        'disruptive',
        'spec.externalName',
        `clients resolving the Service get a CNAME to ${show(now.externalName)} instead of ${show(old.externalName)} once DNS caches expire`,
        R.externalName,
      ),
    );
  }
  if (
    old.externalTrafficPolicy &&
    now.externalTrafficPolicy &&
    old.externalTrafficPolicy !== now.externalTrafficPolicy
  ) {
    findings.push(
      finding(
        'disruptive',
        'spec.externalTrafficPolicy',
        now.externalTrafficPolicy === 'Local'
          ? 'externalTrafficPolicy Cluster → Local: nodes without a ready pod drop external traffic; client addresses are kept'
          : 'externalTrafficPolicy Local → Cluster: client source addresses are no longer kept',
        R.trafficPolicy,
      ),
    );
  }
  if (
    needsHealthCheck(old) &&
    needsHealthCheck(now) &&
    now.healthCheckNodePort !== undefined &&
    now.healthCheckNodePort !== old.healthCheckNodePort
  ) {
    findings.push(
      finding(
        'refused',
        'spec.healthCheckNodePort',
        old.healthCheckNodePort === undefined
          ? `the cluster allocated the health check node port at creation; ${now.healthCheckNodePort} is refused unless it is that port`
          : `healthCheckNodePort ${old.healthCheckNodePort} → ${now.healthCheckNodePort}: it may not change while the Service needs it`,
        R.healthCheckNodePort,
        `${recreate(change)}; or apply once with externalTrafficPolicy Cluster, which releases the port, then again with Local`,
      ),
    );
  }
  if (old.type === 'LoadBalancer' && now.type === 'LoadBalancer') {
    if ((old.loadBalancerClass ?? null) !== (now.loadBalancerClass ?? null)) {
      findings.push(
        finding(
          'refused',
          'spec.loadBalancerClass',
          `loadBalancerClass ${show(old.loadBalancerClass)} → ${show(now.loadBalancerClass)}: it may not change while the Service is a LoadBalancer`,
          R.loadBalancerClass,
          recreate(change),
        ),
      );
    }
    // No ranges means every client may connect.
    const dropped = old.loadBalancerSourceRanges.filter((range) => !now.loadBalancerSourceRanges.includes(range));
    if (now.loadBalancerSourceRanges.length > 0 && (old.loadBalancerSourceRanges.length === 0 || dropped.length > 0)) {
      findings.push(
        finding(
          'disruptive',
          'spec.loadBalancerSourceRanges',
          old.loadBalancerSourceRanges.length === 0
            ? `only clients in ${now.loadBalancerSourceRanges.join(', ')} can reach the load balancer from now on`
            : `clients in ${dropped.join(', ')} can no longer reach the load balancer`,
          R.loadBalancer,
        ),
      );
    }
    if (old.loadBalancerIP !== now.loadBalancerIP) {
      findings.push(
        finding(
          'disruptive',
          'spec.loadBalancerIP',
          `loadBalancerIP ${show(old.loadBalancerIP)} → ${show(now.loadBalancerIP)}: the cloud provider may rebuild the load balancer on the new address`,
          R.loadBalancer,
        ),
      );
    }
  }
  return findings;
}

/** The cluster IPs and node ports `service` asks for by value, each with its field. */
function heldValues(service: ServiceSpecView): { what: string; value: string | number; path: string }[] {
  const held: { what: string; value: string | number; path: string }[] = [];
  if (needsClusterIP(service) && !isHeadless(service)) {
    (service.clusterIPs ?? []).forEach((ip, i) => {
      held.push({ what: 'cluster IP', value: ip, path: i === 0 ? 'spec.clusterIP' : `spec.clusterIPs[${i}]` });
    });
  }
  if (needsNodePort(service)) {
    for (const p of service.ports) {
      if (p.nodePort !== undefined && p.nodePort !== 0) {
        held.push({ what: 'node port', value: p.nodePort, path: `spec.ports[${p.index}].nodePort` });
      }
    }
  }
  if (needsHealthCheck(service) && service.healthCheckNodePort !== undefined && service.healthCheckNodePort !== 0) {
    held.push({ what: 'node port', value: service.healthCheckNodePort, path: 'spec.healthCheckNodePort' });
  }
  return held;
}

/** What a Service left in the cluster keeps holding and doing. */
export function serviceLeftRunning(manifest: ObjectRef): string {
  const service = serviceSpec(manifest.object);
  if (service.type === 'ExternalName') {
    return `its name keeps resolving to ${show(service.externalName)}`;
  }
  if (service.clusterIP === 'None') {
    return service.selector
      ? 'its name keeps resolving to the pods it selects'
      : 'its name keeps resolving to its endpoints';
  }
  const ips = service.clusterIPs ?? [];
  const kept = [ips.length > 1 ? `its cluster IPs ${ips.join(', ')}` : 'its cluster IP'];
  if (needsNodePort(service)) {
    const explicit = service.ports.map((p) => p.nodePort).filter((p) => p !== undefined && p !== 0);
    kept.push(
      explicit.length > 0 ? `node port${explicit.length > 1 ? 's' : ''} ${explicit.join(', ')}` : 'its node ports',
    );
  }
  if (service.type === 'LoadBalancer') {
    kept.push('its cloud load balancer');
  }
  const holds = `it keeps ${kept.slice(0, -1).join(', ')}${kept.length > 1 ? ' and ' : ''}${kept[kept.length - 1]}`;
  return service.selector ? `${holds}, and keeps sending traffic to the pods it selects` : holds;
}

/** The cluster IPs and node ports a Service asks for that it did not hold before. */
function newlyWanted(after: ObjectRef, before: ObjectRef | undefined) {
  const already = new Set(before ? heldValues(serviceSpec(before.object)).map((h) => `${h.what} ${h.value}`) : []);
  return heldValues(serviceSpec(after.object)).filter((h) => !already.has(`${h.what} ${h.value}`));
}

const holds = (m: ObjectRef, want: { what: string; value: string | number }) =>
  m.kind === 'Service' && heldValues(serviceSpec(m.object)).some((h) => h.what === want.what && h.value === want.value);

/**
 * Values the Service asks for that another Service of the render holds first: one that holds
 * it already (it did in the previous render), or one kubectl apply sends earlier.
 */
function heldByOthers(after: ObjectRef, before: ObjectRef | undefined, context: PlanContext): PlanFinding[] {
  const index = context.next.indexOf(after);
  const previously = (m: ObjectRef) =>
    context.previous.find((p) => p.kind === m.kind && p.namespace === m.namespace && p.name === m.name);
  return newlyWanted(after, before).flatMap((want) =>
    context.next
      .filter((m) => m !== after && holds(m, want))
      .filter((m) => {
        const earlier = previously(m);
        return (earlier !== undefined && holds(earlier, want)) || context.next.indexOf(m) < index;
      })
      .map((holder) =>
        finding(
          'refused',
          want.path,
          `${want.what} ${want.value} is also asked for by Service ${holder.namespace}/${holder.name}, which holds it first`,
          SERVICE_UPDATE_RULES.allocated,
          'fix the render: give each Service its own value, or leave it to the cluster to allocate',
        ),
      ),
  );
}

/** Values the Service asks for that an orphaned Service keeps holding: the allocators refuse them. */
function heldByOrphans(after: ObjectRef, before: ObjectRef | undefined, context: PlanContext): PlanFinding[] {
  const wanted = newlyWanted(after, before);
  return wanted.flatMap((want) =>
    context.orphaned
      .filter((m) => holds(m, want))
      .map((holder) =>
        finding(
          'refused',
          want.path,
          `${want.what} ${want.value} stays allocated to ${holder.namespace}/${holder.name}, which kubectl apply does not delete`,
          SERVICE_UPDATE_RULES.allocated,
          `delete the old Service first: \`${kubectlDelete(holder)}\`, then \`${context.applyCommand}\`; its clients lose it from then on`,
        ),
      ),
  );
}

/** What a new Service asks of the cluster that the manifests alone cannot tell is there. */
function clusterDependentCreate(after: ObjectRef): PlanFinding[] {
  const service = serviceSpec(after.object);
  if (!needsClusterIP(service) || isHeadless(service)) {
    return [];
  }
  const findings: PlanFinding[] = [];
  const dualStack =
    service.ipFamilyPolicy === 'RequireDualStack' ||
    (service.ipFamilies ?? []).length > 1 ||
    (service.clusterIPs ?? []).length > 1;
  if (dualStack || service.ipFamilies) {
    findings.push(
      finding(
        'safe',
        service.ipFamilies ? 'spec.ipFamilies' : 'spec.ipFamilyPolicy',
        dualStack
          ? 'the Service asks for two IP families: a cluster that is not dual-stack refuses it'
          : `the Service asks for IP family ${service.ipFamilies![0]}: a cluster without a range of that family refuses it`,
        SERVICE_UPDATE_RULES.ipFamilyCreate,
        undefined,
        dualStack ? DEPENDS.dualStack : DEPENDS.families,
      ),
    );
  }
  if (service.clusterIP !== undefined && service.clusterIP !== 'None') {
    findings.push(
      finding(
        'safe',
        service.clusterIPsListed ? 'spec.clusterIPs' : 'spec.clusterIP',
        `the manifest fixes cluster IP ${(service.clusterIPs ?? []).join(', ')}: refused unless it is in the cluster's service range and free`,
        SERVICE_UPDATE_RULES.allocated,
        undefined,
        DEPENDS.clusterIPRange,
      ),
    );
  }
  return findings;
}

/** The findings for a Service that exists and changes. */
export function serviceUpdate(before: ObjectRef, after: ObjectRef, context: PlanContext): PlanFinding[] {
  const change: ServiceChange = { old: serviceSpec(before.object), now: serviceSpec(after.object), after, context };
  return [
    ...clusterIPFindings(change),
    ...ipFamilyFindings(change),
    ...typeFindings(change),
    ...nodePortFindings(change),
    ...portFindings(change),
    ...selectorFindings(change),
    ...externalFindings(change),
    ...heldByOrphans(after, before, context),
    ...heldByOthers(after, before, context),
  ];
}

/** The findings for a Service that is created. */
export function serviceCreate(after: ObjectRef, context: PlanContext): PlanFinding[] {
  return [
    ...heldByOrphans(after, undefined, context),
    ...heldByOthers(after, undefined, context),
    ...clusterDependentCreate(after),
  ];
}

/**
 * The Service the API server validates on update: the new manifest with the fields its new
 * type cannot have dropped, where the manifest left them as they were (dropTypeDependentFields,
 * pkg/registry/core/service/strategy.go). A field the manifest changed stays, and validation
 * refuses it.
 */
export function serviceAsUpdated(before: KubeObject, after: KubeObject): KubeObject {
  const old = serviceSpec(before);
  const now = serviceSpec(after);
  const spec: Record<string, any> = { ...(after.spec ?? {}) };
  const was = before.spec ?? {};
  const same = (field: string) => semanticEqual(was[field], spec[field]);
  const drop = (field: string) => delete spec[field];
  if (needsClusterIP(old) && !needsClusterIP(now)) {
    if (same('clusterIP') && same('clusterIPs')) {
      drop('clusterIP');
      drop('clusterIPs');
    }
    (['ipFamilies', 'ipFamilyPolicy'] as const).filter(same).forEach(drop);
  }
  const explicit = (view: ServiceSpecView) =>
    view.ports.map((p) => p.nodePort).filter((p) => p !== undefined && p !== 0);
  if (needsNodePort(old) && !needsNodePort(now) && explicit(now).every((p) => explicit(old).includes(p))) {
    spec.ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p: any) => {
      const port = { ...p };
      delete port.nodePort;
      return port;
    });
  }
  if (needsHealthCheck(old) && !needsHealthCheck(now) && same('healthCheckNodePort')) {
    drop('healthCheckNodePort');
  }
  if (old.type === 'LoadBalancer' && now.type !== 'LoadBalancer') {
    // The stored Service holds the defaults, so a value the old manifest left to them compares as that default.
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
      drop('allocateLoadBalancerNodePorts');
    }
    if (same('loadBalancerClass')) {
      drop('loadBalancerClass');
    }
  }
  const accessible = (view: ServiceSpecView) =>
    view.type === 'NodePort' ||
    view.type === 'LoadBalancer' ||
    (view.type === 'ClusterIP' && view.externalIPs.length > 0);
  if (accessible(old) && !accessible(now) && (spec.externalTrafficPolicy || undefined) === old.externalTrafficPolicy) {
    drop('externalTrafficPolicy');
  }
  return { ...after, spec };
}
