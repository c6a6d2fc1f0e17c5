'use strict';
// What `kubectl apply` does to a Service that exists, under the 1.27 API server. The patch
// removes what the old manifest had and the new one lacks; values neither manifest names
// (an allocated cluster IP or node port) stay. The registry then restores allocated values
// the patch left empty (patchAllocatedValues), drops fields the new type cannot have
// (dropTypeDependentFields), and ValidateServiceUpdate decides.
const { APPLY_COMMAND } = require('../../constants');
const { finding, kubectlDelete, semantic, semanticEqual, show } = require('./common');
const { podLabelsIn, serviceSelects } = require('./workloads');

/**
 * @typedef {import('./common').Finding} Finding
 * @typedef {import('./common').PlanContext} PlanContext
 * @typedef {import('../manifests').Manifest} Manifest
 * @typedef {{ index: number, name: string, port: number, protocol: string, targetPort: unknown, nodePort?: number }} Port
 * @typedef {object} ServiceView
 * @property {string} type
 * @property {string} [clusterIP] as the manifest sets it; undefined when the cluster allocates it
 * @property {Port[]} ports
 * @property {Record<string, string>} [selector]
 * @property {string} [externalName]
 * @property {string} [externalTrafficPolicy]
 * @property {number} [healthCheckNodePort]
 * @property {string} [loadBalancerClass]
 * @property {string} [loadBalancerIP]
 * @property {string[]} loadBalancerSourceRanges
 * @property {string[]} [ipFamilies]
 * @property {string} [ipFamilyPolicy]
 */

const VALIDATION = 'pkg/apis/core/validation/validation.go';
const STORAGE = 'pkg/registry/core/service/storage/storage.go';
const RULES = {
  clusterIP: `ValidateServiceUpdate → validateUpgradeDowngradeClusterIPs: clusterIPs may not change once set (${VALIDATION})`,
  keptClusterIP: `patchAllocatedValues restores an omitted clusterIP from the stored Service (${STORAGE})`,
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
};

/** @param {ServiceView} service */
const needsClusterIP = (service) => service.type !== 'ExternalName';
/** @param {ServiceView} service */
const needsNodePort = (service) => service.type === 'NodePort' || service.type === 'LoadBalancer';
/** @param {ServiceView} service */
const needsHealthCheck = (service) => service.type === 'LoadBalancer' && service.externalTrafficPolicy === 'Local';

/**
 * A Service with the defaults SetDefaults_Service applies (type ClusterIP, protocol TCP,
 * targetPort = port, externalTrafficPolicy Cluster where it applies).
 * @param {Manifest} manifest
 * @returns {ServiceView}
 */
function serviceView({ object }) {
  const spec = object.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const externallyAccessible =
    type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  return {
    type,
    clusterIP: type === 'ExternalName' ? undefined : (spec.clusterIP ?? spec.clusterIPs?.[0]) || undefined,
    ports: (spec.ports ?? []).map((/** @type {any} */ p, /** @type {number} */ index) => ({
      index,
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      targetPort: p.targetPort ?? p.port,
      nodePort: p.nodePort,
    })),
    selector: /** @type {Record<string, string> | undefined} */ (semantic(spec.selector)),
    externalName: spec.externalName,
    externalTrafficPolicy: spec.externalTrafficPolicy ?? (externallyAccessible ? 'Cluster' : undefined),
    healthCheckNodePort: spec.healthCheckNodePort,
    loadBalancerClass: spec.loadBalancerClass,
    loadBalancerIP: spec.loadBalancerIP,
    loadBalancerSourceRanges: spec.loadBalancerSourceRanges ?? [],
    ipFamilies: spec.ipFamilies,
    ipFamilyPolicy: spec.ipFamilyPolicy,
  };
}

/** @param {ServiceView} service */
const typeName = (service) =>
  service.type === 'ClusterIP' && service.clusterIP === 'None' ? 'headless' : service.type;

/**
 * How to replace a Service the API server will not update, and what that costs its clients.
 * @param {ServiceView} old
 * @param {Manifest} manifest
 */
