/**
 * The Kubernetes recommended labels (`app.kubernetes.io/*`), which tools such as kubectl,
 * dashboards and Helm read to group the objects of one application.
 */
export interface RecommendedLabels {
  /** `app.kubernetes.io/name`: the application's name, the same for every installation. @default - the construct's own, such as 'echoserver' */
  readonly name?: string;
  /** `app.kubernetes.io/instance`: this installation of the application. @default - generated from the construct path, unique in the app */
  readonly instance?: string;
  /** `app.kubernetes.io/version`: the application's version. @default - none */
  readonly version?: string;
  /** `app.kubernetes.io/component`: its role in the architecture, such as `frontend`. @default - none */
  readonly component?: string;
  /** `app.kubernetes.io/part-of`: the larger application it belongs to. @default - none */
  readonly partOf?: string;
  /** `app.kubernetes.io/managed-by`: the tool that manages it. @default - none */
  readonly managedBy?: string;
}

const KEYS: Record<keyof RecommendedLabels, string> = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
};

/** The label keys of `name` and `instance`: what identifies one installation's pods. */
export const IDENTITY_LABEL_KEYS = [KEYS.name, KEYS.instance] as const;

/** The labels `labels` stands for, in the order of the Kubernetes documentation. */
export function recommendedLabelMap(labels: RecommendedLabels): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [field, key] of Object.entries(KEYS) as [keyof RecommendedLabels, string][]) {
    const value = labels[field];
    if (value !== undefined) {
      map[key] = value;
    }
  }
  return map;
}
