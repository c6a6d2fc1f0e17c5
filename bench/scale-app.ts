// Synthesizes N copies of the whole demo, each in its own namespace, in one chart (or one
// chart per copy with `chart-per-copy`), and prints the time taken and the peak memory as
// JSON. Run by scripts/bench.js.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ServiceTypesDemo } from '../lib';

const copies = Number(process.argv[2] ?? '10');
const chartPerCopy = process.argv[3] === 'chart-per-copy';
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-'));
const start = process.hrtime.bigint();
const app = new App({ outdir, outputFileExtension: '.yaml' });
const shared = chartPerCopy ? undefined : new Chart(app, 'copies');
for (let i = 0; i < copies; i++) {
  const chart = shared ?? new Chart(app, `copy-${i}`);
  new ServiceTypesDemo(chart, `demo-${i}`, { namespace: `demo-${i}`, nodePort: 30000 + i });
}
app.synth();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const objects = fs.readdirSync(outdir).length;
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ copies, files: objects, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
