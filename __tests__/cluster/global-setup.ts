// One control plane for the whole `npm run test:cluster` run: started here (building the
// binary first if its Go sources changed), its kubeconfig handed to the test files through
// KUBECONFIG, and stopped by global-teardown.ts.
import { start } from '../../scripts/cluster';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const state = await start({ started: (s: unknown) => ((globalThis as any).clusterState = s) });
  process.env.KUBECONFIG = state.kubeconfig;
  process.stderr.write(`\ncontrol plane up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
