// Stops the control plane global-setup.ts started: its process group and its data folder.
import { stop } from '../../scripts/cluster';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as any).clusterState;
  if (state) await stop(state);
}
