// Stands in for __tests__/support.ts when the unit tests run to record their verdicts
// (agreement.cluster.ts): the same helpers, with validationErrors also logging the app's
// errors and its objects as they render without the checks (ApiObject.toJson does not
// validate; Chart.toJson and App.synth do).
import { ApiObject, App, Chart } from 'cdk8s';
import { validationErrors as errorsOf } from '../../support';
import { logVerdict } from './log';

export * from '../../support';

/** The app's objects, each in its closest chart, charts in order. */
function renderUnchecked(app: App): any[] {
  return app.charts.flatMap((chart) =>
    chart.node
      .findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
      .map((o) => o.toJson()),
  );
}

export function validationErrors(app: App): string[] {
  const problems = errorsOf(app);
  let objects: any[] | undefined;
  try {
    objects = renderUnchecked(app);
  } catch {
    objects = undefined;
  }
  logVerdict({ checker: 'constructs', problems, objects });
  return problems;
}