function recreate(old, manifest) {
  const costs = ['clients get no DNS answer until it is back'];
  if (needsClusterIP(old) && old.clusterIP !== 'None') {
    costs.push(
      old.clusterIP ? `cluster IP ${old.clusterIP} is released` : 'its cluster IP is released and another allocated',
    );
  }
  if (needsNodePort(old)) {
    costs.push('node ports the manifest does not fix are reassigned');
  }
  if (old.type === 'LoadBalancer') {
    costs.push('the cloud load balancer is rebuilt with a new external address');
  }
  return `delete and recreate it: \`${kubectlDelete(manifest)}\` then \`${APPLY_COMMAND}\`; ${costs.join('; ')}`;
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function clusterIPFindings(old, now, after) {
  if (!needsClusterIP(old) || !needsClusterIP(now)) {
    return [];
  }
  if (now.clusterIP === undefined) {
    if (old.clusterIP === 'None' && needsNodePort(now)) {
      return [
        finding(
          'refused',
          'spec.clusterIP',
          `kubectl apply removes clusterIP "None", the API server puts it back, and a ${now.type} Service cannot be headless`,
          RULES.headlessType,
          recreate(old, after),
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
          RULES.keptClusterIP,
          recreate(old, after),
        ),
      ];
    }
    if (old.clusterIP !== undefined) {
      return [
        finding(
          'safe',
          'spec.clusterIP',
          `the Service keeps cluster IP ${old.clusterIP}: the API server restores a clusterIP the manifest leaves out`,
          RULES.keptClusterIP,
        ),
      ];
    }
    return [];
  }
  if (now.clusterIP === old.clusterIP) {
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
  return [finding('refused', 'spec.clusterIP', message, RULES.clusterIP, recreate(old, after))];
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function ipFamilyFindings(old, now, after) {
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
        `the cluster chose this Service's IP family at creation; the update is refused unless its primary family is ${now.ipFamilies[0]}`,
        RULES.ipFamilies,
        recreate(old, after),
      ),
    ];
  }
  if (now.ipFamilies[0] !== old.ipFamilies[0]) {
    return [
      finding(
        'refused',
        'spec.ipFamilies[0]',
        `the primary IP family ${old.ipFamilies[0]} → ${now.ipFamilies[0]} may not change once set`,
        RULES.ipFamilies,
        recreate(old, after),
      ),
    ];
  }
  if (now.ipFamilies.length < old.ipFamilies.length && now.ipFamilyPolicy !== 'SingleStack') {
    return [
      finding(
        'refused',
        'spec.ipFamilyPolicy',
        'releasing the secondary IP family needs ipFamilyPolicy SingleStack',
        RULES.ipFamilies,
        'fix the render: set spec.ipFamilyPolicy to SingleStack in the same change',
      ),
    ];
  }
  return [];
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @returns {Finding[]}
 */
function typeFindings(old, now) {
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
    finding('disruptive', 'spec.type', `type ${typeName(old)} → ${typeName(now)}: ${effects.join('; ')}`, RULES.type),
  ];
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @returns {Finding[]}
 */
function nodePortFindings(old, now) {
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
          RULES.nodePort,
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
        RULES.nodePort,
      ),
    ];
  });
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @returns {Finding[]}
 */
