import { Construct } from 'constructs';
import { ServiceSpec } from '../../imports/k8s';
import { defineRules } from '../validation/rule-catalog';
import { externalName, ipAddress } from '../validation/rules';
import { ServiceBase, ServiceProps } from './service-base';

/** The rules an ExternalName Service's own fields follow. */
export const EXTERNAL_NAME_RULES = defineRules('Service', {
  required: {
    id: 'external-name/required',
    level: 'error',
    field: 'spec.externalName',
    apiServer: 'rejects an ExternalName Service without externalName',
    source: 'ValidateService (pkg/apis/core/validation)',
  },
  dnsName: {
    id: 'external-name/dns-name',
    level: 'error',
    field: 'spec.externalName',
    apiServer:
      'rejects a value that, without one trailing dot, is not a DNS-1123 subdomain (so URLs, ports and IPv6 addresses)',
    source: 'ValidateService (pkg/apis/core/validation), IsDNS1123Subdomain',
  },
  ipAddress: {
    id: 'external-name/ip-address',
    level: 'warning',
    field: 'spec.externalName',
    apiServer:
      'accepts an IPv4 address, which is a valid subdomain; DNS then serves a CNAME to a name that does not resolve',
    source: 'ValidateService (pkg/apis/core/validation) accepts it; the cluster DNS answers with a CNAME record',
  },
});

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
 * An ExternalName Service: a DNS CNAME from a name inside the cluster to a host outside it.
 * No selector, no virtual IP, no proxying, no endpoints; clients connect to the external
 * host directly. Its props have no target or ports, so neither can be given.
 *
 * Checks ({@link EXTERNAL_NAME_RULES}): `externalName` is given and, without one trailing dot,
 * a DNS-1123 subdomain (so no URL, port or IPv6 address); an IPv4 address is a warning.
 */
export class ExternalNameService extends ServiceBase {
  /** The DNS name the Service points to. */
  public readonly externalName: string;

  constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id, 'ExternalNameService', props);
    this.externalName = props.externalName;
    const rules = EXTERNAL_NAME_RULES;
    // JavaScript callers get no compile-time check that it was given.
    if (typeof this.externalName !== 'string' || this.externalName === '') {
      this.problems.record(rules.required, 'externalName is required: the DNS name the Service is an alias for');
      return;
    }
    const host = this.externalName.endsWith('.') ? this.externalName.slice(0, -1) : this.externalName;
    this.problems.check(rules.dnsName, 'externalName', this.externalName, externalName(this.externalName));
    this.problems.check(
      rules.ipAddress,
      'externalName',
      this.externalName,
      externalName(this.externalName) === undefined && ipAddress(host) === undefined
        ? 'is an IP address: DNS answers a CNAME to it, which does not resolve; select pods, or write the Endpoints of a selector-less Service'
        : undefined,
    );
  }

  protected renderSpec(): ServiceSpec {
    return { type: 'ExternalName', externalName: this.externalName };
  }
}
