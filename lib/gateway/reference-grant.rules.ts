import { defineRules } from '../validation/rule-catalog';

const CRD = 'Gateway API v1.1.1 CRD referencegrants.gateway.networking.k8s.io';

/** The rules a ReferenceGrant's own fields follow. */
export const REFERENCE_GRANT_RULES = defineRules('ReferenceGrant', {
  namespace: {
    id: 'reference-grant/namespace',
    level: 'error',
    field: 'spec.from[].namespace',
    apiServer: 'rejects a namespace that is not a DNS-1123 label',
    source: `${CRD}: pattern of Namespace`,
  },
  entries: {
    id: 'reference-grant/entries',
    level: 'error',
    field: 'spec.from, spec.to',
    apiServer: 'rejects a grant with no from or to entry, or more than 16 of either',
    source: `${CRD}: minItems 1, maxItems 16`,
  },
  toName: {
    id: 'reference-grant/to-name',
    level: 'error',
    field: 'spec.to[].name',
    apiServer: 'rejects an empty name or one longer than 253 characters',
    source: `${CRD}: minLength and maxLength of ObjectName`,
  },
  toNameFormat: {
    id: 'reference-grant/to-name-format',
    level: 'warning',
    field: 'spec.to[].name',
    apiServer:
      'accepts any name (ObjectName has no pattern); one that is not a DNS-1123 subdomain grants access to nothing',
    source: `${CRD}: ObjectName has no pattern; object names are checked by ValidateObjectMeta`,
  },
});
