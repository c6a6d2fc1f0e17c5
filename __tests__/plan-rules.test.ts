import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support';

import { planChanges, readManifests } from '../cli/plan';

// One fixture pair per rule of the plan: before.yaml is what was applied, after.yaml the new
// render. Each expected finding names the Kubernetes 1.27 code or behaviour it follows; the
// rule text of the finding must cite it. The fixtures are valid against the 1.27 schema, so a
// refusal comes from the rules the schema cannot express.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SchemaValidator, findManifests, validateFile } = require('../schema-validation');

const FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'plan');

function planFixture(fixture: string) {
  const read = (file: string) =>
    readManifests([{ file, text: fs.readFileSync(path.join(FIXTURES, fixture, file), 'utf-8') }], file);
  return planChanges(read('before.yaml'), read('after.yaml'));
}

function entryOf(fixture: string, object: string) {
  const entries = planFixture(fixture).entries.filter(
    (e) => `${e.action} ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}` === object,
  );
  expect(entries).toHaveLength(1);
  return entries[0];
}

// [behaviour, fixture, "action Kind namespace/name", object verdict, every finding as [verdict, path,
// cited rule, what its message says]]
type Case = [string, string, string, string, [string, string | undefined, string, string][]];

const VALIDATION = 'pkg/apis/core/validation/validation.go';
const APPS = 'pkg/apis/apps/validation/validation.go';
// The create-time rule of a pod template whose labels miss the selector, for Deployments and StatefulSets.
const TEMPLATE = `ValidateDeploymentSpec and ValidateStatefulSetSpec: selector must match template labels (${APPS})`;

