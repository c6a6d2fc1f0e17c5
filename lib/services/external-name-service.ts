import { Construct } from 'constructs';
import { KubeService } from '../../imports/k8s';
import { TUTORIAL } from '../tutorial';
import { externalName } from '../validation/rules';
import { ServiceBase, ServiceProps } from './service-base';

/** Properties of an {@link ExternalNameService}. */
export interface ExternalNameServiceProps extends ServiceProps {
  /** The DNS name the Service is an alias (CNAME) for: a host name, not a URL or IP. @default 'httpbin.org' */
  readonly externalName?: string;
}

/**
 * An ExternalName Service: a DNS CNAME from a name inside the cluster to a host outside it.
 * No selector, no virtual IP, no proxying, no endpoints; clients connect to the external
 * host directly. Its props have no target or ports, so neither can be given.
 */
export class ExternalNameService extends ServiceBase {
  /** The DNS name the Service points to. */
  public readonly externalName: string;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: KubeService;

  constructor(scope: Construct, id: string, props: ExternalNameServiceProps = {}) {
    super(scope, id, 'ExternalNameService', TUTORIAL.serviceNames.externalName, props);
    this.externalName = props.externalName ?? TUTORIAL.externalName;
    this.problems.rule('externalName', this.externalName, externalName);
    this.resource = this.renderService({ type: 'ExternalName', externalName: this.externalName });
  }
}
