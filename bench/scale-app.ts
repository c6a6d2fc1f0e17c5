// Synthesizes N copies of the whole demo, each in its own namespace, and prints the time taken
// (wall clock and CPU) and the peak memory as JSON. Run by scripts/bench.js:
//
//   scale-app <copies> [one-chart|chart-per-copy] [app.synth|synth|plain]
//
// one-chart puts every copy in one chart, chart-per-copy gives each its own. app.synth renders
// through cdk8s's App.synth(), synth through this library's synth(app); plain builds the same
// seven objects per copy as plain cdk8s ApiObjects, rendered by App.synth(), for comparison.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ServiceTypesDemo, synth } from '../lib';

const copies = Number(process.argv[2] ?? '10');
const chartPerCopy = process.argv[3] === 'chart-per-copy';
const mode = process.argv[4] ?? 'app.synth';

/** The demo's seven manifests, rendered once outside the measured time. */
function demoManifests(): any[] {
  const app = new App({ outdir: os.tmpdir() });
  const chart = new Chart(app, 'demo');
  new ServiceTypesDemo(chart, 'demo', { namespace: 'demo', nodePort: 30000 });
  return chart.toJson();
}

const plain = mode === 'plain' ? demoManifests() : [];
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-'));
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const app = new App({ outdir, outputFileExtension: '.yaml' });
const shared = chartPerCopy ? undefined : new Chart(app, 'copies');
for (let i = 0; i < copies; i++) {
  const chart = shared ?? new Chart(app, `copy-${i}`);
  const namespace = `demo-${i}`;
  if (mode === 'plain') {
    plain.forEach((m, j) => {
      const metadata = m.kind === 'Namespace' ? { name: namespace } : { ...m.metadata, namespace };
      new ApiObject(chart, `copy-${i}-${j}`, { ...m, metadata });
    });
  } else {
    new ServiceTypesDemo(chart, `demo-${i}`, { namespace, nodePort: 30000 + i });
  }
}
if (mode === 'synth') {
  synth(app);
} else {
  app.synth();
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const files = fs.readdirSync(outdir).length;
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ copies, files, seconds, cpuSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
