/*
 * Ingress updates under the 1.27 API server: ValidateIngressUpdate checks the new object as on
 * create and holds no field immutable, so nothing is refused for being a change. What clients
 * feel is which controller serves the Ingress and where each route leads.
 */
import { ObjectRef, semanticEqual, show } from './objects';
import { finding, PlanFinding } from './plan';

/** The Kubernetes code or behaviour each Ingress finding follows. */
export const INGRESS_UPDATE_RULES = {
  update: 'ValidateIngressUpdate holds no Ingress field immutable (pkg/apis/networking/validation/validation.go)',
  class:
    'an Ingress is served by the controller of its class: spec.ingressClassName, else the kubernetes.io/ingress.class annotation, else the default IngressClass',
  routes:
    'the ingress controller routes each host and path to its backend; requests no rule matches go to the default backend or get 404',
  tls: 'the ingress controller terminates TLS for the hosts in spec.tls with their Secret',
  defaultClass:
    'the DefaultIngressClass admission plugin sets spec.ingressClassName of a new Ingress without class to the default IngressClass (plugin/pkg/admission/network/defaultingressclass)',
} as const;

const ingressClass = ({ object }: ObjectRef): string | undefined =>
  object.spec?.ingressClassName ?? object.metadata?.annotations?.['kubernetes.io/ingress.class'];

/** Each host and path, with its backend. */
function routes({ object }: ObjectRef): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const rule of object.spec?.rules ?? []) {
    for (const p of rule?.http?.paths ?? []) {
      found.set(`${rule.host ?? '*'}${p.path ?? '/'} (${p.pathType ?? 'ImplementationSpecific'})`, p.backend);
    }
  }
  return found;
}

/** Hosts with a TLS certificate. */
const tlsHosts = ({ object }: ObjectRef): string[] => (object.spec?.tls ?? []).flatMap((t: any) => t?.hosts ?? []);

/** The findings for an Ingress that exists and changes. */
export function ingressUpdate(before: ObjectRef, after: ObjectRef): PlanFinding[] {
  const R = INGRESS_UPDATE_RULES;
  const findings: PlanFinding[] = [];
  if (ingressClass(before) !== ingressClass(after)) {
    const to = ingressClass(after);
    findings.push(
      finding(
        'disruptive',
        'spec.ingressClassName',
        `ingress class ${show(ingressClass(before))} → ${show(to)}: another controller serves the ` +
          'Ingress, the old one drops its routes, and its address can change',
        R.class,
        undefined,
        to === undefined ? "the cluster's default IngressClass, if it has one" : undefined,
      ),
    );
  }
  const oldRoutes = routes(before);
  const newRoutes = routes(after);
  for (const [route, backend] of oldRoutes) {
    if (!newRoutes.has(route)) {
      findings.push(
        finding(
          'disruptive',
          'spec.rules',
          `${route} is no longer routed: its requests go to the default backend or get 404`,
          R.routes,
        ),
      );
    } else if (!semanticEqual(backend, newRoutes.get(route))) {
      findings.push(
        finding(
          'disruptive',
          'spec.rules',
          `${route} goes to ${show(newRoutes.get(route))} instead of ${show(backend)}`,
          R.routes,
        ),
      );
    }
  }
  if (!semanticEqual(before.object.spec?.defaultBackend, after.object.spec?.defaultBackend)) {
    findings.push(
      finding(
        'disruptive',
        'spec.defaultBackend',
        `requests no rule matches go to ${show(after.object.spec?.defaultBackend)} instead of ${show(before.object.spec?.defaultBackend)}`,
        R.routes,
      ),
    );
  }
  const newHosts = tlsHosts(after);
  const lostTls = tlsHosts(before).filter((host) => !newHosts.includes(host));
  if (lostTls.length > 0) {
    findings.push(
      finding(
        'disruptive',
        'spec.tls',
        `HTTPS for ${lostTls.join(', ')} falls back to the controller's default certificate`,
        R.tls,
      ),
    );
  }
  return findings;
}

/**
 * What a new Ingress asks of the cluster that the manifests alone cannot tell is there: without
 * a class, the default IngressClass, if any, is written into it on create.
 */
export function ingressCreate(after: ObjectRef): PlanFinding[] {
  if (ingressClass(after) !== undefined) {
    return [];
  }
  return [
    finding(
      'safe',
      'spec.ingressClassName',
      "the Ingress names no class: it gets the cluster's default IngressClass, and without one no controller may serve it",
      INGRESS_UPDATE_RULES.defaultClass,
      undefined,
      "the cluster's default IngressClass (DefaultIngressClass admission)",
    ),
  ];
}
