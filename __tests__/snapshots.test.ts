import { Chart, Testing } from 'cdk8s';
import { ServiceTypesApp } from '../app';
import { ServiceTypesDemo } from '../lib';
import { testChart } from './support';

// Snapshots guard against unintended change; correctness is asserted by the parity and
// construct tests.
describe('ServiceTypesApp', () => {
  const app = new ServiceTypesApp({ outdir: 'unused' });
  test.each(app.charts.map((c) => [c.node.id, c]))('chart %s', (_id, chart) => {
    expect(Testing.synth(chart as Chart)).toMatchSnapshot();
  });
});

test('ServiceTypesDemo in one chart, in its own namespace', () => {
  const { chart } = testChart();
  new ServiceTypesDemo(chart, 'demo', { namespace: 'team-a', replicas: 1, nodePort: 31000 });
  expect(Testing.synth(chart)).toMatchSnapshot();
});
