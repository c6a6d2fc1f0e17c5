/*
 * ValidateService of Kubernetes 1.27 (pkg/apis/core/validation/validation.go) for any Service,
 * whoever built it, after SetDefaults_Service; the rules the JSON schema cannot express. Node
 * ports are also checked against the node port range, as the allocator does on create.
 */
import { SERVICE_BASE_RULES, SOURCE_RANGES_ANNOTATION } from '../services/service-base.rules';
import { EXTERNAL_NAME_RULES } from '../services/external-name-service.rules';
import { LOAD_BALANCER_RULES } from '../services/load-balancer-service.rules';
import { DEFAULT_NODE_PORT_RANGE, NODE_PORT_RULES } from '../services/node-ports.rules';
import { SERVICE_RULES } from '../services/selecting-service.rules';
import { ONLY } from '../services/service-options';
import { SERVICE_OPTION_RULES } from '../services/service-options.rules';
import {
  cidr,
  dns1123Label,
  externalName,
  ipAddress,
  labelKey,
  parsePortRange,
  portNumber,
  portReference,
  protocol,
} from '../validation/formats';
import { checkLabels } from './metadata-checks';
import { SERVICE_OBJECT_RULES } from './object-check-rules';
import { at, CheckOptions, entries, FindingCollector, list } from './object-findings';
import { KubeObject } from './objects';
import { isHeadless, needsHealthCheck, ServiceSpecView, serviceSpec } from './service-spec';

/** The kubelet's port, which a LoadBalancer Service may not expose in Kubernetes 1.27. */
const KUBELET_PORT = 10250;

