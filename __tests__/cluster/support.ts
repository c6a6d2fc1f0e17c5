import { spawn } from 'child_process';
import * as path from 'path';
import { BIN_DIR } from '../../scripts/cluster';
import { ROOT } from '../support';

/** What a kubectl run printed and how it ended. */
export interface KubectlResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the control plane's own kubectl against it (KUBECONFIG, set by global-setup.ts). */
export function kubectl(args: readonly string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(BIN_DIR, 'kubectl'), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Runs kubectl and returns its output; rejects with everything it printed when it fails. */
export async function kubectlOk(args: readonly string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  if (result.status !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** `kubectl apply ARGS`: its output, after checking it succeeded without a warning. */
export async function applyClean(args: readonly string[]): Promise<string> {
  const result = await kubectl(['apply', ...args]);
  expect(result).toMatchObject({ status: 0, stderr: '' });
  return result.stdout;
}

/** `kubectl get ARGS -o json`, parsed. */
export async function getJson(...args: string[]): Promise<any> {
  return JSON.parse(await kubectlOk(['get', ...args, '-o', 'json']));
}

/** Polls `check` until it returns a value other than undefined; rejects after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A port of an EndpointSlice. */
export interface SlicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

/** The ready addresses and the ports of the EndpointSlices of one Service, sorted. */
export async function serviceEndpoints(
  namespace: string,
  service: string,
): Promise<{ slices: number; addresses: string[]; ports: SlicePort[] }> {
  const slices = (await getJson('endpointslices', '-n', namespace, '-l', `kubernetes.io/service-name=${service}`))
    .items;
  const addresses = slices
    .flatMap((s: any) => s.endpoints ?? [])
    .filter((e: any) => e.conditions?.ready)
    .flatMap((e: any) => e.addresses)
    .sort();
  // A dual-stack Service has a slice per family, each with all the ports.
  const ports: SlicePort[] = [
    ...new Map<string, SlicePort>(
      slices
        .flatMap((s: any) => s.ports ?? [])
        .map((p: any) => [`${p.name}/${p.port}/${p.protocol}`, { name: p.name, port: p.port, protocol: p.protocol }]),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  return { slices: slices.length, addresses, ports };
}

/**
 * The IPs of the running pods a label selector picks, of the families a Service uses (the
 * control plane is dual-stack: every pod has an IPv4 and an IPv6 address), sorted.
 */
export async function podIps(
  namespace: string,
  selector: string,
  families: readonly string[] = ['IPv4'],
): Promise<string[]> {
  const pods = (await getJson('pods', '-n', namespace, '-l', selector)).items;
  return pods
    .filter((p: any) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp)
    .flatMap((p: any) => p.status.podIPs.map((ip: any) => ip.ip))
    .filter((ip: string) => families.includes(ip.includes(':') ? 'IPv6' : 'IPv4'))
    .sort();
}

/** Installs the vendored Gateway API CRDs, if not yet installed, and waits until they are served. */
export async function installGatewayCrds(): Promise<void> {
  // Server-side: the HTTPRoute CRD is larger than the annotation client-side apply would store.
  await kubectlOk(['apply', '--server-side', '-f', path.join(ROOT, 'schemas', 'gateway-api', 'v1.1.1')]);
  await kubectlOk(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
}

/**
 * Deletes what a manifest file or folder created and waits until it is gone, namespaces
 * included, so that the next test file finds the node ports, cluster IPs and names free.
 */
export async function deleteApplied(file: string): Promise<void> {
  await kubectlOk(['delete', '-f', file, '--wait', '--timeout=120s']);
}
