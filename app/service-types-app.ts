import { App, AppProps, Chart } from 'cdk8s';
import { composeDemo, DemoResources, NODE_PORT_RANGE_CONTEXT, ServiceTypesDemoProps, Warnings } from '../lib';

/** Properties of a {@link ServiceTypesApp}. */
export interface ServiceTypesAppProps extends ServiceTypesDemoProps {
  /** Where manifests are written. @default - `CDK8S_OUTDIR`, else 'dist' */
  readonly outdir?: string;
  /** The cluster's `--service-node-port-range`, which nodePorts are checked against. @default '30000-32767' */
  readonly nodePortRange?: string;
  /** Fail synth on every warning no construct acknowledges, as `--strict` asks. @default false */
  readonly strictWarnings?: boolean;
}

/**
 * The tutorial as a cdk8s app: one chart, and so one file, per manifest of the tutorial.
 *
 * The charts depend on each other in the tutorial's order, so cdk8s prefixes the files with
 * that order (`0000-namespace.yaml`, `0001-app.yaml`, ...) and `kubectl apply -f dist/`
 * creates the namespace before anything that lives in it.
 */
export class ServiceTypesApp extends App {
  /** The demo's constructs. */
  public readonly demo: DemoResources;

  constructor(props: ServiceTypesAppProps = {}) {
    const appProps: AppProps = {
      outdir: props.outdir,
      outputFileExtension: '.yaml',
    };
    super(appProps);
    if (props.strictWarnings) {
      Warnings.configure(this, { strict: true });
    }
    if (props.nodePortRange !== undefined) {
      this.node.setContext(NODE_PORT_RANGE_CONTEXT, props.nodePortRange);
    }
    let previous: Chart | undefined;
    this.demo = composeDemo(
      this,
      'ServiceTypesApp',
      (part) => {
        const chart = new Chart(this, part);
        if (previous !== undefined) {
          chart.node.addDependency(previous);
        }
        previous = chart;
        return chart;
      },
      props,
    );
  }
}