/** Whether a value is set, as Go sees a plain field: its zero value is unset. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== 0 && value !== '';

function checkPorts(c: FindingCollector, service: ServiceSpecView, object: KubeObject): void {
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  const many = service.ports.length > 1;
  for (const port of service.ports) {
    const path = at('spec.ports', port.index);
    if (many && port.name === '') {
      c.check(
        SERVICE_RULES.portNameRequired,
        at(path, 'name'),
        port.name,
        'is required: every port needs a name when a Service has several',
      );
    } else if (port.name !== '') {
      c.format(SERVICE_RULES.portName, at(path, 'name'), port.name, dns1123Label);
      if (names.has(port.name)) {
        c.check(
          SERVICE_RULES.portNameUnique,
          at(path, 'name'),
          port.name,
          'is used by another port; port names must be unique',
        );
      }
      names.add(port.name);
    }
    if (port.port === undefined || port.port === 0) {
      c.check(SERVICE_RULES.portRequired, at(path, 'port'), port.port, 'is required: a port from 1 to 65535');
    } else {
      c.check(SERVICE_RULES.portNumber, at(path, 'port'), port.port, portNumber(port.port));
    }
    c.format(SERVICE_RULES.protocol, at(path, 'protocol'), port.protocol, protocol);
    c.check(
      SERVICE_RULES.targetPort,
      at(path, 'targetPort'),
      port.targetPort,
      // A port left out is Go's 0, and so is the targetPort SetDefaults_Service copies from it.
      portReference((port.targetPort ?? 0) as number | string),
    );
    if (port.appProtocol !== undefined) {
      c.format(SERVICE_RULES.appProtocol, at(path, 'appProtocol'), port.appProtocol, labelKey);
    }
    if (service.type === 'ClusterIP' && isSet(port.nodePort)) {
      c.check(SERVICE_OPTION_RULES.optionType, at(path, 'nodePort'), port.nodePort, ONLY.nodePort);
    }
    if (isSet(port.nodePort)) {
      const key = `${port.protocol}/${port.nodePort}`;
      if (nodePorts.has(key)) {
        c.check(
          NODE_PORT_RULES.sharedInService,
          at(path, 'nodePort'),
          port.nodePort,
          `is used by another ${port.protocol} port of this Service`,
        );
      }
      nodePorts.add(key);
    }
    const key = `${port.protocol}/${port.port}`;
    if (seen.has(key)) {
      c.check(
        SERVICE_RULES.portProtocolUnique,
        path,
        { port: port.port, protocol: port.protocol },
        'repeats another port and protocol; each pair may appear once',
      );
    }
    seen.add(key);
    if (service.type === 'LoadBalancer' && port.port === KUBELET_PORT) {
      c.check(
        LOAD_BALANCER_RULES.kubeletPort,
        at(path, 'port'),
        port.port,
        'may not expose port 10250 externally since it is used by kubelet',
      );
    }
  }
  if (service.ports.length === 0 && !isHeadless(service) && service.type !== 'ExternalName') {
    c.check(
      SERVICE_RULES.portsRequired,
      'spec.ports',
      object.spec?.ports,
      'is required unless the Service is headless or ExternalName',
    );
  }
}

function checkType(c: FindingCollector, service: ServiceSpecView, object: KubeObject): void {
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(service.type)) {
    c.check(
      SERVICE_OBJECT_RULES.type,
      'spec.type',
      service.type,
      'must be one of ClusterIP, NodePort, LoadBalancer, ExternalName',
    );
  }
  if ((service.type === 'NodePort' || service.type === 'LoadBalancer') && isHeadless(service)) {
    c.check(
      SERVICE_OBJECT_RULES.headlessType,
      'spec.clusterIPs[0]',
      'None',
      `may not be set to 'None' for ${service.type} services`,
    );
  }
  if (service.type !== 'ExternalName') {
    return;
  }
  const spec = object.spec ?? {};
  const external = 'may not be set for ExternalName services';
  if (service.clusterIPs !== undefined) {
    c.check(SERVICE_OBJECT_RULES.externalNameFields, 'spec.clusterIPs', service.clusterIPs, external);
  }
  if (list(spec.ipFamilies).length > 0) {
    c.check(SERVICE_OBJECT_RULES.externalNameFields, 'spec.ipFamilies', spec.ipFamilies, external);
  }
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    c.check(SERVICE_OBJECT_RULES.externalNameFields, 'spec.ipFamilyPolicy', spec.ipFamilyPolicy, external);
  }
  if (!service.externalName || service.externalName === '.') {
    c.check(
      EXTERNAL_NAME_RULES.required,
      'spec.externalName',
      service.externalName,
      'is required for an ExternalName Service',
    );
  } else {
    c.format(EXTERNAL_NAME_RULES.dnsName, 'spec.externalName', service.externalName, externalName);
  }
}

/** ValidateServiceClusterIPsRelatedFields. */
function checkClusterIPs(
  c: FindingCollector,
  service: ServiceSpecView,
  object: KubeObject,
  options: CheckOptions,
): void {
  if (service.type === 'ExternalName') {
    return;
  }
  const spec = object.spec ?? {};
  const rule = SERVICE_OBJECT_RULES.clusterIPs;
  const listed = list(spec.clusterIPs);
  if (spec.clusterIP && listed.length > 0 && listed[0] !== spec.clusterIP) {
    c.check(rule, 'spec.clusterIPs', listed, 'first value must match `clusterIP`');
  }
  if (!spec.clusterIP && listed.length > 0) {
    c.check(rule, 'spec.clusterIPs', listed, 'must be empty when `clusterIP` is not specified');
  }
  const families = list(spec.ipFamilies);
  const seenFamilies = new Set<unknown>();
  families.forEach((family, i) => {
    if (family !== 'IPv4' && family !== 'IPv6') {
      c.check(SERVICE_OPTION_RULES.ipFamilies, at('spec.ipFamilies', i), family, 'must be one of IPv4, IPv6');
    }
    if (seenFamilies.has(family)) {
      c.check(SERVICE_OPTION_RULES.ipFamilies, at('spec.ipFamilies', i), family, 'is listed twice');
    }
    seenFamilies.add(family);
  });
  if (
    spec.ipFamilyPolicy !== undefined &&
    spec.ipFamilyPolicy !== null &&
    !['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(spec.ipFamilyPolicy)
  ) {
    c.check(
      SERVICE_OPTION_RULES.ipFamilyPolicy,
      'spec.ipFamilyPolicy',
      spec.ipFamilyPolicy,
      'must be one of SingleStack, PreferDualStack, RequireDualStack',
    );
  }
  const ips = service.clusterIPs ?? [];
  let invalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        c.check(rule, 'spec.clusterIPs', ips, "'None' must be the first and only value");
      }
      return;
    }
    const problem = ipAddress(String(ip));
    invalid ||= problem !== undefined;
    c.check(rule, at('spec.clusterIPs', i), ip, problem);
  });
  if (ips.length > 2) {
    c.check(rule, 'spec.clusterIPs', ips, 'may only hold up to 2 values');
  }
  if (invalid) {
    return;
  }
  const isV6 = (ip: string) => ip.includes(':');
  if (ips.length > 1 && new Set(ips.map(isV6)).size !== ips.length) {
    c.check(rule, 'spec.clusterIPs', ips, 'may specify no more than one IP for each IP family');
  }
  if (!isHeadless(service)) {
    ips.forEach((ip, i) => {
      const family = families[i];
      if ((family === 'IPv4' && isV6(ip)) || (family === 'IPv6' && !isV6(ip))) {
        c.check(rule, at('spec.clusterIPs', i), ip, `expected an ${family} value as indicated by \`ipFamilies[${i}]\``);
      }
    });
  }
  // initIPFamilyFields: SingleStack (also when unset on create, unless headless without selector)
  // allows one family. On update an unset policy is the stored one, and SingleStack with the
  // cluster IPs and families unchanged releases the secondary ones: the update rules judge those.
  const policy = spec.ipFamilyPolicy ?? (isHeadless(service) && !service.selector ? 'RequireDualStack' : 'SingleStack');
  if (options.operation !== 'update' && policy === 'SingleStack' && (families.length > 1 || ips.length > 1)) {
    c.check(
      SERVICE_OPTION_RULES.singleStack,
      families.length > 1 ? 'spec.ipFamilies' : 'spec.clusterIPs',
      families.length > 1 ? families : ips,
      `holds two IP families, which ipFamilyPolicy ${spec.ipFamilyPolicy ? 'SingleStack' : 'SingleStack (the default when unset)'} does not allow`,
    );
  }
}

