/**
 * The values of the Service Types tutorial's manifests. Only the tutorial's composition
 * ({@link ServiceTypesDemo}, and the app built on it) uses them; the constructs themselves
 * follow cdk8s conventions.
 */
export const TUTORIAL = {
  namespace: 'service-types-demo',
  deploymentName: 'echo-server',
  containerName: 'echo-server',
  podLabels: { app: 'echo-server' } as Readonly<Record<string, string>>,
  replicas: 2,
  image: 'registry.k8s.io/echoserver:1.10',
  servicePort: 80,
  nodePort: 30080,
  externalName: 'httpbin.org',
  serviceNames: {
    clusterip: 'echo-clusterip',
    nodeport: 'echo-nodeport',
    loadbalancer: 'echo-loadbalancer',
    headless: 'echo-headless',
    externalname: 'external-api',
  },
} as const;
