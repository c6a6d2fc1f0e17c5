/** The values the Service Types tutorial uses; every construct defaults to them. */
export const TUTORIAL = {
  namespace: 'service-types-demo',
  deploymentName: 'echo-server',
  containerName: 'echo-server',
  podLabels: { app: 'echo-server' } as Readonly<Record<string, string>>,
  replicas: 2,
  image: 'registry.k8s.io/echoserver:1.10',
  containerPort: 8080,
  servicePort: 80,
  nodePort: 30080,
  externalName: 'httpbin.org',
  serviceNames: {
    clusterIp: 'echo-clusterip',
    nodePort: 'echo-nodeport',
    loadBalancer: 'echo-loadbalancer',
    headless: 'echo-headless',
    externalName: 'external-api',
  },
} as const;
