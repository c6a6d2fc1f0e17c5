import { Construct } from 'constructs';
import { ServiceSpec } from '../../imports/k8s';
import { externalName } from '../validation/rules';
import { ServiceBase, ServiceProps } from './service-base';

/** Properties of an {@link ExternalNameService}. */
export interface ExternalNameServiceProps extends ServiceProps {
  /** The DNS name the Service is an alias (CNAME) for: a host name such as `api.example.com`, not a URL or IP. */
  readonly externalName: string;
}

/**
 * An ExternalName Service: a DNS CNAME from a name inside the cluster to a host outside it.
 * No selector, no virtual IP, no proxying, no endpoints; clients connect to the external
 * host directly. Its props have no target or ports, so neither can be given.
 *
 * Checks: `externalName` is a DNS-1123 subdomain (a trailing dot is allowed), not a URL,
 * an IP address or `host:port`.
 */
export class ExternalNameService extends ServiceBase {
  /** The DNS name the Service points to. */
  public readonly externalName: string;

  constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id, 'ExternalNameService', props);
    this.externalName = props.externalName;
    if (typeof this.externalName === 'string') {
      this.problems.rule('externalName', this.externalName, externalName);
    } else {
      // JavaScript callers get no compile-time check that it was given.
      this.problems.add('externalName is required: the DNS name the Service is an alias for');
    }
  }

  protected renderSpec(): ServiceSpec {
    return { type: 'ExternalName', externalName: this.externalName };
  }
}
