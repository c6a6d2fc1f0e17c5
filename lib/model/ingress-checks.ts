/*
 * ValidateIngressCreate of Kubernetes 1.27 (pkg/apis/networking/validation) for any Ingress,
 * whoever built it: the rules the JSON schema cannot express.
 */
import { INGRESS_RULES } from '../ingress.rules';
import { dns1035Label, dns1123Subdomain, ingressHost, portName, portNumber, tlsHost } from '../validation/formats';
import { INGRESS_OBJECT_RULES } from './object-check-rules';
import { at, CheckOptions, FindingCollector, list } from './object-findings';
import { KubeObject } from './objects';

const R = INGRESS_RULES;
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** validateIngressBackend. */
function checkBackend(c: FindingCollector, path: string, backend: any): void {
  const hasService = backend?.service !== undefined && backend?.service !== null;
  const hasResource = backend?.resource !== undefined && backend?.resource !== null;
  if (hasService === hasResource) {
    c.check(
      INGRESS_OBJECT_RULES.backendKind,
      path,
      backend,
      hasService
        ? 'cannot set both resource and service backends'
        : 'one backend (service or resource) must be specified',
    );
  }
  if (!hasService) {
    return;
  }
  const service = backend.service;
  if (!service.name) {
    c.check(R.backendService, `${path}.service.name`, service.name, 'is required');
  } else {
    c.format(R.backendService, `${path}.service.name`, service.name, dns1035Label);
  }
  const port = service.port ?? {};
  const hasName = port.name !== undefined && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) {
    c.check(R.backendPort, `${path}.service.port`, port, 'cannot set both port name & port number');
  } else if (hasName) {
    c.format(R.backendPort, `${path}.service.port.name`, port.name, portName);
  } else if (hasNumber) {
    c.check(R.backendPort, `${path}.service.port.number`, port.number, portNumber(Number(port.number)));
  } else {
    c.check(R.backendPortRequired, `${path}.service.port`, service.port, 'port name or number is required');
  }
}

/** validateHTTPIngressPath. */
function checkPath(c: FindingCollector, path: string, p: any): void {
  const value: string = p?.path ?? '';
  const type = p?.pathType;
  if (type === 'Exact' || type === 'Prefix') {
    if (!value.startsWith('/')) {
      c.check(R.pathAbsolute, at(path, 'path'), value, 'must be an absolute path');
    }
    for (const sequence of INVALID_SEQUENCES.filter((s) => value.includes(s))) {
      c.check(R.pathSegments, at(path, 'path'), value, `must not contain '${sequence}'`);
    }
    for (const suffix of INVALID_SUFFIXES.filter((s) => value.endsWith(s))) {
      c.check(R.pathSegments, at(path, 'path'), value, `cannot end with '${suffix}'`);
    }
  } else if (type === 'ImplementationSpecific') {
    if (value !== '' && !value.startsWith('/')) {
      c.check(R.pathAbsolute, at(path, 'path'), value, 'must be an absolute path');
    }
  } else {
    c.check(
      R.pathType,
      at(path, 'pathType'),
      type,
      type === undefined ? 'pathType must be specified' : 'must be one of Exact, Prefix, ImplementationSpecific',
    );
  }
  checkBackend(c, at(path, 'backend'), p?.backend);
}

/** ValidateIngressCreate, or the update rules when `options.operation` is 'update'. */
export function checkIngress(c: FindingCollector, object: KubeObject, options: CheckOptions): void {
  const spec = object.spec ?? {};
  const rules = list(spec.rules);
  if (rules.length === 0 && !spec.defaultBackend) {
    c.check(R.rulesOrDefaultBackend, 'spec', spec, 'either `defaultBackend` or `rules` must be specified');
  }
  if (spec.defaultBackend) {
    checkBackend(c, 'spec.defaultBackend', spec.defaultBackend);
  }
  rules.forEach((rule: any, i: number) => {
    const path = at('spec.rules', i);
    if (rule?.host) {
      c.format(R.host, at(path, 'host'), rule.host, ingressHost);
    }
    list(rule?.http?.paths).forEach((p: any, j: number) => checkPath(c, at(`${path}.http.paths`, j), p));
  });
  list(spec.tls).forEach((tls: any, i: number) => {
    const path = at('spec.tls', i);
    list(tls?.hosts).forEach((host: unknown, j: number) =>
      c.format(R.tlsHost, at(at(path, 'hosts'), j), host, tlsHost),
    );
    // validateTLSSecretName: an empty name is the controller's default certificate.
    if (tls?.secretName) {
      c.format(R.tlsSecretName, at(path, 'secretName'), tls.secretName, dns1123Subdomain);
    }
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    c.format(R.className, 'spec.ingressClassName', spec.ingressClassName, dns1123Subdomain);
  }
  const annotation = object.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (
    (options.operation ?? 'create') === 'create' &&
    annotation !== undefined &&
    spec.ingressClassName &&
    annotation !== spec.ingressClassName
  ) {
    c.check(
      R.classAnnotation,
      'metadata.annotations["kubernetes.io/ingress.class"]',
      annotation,
      'can not be set when the class field is also set',
    );
  }
}
