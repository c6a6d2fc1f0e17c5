import { KubeObject } from '../lib/model';

// Objects the API server accepts, for the model's create checks to change one field at a time.

type Fields = Record<string, unknown>;

export const IMAGE = 'registry.k8s.io/echoserver:1.10';

/** A ClusterIP Service shop/web of port 80 selecting `app: web`, with `spec` and `metadata` merged in. */
export const service = (spec: Fields, metadata: Fields = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', ...metadata },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

/** A Deployment shop/web of one container, with `spec` merged into its spec and `podSpec` into its pods'. */
export const deployment = (spec: Fields = {}, podSpec: Fields = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: IMAGE }], ...podSpec },
    },
    ...spec,
  },
});

/** The same pods as a StatefulSet shop/db governed by Service db. */
export const statefulSet = (spec: Fields = {}, podSpec: Fields = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'shop' },
  spec: { ...deployment({}, podSpec).spec, serviceName: 'db', ...spec },
});

/** The backend of Service web's port 80. */
export const backend = { service: { name: 'web', port: { number: 80 } } };

/** An Ingress shop/web routing shop.example.com/ to `backend`, with `spec` and `metadata` merged in. */
export const ingress = (spec: Fields, metadata: Fields = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'shop', ...metadata },
  spec: {
    rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
    ...spec,
  },
});
