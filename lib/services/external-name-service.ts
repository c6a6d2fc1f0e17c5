import { Construct } from 'constructs';
import { ServiceSpec } from '../../imports/k8s';
import { Problems } from '../validation/problems';
import { externalName, ipAddress } from '../validation/formats';
import { EXTERNAL_NAME_RULES } from './external-name-service.rules';
import { ServiceBase, ServiceProps } from './service-base';
import { ServiceTypeSpec } from './service-options';

export { EXTERNAL_NAME_RULES } from './external-name-service.rules';

/** Properties of an {@link ExternalNameService}. */
export interface ExternalNameServiceProps extends ServiceProps {
  /**
   * The DNS name the Service is an alias (CNAME) for: a host name such as `api.example.com`,
   * not a URL. One trailing dot is allowed. An IPv4 address is accepted by Kubernetes but
   * becomes a CNAME that does not resolve, so it is warned about.
   */
  readonly externalName: string;
}

/**
 * The contract of an ExternalName Service: `type: ExternalName` and `externalName`, nothing
 * else: no selector, ports or type-specific options (its props have none). Checks
 * ({@link EXTERNAL_NAME_RULES}): `externalName` is given and, without one trailing dot, a
 * DNS-1123 subdomain (so no URL, port or IPv6 address); an IPv4 address is a warning.
 */
export const EXTERNAL_NAME_SERVICE: ServiceTypeSpec<ExternalNameServiceProps> = {
  className: 'ExternalNameService',
  typeFields: { type: 'ExternalName' },
  accepts: [],
};

/**
 * An ExternalName Service: a DNS CNAME from a name inside the cluster to a host outside it.
 * No selector, no virtual IP, no proxying, no endpoints; clients connect to the external
 * host directly. Its props have no target or ports, so neither can be given.
 * Its contract: {@link EXTERNAL_NAME_SERVICE}.
 */
export class ExternalNameService extends ServiceBase {
  /** The DNS name the Service points to. */
  public readonly externalName: string;

  constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id, EXTERNAL_NAME_SERVICE, props);
    this.externalName = props.externalName;
    checkExternalName(this.problems, props.externalName);
  }

  protected renderSpec(): ServiceSpec {
    return { ...EXTERNAL_NAME_SERVICE.typeFields, externalName: this.externalName };
  }
}

/** The checks of an ExternalName Service's one field. */
function checkExternalName(problems: Problems, value: string): void {
  const rules = EXTERNAL_NAME_RULES;
  // JavaScript callers get no compile-time check that it was given.
  if (typeof value !== 'string' || value === '') {
    problems.record(rules.required, 'externalName is required: the DNS name the Service is an alias for');
    return;
  }
  const host = value.endsWith('.') ? value.slice(0, -1) : value;
  problems.check(rules.dnsName, 'externalName', value, externalName(value));
  problems.check(
    rules.ipAddress,
    'externalName',
    value,
    externalName(value) === undefined && ipAddress(host) === undefined
      ? 'is an IP address: DNS answers a CNAME to it, which does not resolve; select pods, or write the Endpoints of a selector-less Service'
      : undefined,
  );
}
