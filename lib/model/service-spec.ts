/*
 * A Service spec as the Kubernetes 1.27 API server holds it once decoded: with the defaults
 * SetDefaults_Service applies (pkg/apis/core/v1/defaults.go) and the cluster IPs as the
 * strategy normalizes them (normalizeClusterIPs, pkg/registry/core/service/strategy.go), so
 * that checks and comparisons see what the API server sees, not how a manifest spells it.
 */
import { KubeObject, semantic } from './objects';

/** One port of a Service, defaulted: protocol TCP, targetPort the port when unset (0 or ''). */
export interface ServicePortSpec {
  /** Its position in spec.ports. */
  readonly index: number;
  /** Its name; '' when unnamed. */
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetPort: unknown;
  /** Undefined, or 0, when the cluster allocates it (or none is needed). */
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

/** A Service spec with the defaults the API server applies before it validates or compares. */
export interface ServiceSpecView {
  /** ClusterIP, NodePort, LoadBalancer or ExternalName; ClusterIP when unset. */
  readonly type: string;
  /** The primary cluster IP as the manifest sets it ('None' for headless); undefined when the cluster allocates it. */
  readonly clusterIP?: string;
  /**
   * Every cluster IP the manifest sets, primary first: spec.clusterIPs, or spec.clusterIP alone
   * when only that is set (normalizeClusterIPs); undefined when the cluster allocates them.
   */
  readonly clusterIPs?: readonly string[];
  /** Whether the manifest lists spec.clusterIPs itself, rather than spec.clusterIP alone. */
  readonly clusterIPsListed: boolean;
  readonly ports: readonly ServicePortSpec[];
  /** The selector; undefined when absent or empty. */
  readonly selector?: Readonly<Record<string, string>>;
  readonly externalName?: string;
  readonly externalIPs: readonly string[];
  /** Cluster for an externally accessible Service when unset, else as set. */
  readonly externalTrafficPolicy?: string;
  /** Cluster when unset, except for ExternalName. */
  readonly internalTrafficPolicy?: string;
  /** None when unset. */
  readonly sessionAffinity: string;
  readonly healthCheckNodePort?: number;
  readonly loadBalancerClass?: string;
  readonly loadBalancerIP?: string;
  readonly loadBalancerSourceRanges: readonly string[];
  /** true for a LoadBalancer when unset. */
  readonly allocateLoadBalancerNodePorts?: boolean;
  readonly ipFamilies?: readonly string[];
  readonly ipFamilyPolicy?: string;
}

/** apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
function externallyAccessible(type: string, externalIPs: readonly unknown[]): boolean {
  return type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs.length > 0);
}

/** A Service's spec with SetDefaults_Service applied and its cluster IPs normalized. */
export function serviceSpec(object: KubeObject): ServiceSpecView {
  const spec = object.spec ?? {};
  const type: string = spec.type || 'ClusterIP';
  const externalIPs: string[] = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  const listed: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.filter((ip: unknown) => ip !== '') : [];
  const clusterIPs = listed.length > 0 ? listed : spec.clusterIP ? [spec.clusterIP] : undefined;
  const unsetTarget = (target: unknown) => target === undefined || target === null || target === 0 || target === '';
  return {
    type,
    clusterIP: (spec.clusterIP || clusterIPs?.[0]) ?? undefined,
    clusterIPs,
    clusterIPsListed: listed.length > 0,
    ports: (Array.isArray(spec.ports) ? spec.ports : []).map((p: any, index: number) => ({
      index,
      name: p?.name ?? '',
      port: p?.port,
      protocol: p?.protocol || 'TCP',
      targetPort: unsetTarget(p?.targetPort) ? p?.port : p.targetPort,
      nodePort: p?.nodePort,
      appProtocol: p?.appProtocol,
    })),
    selector: semantic(spec.selector) as Record<string, string> | undefined,
    externalName: spec.externalName,
    externalIPs,
    externalTrafficPolicy:
      spec.externalTrafficPolicy || (externallyAccessible(type, externalIPs) ? 'Cluster' : undefined),
    internalTrafficPolicy: spec.internalTrafficPolicy ?? (type === 'ExternalName' ? undefined : 'Cluster'),
    sessionAffinity: spec.sessionAffinity || 'None',
    healthCheckNodePort: spec.healthCheckNodePort,
    loadBalancerClass: spec.loadBalancerClass ?? undefined,
    loadBalancerIP: spec.loadBalancerIP,
    loadBalancerSourceRanges: Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [],
    allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts ?? (type === 'LoadBalancer' ? true : undefined),
    ipFamilies: Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0 ? spec.ipFamilies : undefined,
    ipFamilyPolicy: spec.ipFamilyPolicy ?? undefined,
  };
}

/** Every type but ExternalName gets a cluster IP, or is headless (needsClusterIP in the registry). */
export const needsClusterIP = (service: ServiceSpecView): boolean => service.type !== 'ExternalName';

/** NodePort and LoadBalancer Services open node ports (needsNodePort in the registry). */
export const needsNodePort = (service: ServiceSpecView): boolean =>
  service.type === 'NodePort' || service.type === 'LoadBalancer';

/** apiservice.NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
export const needsHealthCheck = (service: ServiceSpecView): boolean =>
  service.type === 'LoadBalancer' && service.externalTrafficPolicy === 'Local';

/** isHeadlessService: exactly one cluster IP, `None`. */
export const isHeadless = (service: ServiceSpecView): boolean =>
  service.clusterIPs?.length === 1 && service.clusterIPs[0] === 'None';

/** How messages name a Service's type: `headless` for a ClusterIP Service with clusterIP None. */
export const serviceTypeName = (service: ServiceSpecView): string =>
  service.type === 'ClusterIP' && service.clusterIP === 'None' ? 'headless' : service.type;