const CASES: Case[] = [
  // Deployment
  [
    'a changed Deployment selector is refused',
    'deployment-selector',
    'update Deployment shop/web',
    'refused',
    [
      [
        'refused',
        'spec.selector',
        'deploymentStrategy.ValidateUpdate: ValidateImmutableField(spec.selector)',
        'a Deployment selector is immutable',
      ],
      [
        'safe',
        'spec.template',
        'pkg/controller/deployment',
        'a rolling update replaces the pods (maxUnavailable 25%, maxSurge 25%)',
      ],
    ],
  ],
  [
    'a Deployment whose template labels miss its selector is refused',
    'deployment-selector-misses-template',
    'update Deployment shop/web',
    'refused',
    [
      ['refused', 'spec.template.metadata.labels', TEMPLATE, '`selector` does not match template `labels`'],
      ['safe', 'spec.template', 'pkg/controller/deployment', 'a rolling update replaces the pods'],
    ],
  ],
  [
    'scaling a Deployment to 0 replicas is disruptive',
    'deployment-scaled-to-zero',
    'update Deployment shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.replicas',
        'create or delete pods to match spec.replicas',
        'replicas 2 → 0: every pod stops, and the Services that select them have no endpoints left',
      ],
    ],
  ],
  [
    'leaving replicas out scales to 1, which is safe but said',
    'deployment-replicas-left-out',
    'update Deployment shop/web',
    'safe',
    [
      [
        'safe',
        'spec.replicas',
        'SetDefaults_Deployment and SetDefaults_StatefulSet make it 1 when left out',
        'scales from 3 to 1 pods (left out, replicas is 1)',
      ],
    ],
  ],
  [
    'a new pod template rolls out safely with RollingUpdate',
    'deployment-rolling-update',
    'update Deployment shop/web',
    'safe',
    [
      [
        'safe',
        'spec.template',
        'the Deployment controller replaces pods by spec.strategy',
        'a rolling update replaces the pods (maxUnavailable 25%, maxSurge 25%)',
      ],
    ],
  ],
  [
    'a new pod template with strategy Recreate is disruptive',
    'deployment-recreate',
    'update Deployment shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.template',
        'the Deployment controller replaces pods by spec.strategy',
        'spec.strategy is Recreate: every pod stops before the new ones start',
      ],
    ],
  ],
  [
    'pod labels a Service selects going away is disruptive',
    'deployment-labels-leave-service',
    'update Deployment shop/web',
    'disruptive',
    [
      ['safe', 'spec.template', 'pkg/controller/deployment', 'a rolling update replaces the pods'],
      [
        'disruptive',
        'spec.template.metadata.labels',
        'the EndpointSlice controller',
        'Service web selects {"app":"web","track":"stable"}, which the new pod labels do not carry',
      ],
    ],
  ],
  [
    'a new Deployment whose template labels miss its selector is refused',
    'deployment-created-selector-misses-template',
    'create Deployment shop/web',
    'refused',
    [['refused', 'spec.template.metadata.labels', TEMPLATE, '`selector` does not match template `labels`']],
  ],
  // StatefulSet
  [
    'changed StatefulSet volumeClaimTemplates are refused',
    'statefulset-volume-claim-templates',
    'update StatefulSet shop/db',
    'refused',
    [
      [
        'refused',
        'spec.volumeClaimTemplates',
        `ValidateStatefulSetUpdate: only replicas, ordinals, template`,
        'spec.volumeClaimTemplates changes: a StatefulSet may not change it',
      ],
    ],
  ],
  [
    'a changed StatefulSet serviceName is refused',
    'statefulset-service-name',
    'update StatefulSet shop/db',
    'refused',
    [
      [
        'refused',
        'spec.serviceName',
        'ValidateStatefulSetUpdate',
        'spec.serviceName "db" → "db-peers": a StatefulSet may not change it',
      ],
    ],
  ],
  [
    'a changed StatefulSet selector is refused',
    'statefulset-selector',
    'update StatefulSet shop/db',
    'refused',
    [
      ['refused', 'spec.selector', 'ValidateStatefulSetUpdate', 'a StatefulSet may not change it'],
      [
        'safe',
        'spec.template',
        'pkg/controller/statefulset',
        'the pods are replaced one at a time, highest ordinal first',
      ],
    ],
  ],
  [
    'revisionHistoryLimit is not yet mutable on a 1.27 StatefulSet',
    'statefulset-revision-history-limit',
    'update StatefulSet shop/db',
    'refused',
    [
      [
        'refused',
        'spec.revisionHistoryLimit',
        'ValidateStatefulSetUpdate',
        'spec.revisionHistoryLimit 10 → 3: a StatefulSet may not change it',
      ],
    ],
  ],
  [
    'replicas, ordinals, template, updateStrategy, the claim retention policy and minReadySeconds may change',
    'statefulset-mutable-fields',
    'update StatefulSet shop/db',
    'safe',
    [
      ['safe', 'spec.replicas', 'create or delete pods to match spec.replicas', 'scales from 1 to 3 pods'],
      [
        'safe',
        'spec.template',
        'pkg/controller/statefulset',
        'spec.updateStrategy is OnDelete: each pod keeps the old template until it is deleted',
      ],
    ],
  ],
  [
    // ValidateStatefulSetSpec: rollingUpdate "only allowed for updateStrategy 'RollingUpdate'"; the
    // defaulted one stays, as the previous manifest never stated it (seen on kube-apiserver 1.27).
    'a switch to OnDelete that leaves the defaulted rollingUpdate in place is refused',
    'statefulset-on-delete-keeps-rolling-update',
    'update StatefulSet shop/db',
    'refused',
    [
      [
        'refused',
        'spec.updateStrategy.type',
        'ValidateStatefulSetSpec',
        'the live object keeps the rollingUpdate {partition: 0} the API server defaulted',
      ],
      ['safe', 'spec.replicas', 'create or delete pods to match spec.replicas', 'scales from 1 to 3 pods'],
      ['safe', 'spec.template', 'pkg/controller/statefulset', 'spec.updateStrategy is OnDelete'],
    ],
  ],
  [
    // SetDefaults_StatefulSet adds rollingUpdate only when it defaults the type: a stated
    // RollingUpdate leaves none in the live object, so nothing stays behind to refuse.
    'a switch to OnDelete from a stated RollingUpdate without rollingUpdate is accepted',
    'statefulset-rolling-update-stated-to-on-delete',
    'update StatefulSet shop/db',
    'safe',
    [['safe', 'spec.template', 'pkg/controller/statefulset', 'spec.updateStrategy is OnDelete']],
  ],
  [
    'writing out the defaults the API server applies is no change to a StatefulSet',
    'statefulset-defaults-written-out',
    'update StatefulSet shop/db',
    'safe',
    [],
  ],
  [
    'a StatefulSet whose template labels miss its selector is refused',
    'statefulset-selector-misses-template',
    'update StatefulSet shop/db',
    'refused',
    [
      ['refused', 'spec.template.metadata.labels', TEMPLATE, '`selector` does not match template `labels`'],
      ['safe', 'spec.template', 'pkg/controller/statefulset', 'the pods are replaced one at a time'],
    ],
  ],
  // Service: cluster IP
  [
    'a Service with an allocated cluster IP cannot become headless',
    'service-cluster-ip-to-headless',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.clusterIP',
        `validateUpgradeDowngradeClusterIPs: clusterIPs may not change once set (${VALIDATION})`,
        'cannot become headless: the IP it was given at creation may not change',
      ],
    ],
  ],
  [
    'a Service whose previous render set a cluster IP cannot become headless',
    'service-headless-had-cluster-ip',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.clusterIP',
        'validateUpgradeDowngradeClusterIPs',
        'cannot become headless: clusterIP "10.96.0.50" → "None" may not change once set',
      ],
    ],
  ],
  [
    'a set cluster IP cannot change',
    'service-cluster-ip-changed',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.clusterIP',
        'validateUpgradeDowngradeClusterIPs',
        'clusterIP "10.96.0.50" → "10.96.0.51": a cluster IP may not change once set',
      ],
    ],
  ],
  [
    'leaving out clusterIP None keeps a Service headless, which is reported as without effect',
    'service-headless-to-cluster-ip',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.clusterIP',
        'patchAllocatedValues and normalizeClusterIPs restore omitted clusterIP',
        'the Service stays headless and gets no cluster IP',
      ],
    ],
  ],
  [
    'a headless Service turned NodePort keeps clusterIP None, which NodePort refuses',
    'service-headless-to-node-port',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.clusterIP',
        'ValidateService refuses None for NodePort and LoadBalancer',
        'a NodePort Service cannot be headless',
      ],
      ['disruptive', 'spec.type', 'dropTypeDependentFields', 'type headless → NodePort: node ports open on every node'],
    ],
  ],
  [
    'a cluster IP the manifest stops setting stays',
    'service-cluster-ip-left-out',
    'update Service shop/web',
    'safe',
    [['safe', 'spec.clusterIP', 'patchAllocatedValues', 'keeps cluster IP 10.96.0.50']],
  ],
  [
    'the primary IP family cannot change',
    'service-ip-family-primary',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.ipFamilies[0]',
        'validateUpgradeDowngradeIPFamilies',
        'the primary IP family IPv4 → IPv6 may not change once set',
      ],
    ],
  ],
  [
    'releasing the secondary IP family without SingleStack is refused',
    'service-ip-family-released-without-single-stack',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.ipFamilyPolicy',
        'validateUpgradeDowngradeIPFamilies',
        'releasing the secondary IP family needs ipFamilyPolicy SingleStack',
      ],
    ],
  ],
  [
    'setting IP families the cluster chose at creation may be refused, which is disruptive',
    'service-ip-families-first-set',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.ipFamilies',
        'validateUpgradeDowngradeIPFamilies',
        'the update is refused unless its primary family is IPv6',
      ],
    ],
  ],
  [
    'a cluster IP an orphaned Service still holds is refused',
    'service-cluster-ip-held-by-orphan',
    'create Service shop/web-internal',
    'refused',
    [
      [
        'refused',
        'spec.clusterIP',
        'the cluster IP and node port allocators refuse a value another Service holds',
        'cluster IP 10.96.0.50 stays allocated to shop/web',
      ],
      // Whether the fixed address is in the cluster's service range is for the cluster to say.
      [
        'safe',
        'spec.clusterIP',
        'the cluster IP and node port allocators refuse a value another Service holds',
        "refused unless it is in the cluster's service range and free",
      ],
    ],
  ],
  // Service: ports
  [
    'a changed node port is disruptive',
    'service-node-port-changed',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.ports[0].nodePort',
        'patchAllocatedValues keeps an omitted one',
        'node port 30080 → 30081: clients that reach the Service on the old port of any node lose it',
      ],
    ],
  ],
  [
    'a node port the manifest stops setting stays',
    'service-node-port-left-out',
    'update Service shop/web',
    'safe',
    [['safe', 'spec.ports[0].nodePort', 'patchAllocatedValues', 'keeps node port 30080']],
  ],
  [
    'fixing an allocated node port moves it, which is disruptive',
    'service-node-port-set',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.ports[0].nodePort',
        'node ports are allocated cluster-wide',
        'the node port the cluster allocated → 30080',
      ],
    ],
  ],
  [
    'a Service port no longer served is disruptive',
    'service-port-changed',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.ports',
        'kube-proxy forwards only the ports a Service declares',
        'port 80/TCP is no longer served',
      ],
    ],
  ],
  [
    'a changed targetPort is disruptive',
    'service-target-port-changed',
    'update Service shop/web',
    'disruptive',
    [['disruptive', 'spec.ports[0].targetPort', 'kube-proxy', 'port 80 forwards to 9090 instead of 8080']],
  ],
  [
    'a changed Service selector is disruptive',
    'service-selector-changed',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.selector',
        'the EndpointSlice controller',
        'from pods labelled {"app":"web"} to pods labelled {"app":"web-v2"}; no pod template in this render carries these labels',
      ],
    ],
  ],
  [
    'moving onto a node port an orphaned Service still holds is refused',
    'service-node-port-moved-onto-orphan',
    'update Service shop/web',
    'refused',
    [
      ['disruptive', 'spec.ports[0].nodePort', 'node ports are allocated cluster-wide', 'node port 30080 → 30081'],
      [
        'refused',
        'spec.ports[0].nodePort',
        'provided port is already allocated',
        'node port 30081 stays allocated to shop/admin',
      ],
    ],
  ],
  [
    'a Service selector taken away is disruptive',
    'service-selector-removed',
    'update Service shop/web',
    'disruptive',
    [['disruptive', 'spec.selector', 'the EndpointSlice controller', 'the selector is removed']],
  ],
  // Service: type and load balancer
  [
    'LoadBalancer to ClusterIP releases the external address, which is disruptive',
    'service-loadbalancer-to-cluster-ip',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type LoadBalancer → ClusterIP: the cloud load balancer and its external address are released; its node ports are released',
      ],
    ],
  ],
  [
    'ClusterIP to ExternalName releases the cluster IP, which is disruptive',
    'service-to-external-name',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type ClusterIP → ExternalName: its cluster IP is released and its name becomes a CNAME to "web.example.com"',
      ],
    ],
  ],
  [
    'ExternalName to ClusterIP replaces the CNAME with a cluster IP, which is disruptive',
    'service-external-name-to-cluster-ip',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type ExternalName → ClusterIP: its name stops being a CNAME to "api.example.com"',
      ],
    ],
  ],
  [
    'ClusterIP to LoadBalancer opens node ports and a load balancer, which is disruptive',
    'service-cluster-ip-to-load-balancer',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type ClusterIP → LoadBalancer: node ports open on every node; a cloud load balancer is provisioned',
      ],
    ],
  ],
  [
    'a changed loadBalancerIP is disruptive',
    'service-load-balancer-ip',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.loadBalancerIP',
        'the cloud provider programs the load balancer',
        'loadBalancerIP "203.0.113.10" → "203.0.113.20"',
      ],
    ],
  ],
  [
    'a changed externalName is disruptive',
    'service-external-name-changed',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.externalName',
        'cluster DNS answers a CNAME',
        'a CNAME to "api.example.net" instead of "api.example.com"',
      ],
    ],
  ],
  [
    'a changed loadBalancerClass is refused',
    'service-load-balancer-class',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.loadBalancerClass',
        'validateLoadBalancerClassField',
        'loadBalancerClass "example.com/lb-a" → "example.com/lb-b": it may not change while the Service is a LoadBalancer',
      ],
    ],
  ],
  [
    'a changed healthCheckNodePort is refused',
    'service-health-check-node-port',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.healthCheckNodePort',
        'validateServiceExternalTrafficFieldsUpdate',
        'healthCheckNodePort 32100 → 32101: it may not change while the Service needs it',
      ],
    ],
  ],
  [
    'a changed externalTrafficPolicy is disruptive',
    'service-external-traffic-policy',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.externalTrafficPolicy',
        'kube-proxy: externalTrafficPolicy Local',
        'externalTrafficPolicy Cluster → Local: nodes without a ready pod drop external traffic',
      ],
    ],
  ],
  [
    'a source range taken away is disruptive',
    'service-source-ranges',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.loadBalancerSourceRanges',
        'loadBalancerSourceRanges',
        'clients in 198.51.100.0/24 can no longer reach the load balancer',
      ],
    ],
  ],
  [
    'a renamed Service cannot take the node port its orphaned old name still holds',
    'service-renamed-keeps-node-port',
    'create Service shop/web-public',
    'refused',
    [
      [
        'refused',
        'spec.ports[0].nodePort',
        'provided port is already allocated',
        'node port 30080 stays allocated to shop/web',
      ],
    ],
  ],
  [
    'a new Service cannot take a node port another Service of the render holds',
    'service-node-port-claimed-by-another',
    'create Service shop/admin',
    'refused',
    // The node port allocator refuses a port another Service holds ("provided port is already allocated").
    [
      [
        'refused',
        'spec.ports[0].nodePort',
        'the cluster IP and node port allocators refuse a value another Service holds',
        'node port 30080 is also asked for by Service shop/web, which holds it first',
      ],
    ],
  ],
  [
    'a renamed Service leaves the old one orphaned',
    'service-renamed-keeps-node-port',
    'orphan Service shop/web',
    'orphaned',
    [
      [
        'orphaned',
        undefined,
        'deletes none without --prune',
        'it keeps its cluster IP and node port 30080, and keeps sending traffic to the pods it selects',
      ],
    ],
  ],
  // Namespace
  [
    'a renamed namespace leaves the old one orphaned',
    'namespace-renamed',
    'orphan Namespace shop',
    'orphaned',
    [['orphaned', undefined, 'deletes none without --prune', 'the namespace and every object in it keep running']],
  ],
  [
    'objects of a renamed namespace are orphaned',
    'namespace-renamed',
    'orphan Deployment shop/web',
    'orphaned',
    [['orphaned', undefined, 'deletes none without --prune', 'the render has it in namespace store now']],
  ],
  ['objects in the new namespace are created', 'namespace-renamed', 'create Deployment store/web', 'safe', []],
  [
    'changed namespace finalizers are accepted without effect',
    'namespace-finalizers',
    'update Namespace shop',
    'disruptive',
    [
      [
        'disruptive',
        'spec.finalizers',
        'namespaceStrategy.PrepareForUpdate keeps the stored spec.finalizers',
        'the API server keeps the finalizers the namespace was created with',
      ],
    ],
  ],
  [
    'a changed Pod Security enforce level is disruptive',
    'namespace-pod-security',
    'update Namespace shop',
    'disruptive',
    [
      [
        'disruptive',
        'metadata.labels["pod-security.kubernetes.io/enforce"]',
        'Pod Security admission',
        '"baseline" → "restricted": pods created from now on',
      ],
    ],
  ],
  ['other namespace labels are safe', 'namespace-labels', 'update Namespace shop', 'safe', []],
  // Ingress
  [
    'a changed ingress class is disruptive',
    'ingress-class',
    'update Ingress shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.ingressClassName',
        'served by the controller of its class',
        'ingress class "nginx" → "traefik": another controller serves the Ingress',
      ],
    ],
  ],
  [
    'a path no longer routed is disruptive',
    'ingress-path-removed',
    'update Ingress shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.rules',
        'the ingress controller routes each host and path',
        'shop.example.com/api (Prefix) is no longer routed',
      ],
    ],
  ],
  [
    'a path routed to another backend is disruptive',
    'ingress-backend-changed',
    'update Ingress shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.rules',
        'the ingress controller routes each host and path',
        'shop.example.com/ (Prefix) goes to {"service":{"name":"web-v2"',
      ],
    ],
  ],
  [
    'a changed default backend is disruptive',
    'ingress-default-backend',
    'update Ingress shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.defaultBackend',
        'the default backend',
        'requests no rule matches go to {"service":{"name":"maintenance"',
      ],
    ],
  ],
  ['an added path is safe: no Ingress field is immutable', 'ingress-path-added', 'update Ingress shop/web', 'safe', []],
  [
    'a host losing its TLS certificate is disruptive',
    'ingress-tls-removed',
    'update Ingress shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.tls',
        'terminates TLS',
        "HTTPS for shop.example.com falls back to the controller's default certificate",
      ],
    ],
  ],
  // Kinds without rules: listed with their diff, never called safe.
  [
    'a changed object of a kind the plan has no rules for is unchecked, saying so',
    'kind-without-rules',
    'update ConfigMap shop/settings',
    'unchecked',
    [
      [
        'unchecked',
        undefined,
        'rules of Namespace, Deployment, StatefulSet, Service, Ingress only',
        'no rules of ConfigMap are modelled: whether the API server accepts this change',
      ],
    ],
  ],
  [
    'a new object of a kind the plan has no rules for is unchecked, saying so',
    'kind-without-rules-created',
    'create CronJob shop/report',
    'unchecked',
    [
      [
        'unchecked',
        undefined,
        'rules of Namespace, Deployment, StatefulSet, Service, Ingress only',
        'no rules of CronJob are modelled: whether the API server accepts this object',
      ],
    ],
  ],
  // Create-time rules: ValidateXUpdate validates the new object as on create, whoever built it.
  [
    'a ClusterIP Service gaining loadBalancerClass is refused',
    'service-cluster-ip-gains-load-balancer-class',
    'update Service shop/web',
    'refused',
    // validateLoadBalancerClassField: Forbidden "may only be used when `type` is 'LoadBalancer'";
    // dropTypeDependentFields drops the class only when the old Service was a LoadBalancer.
    [
      [
        'refused',
        'spec.loadBalancerClass',
        'validateLoadBalancerClassField',
        "may only be used when type is 'LoadBalancer'",
      ],
    ],
  ],
  [
    'a nodePort on a ClusterIP Service is refused',
    'service-cluster-ip-gains-node-port',
    'update Service shop/web',
    'refused',
    // ValidateService: Forbidden "may not be used when `type` is 'ClusterIP'".
    [
      [
        'refused',
        'spec.ports[0].nodePort',
        'ValidateService (nodePort',
        'only NodePort and LoadBalancer Services open node ports',
      ],
    ],
  ],
  [
    'a node port given to two ports of one protocol is refused',
    'service-node-port-duplicated',
    'update Service shop/web',
    'refused',
    // ValidateService: Duplicate for the same (protocol, nodePort) pair.
    [
      [
        'refused',
        'spec.ports[1].nodePort',
        'ValidateService (duplicate protocol and nodePort)',
        'is used by another TCP port of this Service',
      ],
      ['disruptive', 'spec.ports[1].nodePort', 'node ports are allocated cluster-wide', 'node port 30443 → 30080'],
    ],
  ],
  [
    'a NodePort Service turned ClusterIP may keep listing its node port: the registry drops it',
    'service-node-port-to-cluster-ip-keeps-node-port',
    'update Service shop/web',
    'disruptive',
    // dropTypeDependentFields zeroes the node ports when the new Service adds none (sameNodePorts),
    // before ValidateService would forbid them on a ClusterIP Service.
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type NodePort → ClusterIP: its node ports (30080) are released',
      ],
    ],
  ],
  [
    'a LoadBalancer turned ClusterIP may keep its class, traffic policy and node port allocation: the registry drops them',
    'service-load-balancer-to-cluster-ip-keeps-class',
    'update Service shop/web',
    'disruptive',
    // dropTypeDependentFields drops loadBalancerClass, externalTrafficPolicy and
    // allocateLoadBalancerNodePorts the manifest left as they were, before ValidateService
    // would forbid them on a ClusterIP Service.
    [
      [
        'disruptive',
        'spec.type',
        'dropTypeDependentFields',
        'type LoadBalancer → ClusterIP: the cloud load balancer and its external address are released',
      ],
    ],
  ],
  [
    'an Ingress TLS secret name that is not a DNS-1123 subdomain is refused',
    'ingress-tls-secret-name-invalid',
    'update Ingress shop/web',
    'refused',
    // validateIngressTLS → validateTLSSecretName → ValidateSecretName (NameIsDNSSubdomain).
    [['refused', 'spec.tls[0].secretName', 'validateTLSSecretName', 'must be a DNS-1123 subdomain']],
  ],
  [
    'replicas -1 is refused',
    'deployment-replicas-negative',
    'update Deployment shop/web',
    'refused',
    // ValidateDeploymentSpec: ValidateNonnegativeField(spec.replicas).
    [['refused', 'spec.replicas', 'ValidateNonnegativeField', 'must be an integer of 0 or more']],
  ],
  [
    'a Namespace label key that is not a qualified name is refused',
    'namespace-label-key-invalid',
    'update Namespace shop',
    'refused',
    // ValidateNamespaceUpdate → ValidateObjectMetaUpdate → ValidateLabels (IsQualifiedName).
    [['refused', 'metadata.labels', 'ValidateLabels', 'must be a label key']],
  ],
  // Dual-stack Services: validateUpgradeDowngradeClusterIPs compares every cluster IP.
  [
    'a changed secondary cluster IP is refused',
    'service-dual-stack-secondary-ip-changed',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.clusterIPs[1]',
        `validateUpgradeDowngradeClusterIPs: each of clusterIPs may not change once set`,
        'clusterIPs[1] "fd00:10:96::50" → "fd00:10:96::51": a cluster IP may not change once set',
      ],
    ],
  ],
  [
    'releasing the secondary cluster IP with SingleStack is accepted, and disruptive',
    'service-dual-stack-secondary-released',
    'update Service shop/web',
    'disruptive',
    [
      [
        'disruptive',
        'spec.clusterIPs',
        'validateUpgradeDowngradeClusterIPs',
        'the secondary cluster IP fd00:10:96::50 is released',
      ],
    ],
  ],
  [
    'releasing the secondary cluster IP without SingleStack is refused, for the IP and for the family',
    'service-dual-stack-secondary-released-without-single-stack',
    'update Service shop/web',
    'refused',
    [
      [
        'refused',
        'spec.ipFamilyPolicy',
        'validateUpgradeDowngradeClusterIPs',
        'releasing the secondary cluster IP fd00:10:96::50 needs ipFamilyPolicy SingleStack, not "PreferDualStack"',
      ],
      [
        'refused',
        'spec.ipFamilyPolicy',
        'validateUpgradeDowngradeIPFamilies',
        'releasing the secondary IP family needs ipFamilyPolicy SingleStack',
      ],
    ],
  ],
  // Verdicts that depend on what the cluster has say so (dependsOn, tested in plan-output).
  [
    'a new Ingress without class takes the default IngressClass, if the cluster has one',
    'created-objects-taking-cluster-defaults',
    'create Ingress shop/web',
    'safe',
    [
      [
        'safe',
        'spec.ingressClassName',
        'DefaultIngressClass admission plugin',
        'without one no controller may serve it',
      ],
    ],
  ],
  [
    'a new StatefulSet claim template without class takes the default StorageClass, if the cluster has one',
    'created-objects-taking-cluster-defaults',
    'create StatefulSet shop/db',
    'safe',
    [
      [
        'safe',
        'spec.volumeClaimTemplates[0].spec.storageClassName',
        'DefaultStorageClass admission plugin',
        'without one they stay Pending and the pods do not start',
      ],
    ],
  ],
  [
    'turning a dual-stack Service SingleStack with its cluster IPs unchanged releases the secondary, and is disruptive',
    'service-dual-stack-to-single-stack',
    'update Service shop/web',
    'disruptive',
    // initIPFamilyFields trims clusterIPs and ipFamilies to the primary before validation sees them.
    [
      [
        'disruptive',
        'spec.ipFamilyPolicy',
        'initIPFamilyFields',
        'ipFamilyPolicy SingleStack releases the secondary cluster IP fd00:10:96::50',
      ],
    ],
  ],
  // Namespaces the control plane owns are never advised away.
  [
    'an orphaned kube-system Namespace is not advised to be deleted',
    'namespace-system-orphaned',
    'orphan Namespace kube-system',
    'orphaned',
    [
      [
        'orphaned',
        undefined,
        'NamespaceLifecycle admission plugin refuses to delete default, kube-system and kube-public',
        'it must stay: the control plane owns namespace kube-system',
      ],
    ],
  ],
  [
    'an object left in kube-system is pruned alone, never with its namespace',
    'namespace-system-orphaned',
    'orphan Deployment kube-system/web',
    'orphaned',
    [['orphaned', undefined, 'deletes none without --prune', 'the render has it in namespace shop now']],
  ],
];