function checkTypeSpecificFields(c: FindingCollector, service: ServiceSpecView, object: KubeObject): void {
  const spec = object.spec ?? {};
  const balanced = service.type === 'LoadBalancer';
  if (service.loadBalancerSourceRanges.length > 0) {
    if (!balanced) {
      c.check(
        SERVICE_OPTION_RULES.optionType,
        'spec.loadBalancerSourceRanges',
        service.loadBalancerSourceRanges,
        ONLY.loadBalancerSourceRanges,
      );
    }
    service.loadBalancerSourceRanges.forEach((range, i) =>
      c.check(
        LOAD_BALANCER_RULES.sourceRange,
        at('spec.loadBalancerSourceRanges', i),
        range,
        cidr(String(range).trim()),
      ),
    );
  } else {
    const annotation = object.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION];
    if (annotation !== undefined) {
      const path = at('metadata.annotations', SOURCE_RANGES_ANNOTATION);
      if (!balanced) {
        c.check(SERVICE_BASE_RULES.sourceRangesAnnotationType, path, annotation, ONLY.loadBalancerSourceRanges);
      }
      const value = String(annotation).trim();
      for (const range of value === '' ? [] : value.split(',')) {
        c.check(LOAD_BALANCER_RULES.sourceRangesAnnotation, path, range.trim(), cidr(range.trim()));
      }
    }
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && !balanced) {
    c.check(
      SERVICE_OPTION_RULES.optionType,
      'spec.allocateLoadBalancerNodePorts',
      spec.allocateLoadBalancerNodePorts,
      ONLY.allocateLoadBalancerNodePorts,
    );
  }
  if (service.loadBalancerClass !== undefined) {
    if (balanced) {
      c.format(LOAD_BALANCER_RULES.loadBalancerClass, 'spec.loadBalancerClass', service.loadBalancerClass, labelKey);
    } else {
      c.check(
        SERVICE_OPTION_RULES.optionType,
        'spec.loadBalancerClass',
        service.loadBalancerClass,
        ONLY.loadBalancerClass,
      );
    }
  }
  const accessible =
    service.type === 'NodePort' || balanced || (service.type === 'ClusterIP' && service.externalIPs.length > 0);
  if (!accessible && isSet(spec.externalTrafficPolicy)) {
    c.check(
      SERVICE_OPTION_RULES.optionType,
      'spec.externalTrafficPolicy',
      spec.externalTrafficPolicy,
      ONLY.externalTrafficPolicy,
    );
  } else if (accessible && !['Cluster', 'Local'].includes(String(service.externalTrafficPolicy))) {
    c.check(
      SERVICE_OPTION_RULES.trafficPolicy,
      'spec.externalTrafficPolicy',
      service.externalTrafficPolicy,
      'must be one of Cluster, Local',
    );
  }
  if (
    service.internalTrafficPolicy !== undefined &&
    !['Cluster', 'Local'].includes(String(service.internalTrafficPolicy))
  ) {
    c.check(
      SERVICE_OPTION_RULES.trafficPolicy,
      'spec.internalTrafficPolicy',
      service.internalTrafficPolicy,
      'must be one of Cluster, Local',
    );
  }
  if (!needsHealthCheck(service) && isSet(service.healthCheckNodePort)) {
    c.check(
      LOAD_BALANCER_RULES.healthCheckNodePort,
      'spec.healthCheckNodePort',
      service.healthCheckNodePort,
      ONLY.healthCheckNodePort,
    );
  }
}

