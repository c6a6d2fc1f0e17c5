import { defineRules } from '../validation/rule-catalog';

/** The rules an ExternalName Service's own fields follow. */
export const EXTERNAL_NAME_RULES = defineRules('Service', {
  required: {
    id: 'external-name/required',
    level: 'error',
    field: 'spec.externalName',
    apiServer: 'rejects an ExternalName Service without externalName',
    source: 'ValidateService (pkg/apis/core/validation)',
  },
  dnsName: {
    id: 'external-name/dns-name',
    level: 'error',
    field: 'spec.externalName',
    apiServer:
      'rejects a value that, without one trailing dot, is not a DNS-1123 subdomain (so URLs, ports and IPv6 addresses)',
    source: 'ValidateService (pkg/apis/core/validation), IsDNS1123Subdomain',
  },
  ipAddress: {
    id: 'external-name/ip-address',
    level: 'warning',
    field: 'spec.externalName',
    apiServer:
      'accepts an IPv4 address, which is a valid subdomain; DNS then serves a CNAME to a name that does not resolve',
    source: 'ValidateService (pkg/apis/core/validation) accepts it; the cluster DNS answers with a CNAME record',
  },
});