// Each case is planned inside its tests, not while jest collects them: what runs then makes every
// mutant of the model it reaches a static one (docs/mutation-testing.md).
describe.each(CASES)('%s', (_behaviour, fixture, object, verdict, findings) => {
  test(`${object} is ${verdict}`, () => {
    expect(entryOf(fixture, object).verdict).toBe(verdict);
  });

  test('the findings are exactly the expected ones, each citing its rule', () => {
    const entry = entryOf(fixture, object);
    expect(entry.findings.map((f) => [f.verdict, f.path])).toEqual(findings.map(([v, p]) => [v, p]));
    entry.findings.forEach((f, i) => expect(f.rule).toContain(findings[i][2]));
  });

  test('each finding says what happens to the object', () => {
    entryOf(fixture, object).findings.forEach((f, i) => expect(f.message).toContain(findings[i][3]));
  });
});

test('every refused or orphaned finding says how to roll out or prune', () => {
  const findings = CASES.flatMap(([, fixture, object]) => entryOf(fixture, object).findings).filter(
    (f) => f.verdict === 'refused' || f.verdict === 'orphaned',
  );
  expect(findings.length).toBeGreaterThan(10);
  for (const f of findings) {
    expect(f.remedy).toMatch(
      /`kubectl delete [a-z]+ [a-z0-9-]+( -n [a-z-]+)?( --cascade=orphan)?`|`kubectl patch [a-z]+ [a-z0-9-]+|fix the render|leave it: the namespace/,
    );
  }
});

// [fixture, "action Kind namespace/name", what the remedy of its first refused or orphaned finding
// says]: how to roll out or prune, and what that costs the object's clients.
const REMEDIES: [string, string, string][] = [
  // Deleting a Deployment deletes its pods; --cascade=orphan keeps the ReplicaSet serving.
  ['deployment-selector', 'update Deployment shop/web', 'its pods stop until the new ones are ready. To keep serving'],
  // An orphaned StatefulSet's pods are adopted by the new one; PVCs never follow a changed template.
  [
    'statefulset-volume-claim-templates',
    'update StatefulSet shop/db',
    'existing PersistentVolumeClaims keep their size and class',
  ],
  // The defaulted rollingUpdate has to be removed by a patch that names it null.
  ['statefulset-on-delete-keeps-rolling-update', 'update StatefulSet shop/db', '"rollingUpdate":null'],
  // A Service that is deleted releases its cluster IP; one the cluster allocated comes back different.
  ['service-cluster-ip-to-headless', 'update Service shop/web', 'its cluster IP is released and another allocated'],
  ['service-headless-had-cluster-ip', 'update Service shop/web', 'cluster IP 10.96.0.50 is released'],
  [
    'service-dual-stack-secondary-ip-changed',
    'update Service shop/web',
    'cluster IPs 10.96.0.50, fd00:10:96::50 are released',
  ],
  // A LoadBalancer also loses its node ports and its cloud load balancer.
  [
    'service-load-balancer-class',
    'update Service shop/web',
    'node ports the manifest does not fix are reassigned; the cloud load balancer is rebuilt with a new external address',
  ],
  // The health check port is released when externalTrafficPolicy is Cluster, so two applies avoid a delete.
  ['service-health-check-node-port', 'update Service shop/web', 'or apply once with externalTrafficPolicy Cluster'],
  ['service-cluster-ip-held-by-orphan', 'create Service shop/web-internal', 'delete the old Service first'],
  ['service-node-port-claimed-by-another', 'create Service shop/admin', 'give each Service its own value'],
  [
    'service-ip-family-released-without-single-stack',
    'update Service shop/web',
    'set spec.ipFamilyPolicy to SingleStack',
  ],
  // Deleting a namespace deletes what it holds: the advice says how much of it the render had.
  ['namespace-renamed', 'orphan Namespace shop', 'deletes it with everything in it (1 object of the previous render)'],
  ['namespace-renamed', 'orphan Deployment shop/web', ', or `kubectl delete namespace shop` with everything in it'],
];

test.each(REMEDIES)('%s: the remedy of %s says how, and what it costs', (fixture, object, remedy) => {
  const finding = entryOf(fixture, object).findings.find((f) => f.verdict === 'refused' || f.verdict === 'orphaned');
  expect(finding?.remedy).toContain(remedy);
});

test('every fixture pair has a case', () => {
  const covered = new Set(CASES.map(([, fixture]) => fixture));
  expect(fs.readdirSync(FIXTURES).filter((f) => !covered.has(f))).toEqual([]);
});

test('every fixture is an object the Kubernetes 1.27 schema accepts', () => {
  const validator = new SchemaValidator();
  const files: string[] = findManifests([FIXTURES]);
  expect(files.length).toBe(2 * fs.readdirSync(FIXTURES).length);
  expect(files.flatMap((file) => validateFile(validator, file))).toEqual([]);
});

test('no advice deletes a namespace the control plane owns', () => {
  const advice = planFixture('namespace-system-orphaned').entries.flatMap((e) => e.findings.map((f) => f.remedy ?? ''));
  expect(advice.join('\n')).not.toMatch(/kubectl delete (namespace|ns) kube-system/);
});

test('objects that did not change are counted, not listed', () => {
  const plan = planFixture('deployment-labels-leave-service');
  expect(plan.unchanged).toBe(1);
  expect(plan.entries.map((e) => `${e.kind} ${e.name}`)).toEqual(['Deployment web']);
});