function portFindings(old, now) {
  if (!needsClusterIP(old) || !needsClusterIP(now)) {
    return [];
  }
  /** @type {Finding[]} */
  const findings = [];
  for (const previous of old.ports) {
    const current = now.ports.find((p) => p.port === previous.port && p.protocol === previous.protocol);
    if (!current) {
      findings.push(
        finding(
          'disruptive',
          'spec.ports',
          `port ${previous.port}/${previous.protocol} is no longer served: clients connecting to it are refused`,
          RULES.ports,
        ),
      );
    } else if (!semanticEqual(current.targetPort, previous.targetPort)) {
      findings.push(
        finding(
          'disruptive',
          `spec.ports[${current.index}].targetPort`,
          `port ${current.port} forwards to ${show(current.targetPort)} instead of ${show(previous.targetPort)}: ` +
            'connections fail on pods that do not listen there',
          RULES.ports,
        ),
      );
    }
  }
  return findings;
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function selectorFindings(old, now, after, context) {
  if (!needsClusterIP(old) || !needsClusterIP(now) || semanticEqual(old.selector, now.selector)) {
    return [];
  }
  if (!now.selector) {
    return [
      finding(
        'disruptive',
        'spec.selector',
        'the selector is removed: the Service stops following pods, and its endpoints are no longer kept up to date',
        RULES.endpoints,
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
      RULES.endpoints,
    ),
  ];
}

/**
 * @param {ServiceView} old
 * @param {ServiceView} now
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function externalFindings(old, now, after) {
  /** @type {Finding[]} */
  const findings = [];
  if (old.type === 'ExternalName' && now.type === 'ExternalName' && old.externalName !== now.externalName) {
    findings.push(
      finding(
        'disruptive',
        'spec.externalName',
        `clients resolving the Service get a CNAME to ${show(now.externalName)} instead of ${show(old.externalName)} once DNS caches expire`,
        RULES.externalName,
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
        RULES.trafficPolicy,
      ),
    );
  }
  if (needsHealthCheck(old) && needsHealthCheck(now) && now.healthCheckNodePort !== undefined) {
    if (now.healthCheckNodePort !== old.healthCheckNodePort) {
      findings.push(
        finding(
          'refused',
          'spec.healthCheckNodePort',
          old.healthCheckNodePort === undefined
            ? `the cluster allocated the health check node port at creation; ${now.healthCheckNodePort} is refused unless it is that port`
            : `healthCheckNodePort ${old.healthCheckNodePort} → ${now.healthCheckNodePort}: it may not change while the Service needs it`,
          RULES.healthCheckNodePort,
          `${recreate(old, after)}; or apply once with externalTrafficPolicy Cluster, which releases the port, then again with Local`,
        ),
      );
    }
  }
  if (old.type === 'LoadBalancer' && now.type === 'LoadBalancer') {
    if ((old.loadBalancerClass ?? null) !== (now.loadBalancerClass ?? null)) {
      findings.push(
        finding(
          'refused',
          'spec.loadBalancerClass',
          `loadBalancerClass ${show(old.loadBalancerClass)} → ${show(now.loadBalancerClass)}: it may not change while the Service is a LoadBalancer`,
          RULES.loadBalancerClass,
          recreate(old, after),
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
          RULES.loadBalancer,
        ),
      );
    }
    if (old.loadBalancerIP !== now.loadBalancerIP) {
      findings.push(
        finding(
          'disruptive',
          'spec.loadBalancerIP',
          `loadBalancerIP ${show(old.loadBalancerIP)} → ${show(now.loadBalancerIP)}: the cloud provider may rebuild the load balancer on the new address`,
          RULES.loadBalancer,
        ),
      );
    }
  }
  return findings;
}

/**
 * The cluster IP and node ports `service` asks for by value, each with its field.
 * @param {ServiceView} service
 */
function heldValues(service) {
  /** @type {{ what: string, value: string | number, path: string }[]} */
  const held = [];
  if (needsClusterIP(service) && service.clusterIP && service.clusterIP !== 'None') {
    held.push({ what: 'cluster IP', value: service.clusterIP, path: 'spec.clusterIP' });
  }
  if (needsNodePort(service)) {
    for (const p of service.ports) {
      if (p.nodePort !== undefined) {
        held.push({ what: 'node port', value: p.nodePort, path: `spec.ports[${p.index}].nodePort` });
      }
    }
  }
  if (needsHealthCheck(service) && service.healthCheckNodePort !== undefined) {
    held.push({ what: 'node port', value: service.healthCheckNodePort, path: 'spec.healthCheckNodePort' });
  }
  return held;
}

/**
 * What a Service left in the cluster keeps holding and doing.
 * @param {Manifest} manifest
 */
function serviceLeftRunning(manifest) {
  const service = serviceView(manifest);
  if (service.type === 'ExternalName') {
    return `its name keeps resolving to ${show(service.externalName)}`;
  }
  if (service.clusterIP === 'None') {
    return service.selector
      ? 'its name keeps resolving to the pods it selects'
      : 'its name keeps resolving to its endpoints';
  }
  const kept = ['its cluster IP'];
  if (needsNodePort(service)) {
    const explicit = service.ports.map((p) => p.nodePort).filter((p) => p !== undefined);
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

/**
 * Values the Service asks for that an orphaned Service keeps holding: the allocators refuse them.
 * @param {Manifest} after
 * @param {Manifest | undefined} before
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function heldByOrphans(after, before, context) {
  const already = new Set(before ? heldValues(serviceView(before)).map((h) => `${h.what} ${h.value}`) : []);
  const wanted = heldValues(serviceView(after)).filter((h) => !already.has(`${h.what} ${h.value}`));
  return wanted.flatMap((want) =>
    context.orphaned
      .filter((m) => m.kind === 'Service')
      .filter((m) => heldValues(serviceView(m)).some((h) => h.what === want.what && h.value === want.value))
      .map((holder) =>
        finding(
          'refused',
          want.path,
          `${want.what} ${want.value} stays allocated to ${holder.namespace}/${holder.name}, which kubectl apply does not delete`,
          RULES.allocated,
          `delete the old Service first: \`${kubectlDelete(holder)}\`, then \`${APPLY_COMMAND}\`; its clients lose it from then on`,
        ),
      ),
  );
}

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function serviceUpdate(before, after, context) {
  const old = serviceView(before);
  const now = serviceView(after);
  return [
    ...clusterIPFindings(old, now, after),
    ...ipFamilyFindings(old, now, after),
    ...typeFindings(old, now),
    ...nodePortFindings(old, now),
    ...portFindings(old, now),
    ...selectorFindings(old, now, after, context),
    ...externalFindings(old, now, after),
    ...heldByOrphans(after, before, context),
  ];
}

/**
 * @param {Manifest} after
 * @param {PlanContext} context
 * @returns {Finding[]}
 */
function serviceCreate(after, context) {
  return heldByOrphans(after, undefined, context);
}

module.exports = { RULES, serviceCreate, serviceLeftRunning, serviceUpdate };
