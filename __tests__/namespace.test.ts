import { Testing } from 'cdk8s';
import { Namespace } from '../lib';
import { only, testChart } from './support';

describe('Namespace', () => {
  test('defaults to the tutorial namespace and is cluster-scoped', () => {
    const { chart } = testChart();
    new Namespace(chart, 'ns');
    const ns = only(Testing.synth(chart), 'Namespace');
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'service-types-demo' } });
  });

  test('never carries metadata.namespace, even in a chart with a default namespace', () => {
    const { chart } = testChart({ namespace: 'elsewhere' });
    new Namespace(chart, 'ns', { name: 'team-a', labels: { team: 'a' } });
    const ns = only(Testing.synth(chart), 'Namespace');
    expect(ns.metadata).toEqual({ name: 'team-a', labels: { team: 'a' } });
  });
});
