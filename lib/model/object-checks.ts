/*
 * The create-time checks of any object, whoever built it (the library's constructs, cdk8s-plus,
 * a raw ApiObject): what the Kubernetes 1.27 API server refuses in the kinds the library knows,
 * beyond what the JSON schema says. Gateway API kinds are left to their CRD schemas and CEL rules.
 */
import { APP_RULES } from '../validation/object-registry.rules';
import { checkIngress } from './ingress-checks';
import { checkMetadata } from './metadata-checks';
import { checkNamespace, checkSystemNamespace } from './namespace-checks';
import { at, CheckOptions, FindingCollector, ObjectFinding } from './object-findings';
import { KubeObject } from './objects';
import { checkService } from './service-checks';
import { serviceSpec } from './service-spec';
import { checkDeployment, checkStatefulSet } from './workload-checks';

export { CheckOptions, ObjectFinding, Severity } from './object-findings';

/** The API groups of the kinds these checks know; a kind of another group is not checked. */
const GROUPS: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Service: 'v1',
  Deployment: 'apps/',
  StatefulSet: 'apps/',
  Ingress: 'networking.k8s.io/',
};

/** Whether {@link checkObject} knows the object's kind (by kind and API group). */
export function isCheckedKind(object: KubeObject): boolean {
  const group = GROUPS[object?.kind];
  const apiVersion = String(object?.apiVersion ?? '');
  return group !== undefined && (group === 'v1' ? apiVersion === 'v1' : apiVersion.startsWith(group));
}

/** Every create-time finding of one object; none for kinds it does not know. */
export function checkObject(object: KubeObject, options: CheckOptions = {}): ObjectFinding[] {
  if (!isCheckedKind(object)) {
    return [];
  }
  const c = new FindingCollector(object);
  checkMetadata(c, object);
  switch (object.kind) {
    case 'Namespace':
      checkNamespace(c, object, options);
      break;
    case 'Service':
      checkService(c, object, options);
      break;
    case 'Deployment':
      checkDeployment(c, object);
      break;
    case 'StatefulSet':
      checkStatefulSet(c, object);
      break;
    default:
      checkIngress(c, object, options);
  }
  checkSystemNamespace(c, object);
  return c.findings;
}

/**
 * Every create-time finding of the objects, and the node ports two Services claim: the
 * allocator keys node ports by number alone, so the second Service is refused.
 */
export function checkObjects(objects: readonly KubeObject[], options: CheckOptions = {}): ObjectFinding[] {
  const findings = objects.flatMap((object) => checkObject(object, options));
  const claimed = new Map<number, string>();
  for (const object of objects.filter((o) => isCheckedKind(o) && o.kind === 'Service')) {
    const service = serviceSpec(object);
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') {
      continue;
    }
    const c = new FindingCollector(object);
    const owner = `Service ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name}`;
    const claims = service.ports
      .filter((p) => typeof p.nodePort === 'number' && p.nodePort !== 0)
      .map((p) => ({ port: p.nodePort as number, path: at(at('spec.ports', p.index), 'nodePort') }));
    const own = new Set<number>();
    for (const claim of claims) {
      const holder = claimed.get(claim.port);
      if (holder !== undefined && !own.has(claim.port)) {
        c.check(APP_RULES.nodePortClaimedTwice, claim.path, claim.port, `is already claimed by ${holder}`);
      }
      own.add(claim.port);
    }
    claims.forEach((claim) => claimed.has(claim.port) || claimed.set(claim.port, owner));
    findings.push(...c.findings);
  }
  return findings;
}