function checkAffinityAndAddresses(c: FindingCollector, service: ServiceSpecView, object: KubeObject): void {
  if (!['None', 'ClientIP'].includes(service.sessionAffinity)) {
    c.check(
      SERVICE_OBJECT_RULES.sessionAffinity,
      'spec.sessionAffinity',
      service.sessionAffinity,
      'must be one of ClientIP, None',
    );
  }
  const timeout = object.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (service.sessionAffinity === 'ClientIP' && timeout !== undefined && timeout !== null) {
    const valid = Number.isInteger(timeout) && timeout >= 1 && timeout <= 86400;
    c.check(
      SERVICE_OPTION_RULES.affinityTimeout,
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
      timeout,
      valid ? undefined : 'must be an integer from 1 to 86400',
    );
  }
  service.externalIPs.forEach((ip, i) =>
    c.check(SERVICE_OBJECT_RULES.externalIP, at('spec.externalIPs', i), ip, ipAddress(String(ip))),
  );
}

/** The node ports outside the cluster's range: the allocator refuses them on create. */
function checkNodePortRange(c: FindingCollector, service: ServiceSpecView, options: CheckOptions): void {
  const setting = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const range = parsePortRange(setting);
  if (range === undefined || (service.type !== 'NodePort' && service.type !== 'LoadBalancer')) {
    return;
  }
  const outside = (port: number) => port < range.min || port > range.max;
  const message = `is outside the node port range ${setting}${options.nodePortRange ? '' : " (the API server's default --service-node-port-range)"}`;
  for (const port of service.ports) {
    if (isSet(port.nodePort) && outside(Number(port.nodePort))) {
      c.check(NODE_PORT_RULES.range, at(at('spec.ports', port.index), 'nodePort'), port.nodePort, message);
    }
  }
  if (needsHealthCheck(service) && isSet(service.healthCheckNodePort) && outside(Number(service.healthCheckNodePort))) {
    c.check(NODE_PORT_RULES.range, 'spec.healthCheckNodePort', service.healthCheckNodePort, message);
  }
}

/** ValidateService for any Service object. */
export function checkService(c: FindingCollector, object: KubeObject, options: CheckOptions): void {
  const service = serviceSpec(object);
  checkType(c, service, object);
  checkPorts(c, service, object);
  if (entries(object.spec?.selector).length > 0) {
    checkLabels(c, 'spec.selector', object.spec.selector, SERVICE_RULES.selectorLabel, SERVICE_RULES.selectorLabel);
  }
  checkAffinityAndAddresses(c, service, object);
  checkClusterIPs(c, service, object, options);
  checkTypeSpecificFields(c, service, object);
  checkNodePortRange(c, service, options);
}
