'use strict';
// Ingress updates under the 1.27 API server: ValidateIngressUpdate checks the new object
// as on create and holds no field immutable, so nothing is refused for being a change.
// What clients feel is which controller serves the Ingress and where each route leads.
const { finding, semanticEqual, show } = require('./common');

/**
 * @typedef {import('./common').Finding} Finding
 * @typedef {import('../manifests').Manifest} Manifest
 */

const RULES = {
  update: 'ValidateIngressUpdate holds no Ingress field immutable (pkg/apis/networking/validation/validation.go)',
  class:
    'an Ingress is served by the controller of its class: spec.ingressClassName, else the kubernetes.io/ingress.class annotation, else the default IngressClass',
  routes:
    'the ingress controller routes each host and path to its backend; requests no rule matches go to the default backend or get 404',
  tls: 'the ingress controller terminates TLS for the hosts in spec.tls with their Secret',
};

/**
 * @param {Manifest} manifest
 * @returns {string | undefined}
 */
const ingressClass = ({ object }) =>
  object.spec?.ingressClassName ?? object.metadata?.annotations?.['kubernetes.io/ingress.class'];

/**
 * Each host and path, with its backend.
 * @param {Manifest} manifest
 * @returns {Map<string, unknown>}
 */
function routes({ object }) {
  /** @type {Map<string, unknown>} */
  const found = new Map();
  for (const rule of object.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      found.set(`${rule.host ?? '*'}${p.path ?? '/'} (${p.pathType ?? 'ImplementationSpecific'})`, p.backend);
    }
  }
  return found;
}

/**
 * Hosts with a TLS certificate.
 * @param {Manifest} manifest
 * @returns {string[]}
 */
const tlsHosts = ({ object }) => (object.spec?.tls ?? []).flatMap((/** @type {any} */ t) => t.hosts ?? []);

/**
 * @param {Manifest} before
 * @param {Manifest} after
 * @returns {Finding[]}
 */
function ingressUpdate(before, after) {
  /** @type {Finding[]} */
  const findings = [];
  if (ingressClass(before) !== ingressClass(after)) {
    findings.push(
      finding(
        'disruptive',
        'spec.ingressClassName',
        `ingress class ${show(ingressClass(before))} → ${show(ingressClass(after))}: another controller serves the ` +
          'Ingress, the old one drops its routes, and its address can change',
        RULES.class,
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
          RULES.routes,
        ),
      );
    } else if (!semanticEqual(backend, newRoutes.get(route))) {
      findings.push(
        finding(
          'disruptive',
          'spec.rules',
          `${route} goes to ${show(newRoutes.get(route))} instead of ${show(backend)}`,
          RULES.routes,
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
        RULES.routes,
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
        RULES.tls,
      ),
    );
  }
  return findings;
}

module.exports = { RULES, ingressUpdate };
