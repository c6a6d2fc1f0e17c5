import { defineRules } from '../validation/rule-catalog';

/** The rules of a headless Service beyond those of every selecting Service. */
export const HEADLESS_RULES = defineRules('Service', {
  governStatefulSet: {
    id: 'headless/govern-stateful-set',
    level: 'contract',
    field: 'StatefulSet spec.serviceName',
    apiServer: 'not an API rule: a StatefulSet names one governing Service',
    source: 'construct contract: governStatefulSet true asks to replace a governing Service the StatefulSet was given',
  },
});
