import { Construct } from 'constructs';
import { TUTORIAL } from '../tutorial';
import { SelectingService, SelectingServiceProps } from './selecting-service';

/** Properties of a {@link HeadlessService}. */
export interface HeadlessServiceProps extends Omit<SelectingServiceProps, 'sessionAffinity'> {
  /** Publish DNS records for pods that are not ready yet, so StatefulSet members can find each other while starting. @default false */
  readonly publishNotReadyAddresses?: boolean;
}

/**
 * A headless Service (`clusterIP: None`): no virtual IP and no kube-proxy; its DNS name
 * resolves to the IPs of the ready pods themselves. Used as the governing Service of a
 * StatefulSet, for peer discovery, and by clients that balance load on their own.
 */
export class HeadlessService extends SelectingService {
  /** Which kind of Service this is; it also keeps the Service classes distinct types. */
  public readonly serviceType = 'Headless' as const;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id, props, {
      className: 'HeadlessService',
      defaultName: TUTORIAL.serviceNames.headless,
      spec: { clusterIp: 'None', publishNotReadyAddresses: props.publishNotReadyAddresses },
      accepts: ['publishNotReadyAddresses'],
    });
  }
}
