import { Construct } from 'constructs';
import { TUTORIAL } from '../tutorial';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link HeadlessService}. */
export type HeadlessServiceProps = SelectingServiceProps;

/**
 * A headless Service (`clusterIP: None`): no virtual IP and no kube-proxy; its DNS name
 * resolves to the IPs of the ready pods themselves. Used for StatefulSet peer discovery
 * and clients that balance load on their own.
 */
export class HeadlessService extends SelectingService {
  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id, 'HeadlessService', TUTORIAL.serviceNames.headless, props, { clusterIp: 'None' });
  }
}
