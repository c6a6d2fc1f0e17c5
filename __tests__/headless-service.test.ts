import * as kplus from 'cdk8s-plus-27';
import { Testing } from 'cdk8s';
import { HeadlessService } from '../lib';
import { renderService } from './service-rules';
import { expectOneError, testChart, validationErrors } from './support';

// A StatefulSet names exactly one governing Service: spec.serviceName is a single string
// (StatefulSetSpec.serviceName in k8s.io/api/apps/v1), and the pods' DNS names
// <pod>.<serviceName> come from it. cdk8s-plus generates that Service (StatefulSet
// _createHeadlessService) unless given one (props.service).

function statefulSet(chart: ReturnType<typeof testChart>['chart'], service?: kplus.Service) {
  return new kplus.StatefulSet(chart, 'db', {
    service,
    containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'pg' }] }],
  });
}

describe('HeadlessService governing a cdk8s-plus StatefulSet', () => {
  test('the governing Service is reachable from the StatefulSet, unlike statefulSet.service', () => {
    const { chart } = testChart();
    const db = statefulSet(chart);
    const generated = db.service;
    const peers = new HeadlessService(chart, 'peers', { target: db, name: 'db-peers' });
    expect(HeadlessService.governing(db)).toBe(peers);
    // cdk8s-plus's property is readonly and still returns the Service it generated, now removed.
    expect(db.service).toBe(generated);
    const set = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
    expect(set.spec.serviceName).toBe(peers.name);
  });

  test('a StatefulSet that keeps its own Service has no governing HeadlessService', () => {
    const { chart } = testChart();
    const db = statefulSet(chart);
    new HeadlessService(chart, 'extra', { target: db, governStatefulSet: false });
    expect(HeadlessService.governing(db)).toBeUndefined();
  });

  // The default and `true` written out must mean the same: a second governing Service is
  // impossible, so both fail, naming the HeadlessService that governs, not the cdk8s-plus
  // Service it removed.
  test.each([
    ['left to its default', undefined, 'governStatefulSet (default true) true'],
    ['written explicitly', true, 'governStatefulSet true'],
  ])('governStatefulSet %s on an already governed StatefulSet fails alike', (_, governStatefulSet, property) => {
    const { app, chart } = testChart();
    const db = statefulSet(chart);
    const generatedName = db.service.name;
    new HeadlessService(chart, 'first', { target: db, name: 'db-first' });
    new HeadlessService(chart, 'second', { target: db, governStatefulSet });
    const errors = validationErrors(app);
    expectOneError(errors, [
      "HeadlessService 'test/second'",
      property,
      "cannot govern StatefulSet 'test/db'",
      `HeadlessService 'test/first' (name "db-first") already governs it`,
      'governStatefulSet: false',
      '[headless/govern-stateful-set]',
    ]);
    expect(errors[0]).not.toContain(generatedName);
  });

  test('governStatefulSet: false on an already governed StatefulSet adds an extra Service', () => {
    const { app, chart } = testChart();
    const db = statefulSet(chart);
    const first = new HeadlessService(chart, 'first', { target: db });
    new HeadlessService(chart, 'second', { target: db, governStatefulSet: false });
    expect(validationErrors(app)).toEqual([]);
    expect(HeadlessService.governing(db)).toBe(first);
  });

  test('a StatefulSet given its own Service fails with the default as with true, naming that Service', () => {
    const { app, chart } = testChart();
    const own = new kplus.Service(chart, 'own', { clusterIP: 'None', ports: [{ port: 5432 }] });
    const db = statefulSet(chart, own);
    new HeadlessService(chart, 'peers', { target: db });
    expectOneError(validationErrors(app), [
      'governStatefulSet (default true)',
      `it was given its own governing Service ${JSON.stringify(own.name)}`,
    ]);
  });
});

describe('HeadlessService renders', () => {
  test('has clusterIP None and no type, so DNS returns pod IPs', () => {
    const { service } = renderService((chart, target) => new HeadlessService(chart, 'svc', { target }));
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.type).toBeUndefined();
  });
});
