import { Construct } from 'constructs';
import { EchoServer } from '../echo-server';
import { Namespace } from '../namespace';
import { ClusterIpService } from '../services/cluster-ip-service';
import { ExternalNameService } from '../services/external-name-service';
import { HeadlessService } from '../services/headless-service';
import { LoadBalancerService } from '../services/load-balancer-service';
import { NodePortService } from '../services/node-port-service';
import { Problems } from '../validation/problems';
import { defineRules } from '../validation/rule-catalog';
import { TUTORIAL } from './tutorial';

/** The five Service types of the tutorial, as `ServiceTypesDemoProps.services` names them. */
export type ServiceKind = 'clusterip' | 'nodeport' | 'loadbalancer' | 'headless' | 'externalname';

/** Every Service type, in the tutorial's order. */
export const SERVICE_KINDS: readonly ServiceKind[] = [
  'clusterip',
  'nodeport',
  'loadbalancer',
  'headless',
  'externalname',
];

/** The rules of the demo's own props. */
export const DEMO_RULES = defineRules('Service', {
  services: {
    id: 'demo/services',
    level: 'contract',
    field: '(the demo prop services)',
    apiServer: 'never sees it: the demo renders one Service for each type listed',
    source: 'a project contract: the tutorial has exactly these five Service types, each rendered at most once',
  },
});

/** The tutorial's manifests, in the order it applies them. */
export type DemoPart = 'namespace' | 'app' | ServiceKind;

/** Properties of the whole demo. */
export interface ServiceTypesDemoProps {
  /** The namespace all objects live in, created by the demo. @default 'service-types-demo' */
  readonly namespace?: string;
  /** How many echoserver pods run. @default 2 */
  readonly replicas?: number;
  /** The echoserver container image: a tag or mirror of echoserver, which listens on 8080. @default 'registry.k8s.io/echoserver:1.10' */
  readonly image?: string;
  /** The port every selecting Service listens on. @default 80 */
  readonly servicePort?: number;
  /** The NodePort Service's node port. @default 30080 */
  readonly nodePort?: number;
  /** The host the ExternalName Service aliases. @default 'httpbin.org' */
  readonly externalName?: string;
  /** Which Service types to render. @default - all five */
  readonly services?: readonly ServiceKind[];
}

/** The constructs of one rendered demo; a Service is undefined when it was not selected. */
export interface DemoResources {
  /** The namespace everything lives in. */
  readonly namespace: Namespace;
  /** The echoserver Deployment. */
  readonly echoServer: EchoServer;
  /** The ClusterIP Service. */
  readonly clusterIp?: ClusterIpService;
  /** The NodePort Service. */
  readonly nodePort?: NodePortService;
  /** The LoadBalancer Service. */
  readonly loadBalancer?: LoadBalancerService;
  /** The headless Service. */
  readonly headless?: HeadlessService;
  /** The ExternalName Service. */
  readonly externalName?: ExternalNameService;
}

/**
 * Builds the tutorial's objects, each in the scope `place` returns for its manifest, and makes
 * every part depend on the namespace so that it is rendered (and applied) first. Problems
 * with the demo's own props are reported on `owner`.
 */
export function composeDemo(
  owner: Construct,
  className: string,
  place: (part: DemoPart) => Construct,
  props: ServiceTypesDemoProps,
): DemoResources {
  const services = props.services ?? SERVICE_KINDS;
  const unknown = services.filter((s) => !SERVICE_KINDS.includes(s));
  if (unknown.length > 0 || new Set(services).size !== services.length) {
    new Problems(owner, className).check(
      DEMO_RULES.services,
      'services',
      services,
      `must list ${SERVICE_KINDS.join(', ')}, each at most once`,
    );
  }
  const wanted = new Set(services);
  const namespace = new Namespace(place('namespace'), 'namespace', { name: props.namespace ?? TUTORIAL.namespace });
  const common = { namespace: namespace.name };
  const target = new EchoServer(place('app'), 'echo-server', {
    ...common,
    name: TUTORIAL.deploymentName,
    containerName: TUTORIAL.containerName,
    selectorLabels: TUTORIAL.podLabels,
    replicas: props.replicas ?? TUTORIAL.replicas,
    image: props.image ?? TUTORIAL.image,
  });
  const selecting = (kind: ServiceKind) => ({
    ...common,
    name: TUTORIAL.serviceNames[kind],
    target,
    port: props.servicePort ?? TUTORIAL.servicePort,
  });
  const build = <T extends Construct>(kind: ServiceKind, make: (scope: Construct) => T): T | undefined =>
    wanted.has(kind) ? make(place(kind)) : undefined;

  const resources: DemoResources = {
    namespace,
    echoServer: target,
    clusterIp: build('clusterip', (s) => new ClusterIpService(s, 'echo-clusterip', selecting('clusterip'))),
    nodePort: build(
      'nodeport',
      (s) =>
        new NodePortService(s, 'echo-nodeport', {
          ...selecting('nodeport'),
          nodePort: props.nodePort ?? TUTORIAL.nodePort,
        }),
    ),
    loadBalancer: build(
      'loadbalancer',
      (s) => new LoadBalancerService(s, 'echo-loadbalancer', selecting('loadbalancer')),
    ),
    headless: build('headless', (s) => new HeadlessService(s, 'echo-headless', selecting('headless'))),
    externalName: build(
      'externalname',
      (s) =>
        new ExternalNameService(s, 'external-api', {
          ...common,
          name: TUTORIAL.serviceNames.externalname,
          externalName: props.externalName ?? TUTORIAL.externalName,
        }),
    ),
  };
  for (const part of Object.values(resources)) {
    if (part !== undefined && part !== namespace) {
      part.node.addDependency(namespace);
    }
  }
  return resources;
}
