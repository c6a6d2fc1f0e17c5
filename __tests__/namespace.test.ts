import { Testing } from 'cdk8s';
import { Namespace } from '../lib';
import { only, testChart } from './support';

describe('Namespace', () => {
  test('defaults to a name cdk8s generates from the construct path, and is cluster-scoped', () => {
    const { chart } = testChart();
    const namespace = new Namespace(chart, 'ns');
    const ns = only(Testing.synth(chart), 'Namespace');
    expect(namespace.name).toMatch(/^test-ns-[0-9a-f]{8}$/);
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name } });
  });

  test('never carries metadata.namespace, even in a chart with a default namespace', () => {
    const { chart } = testChart({ namespace: 'elsewhere' });
    new Namespace(chart, 'ns', { name: 'team-a', labels: { team: 'a' } });
    const ns = only(Testing.synth(chart), 'Namespace');
    expect(ns.metadata).toEqual({ name: 'team-a', labels: { team: 'a' } });
  });
});
