import { Construct } from 'constructs';
import {
  HttpRoute as HttpRouteResource,
  HttpRouteSpecRules,
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesFiltersUrlRewritePathType,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesMethod,
  HttpRouteSpecRulesMatchesPathType,
  HttpRouteSpecRulesFiltersRequestRedirectPathType,
  HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesBackendRefs,
  HttpRouteSpecParentRefs,
} from '../../imports/gateway.networking.k8s.io';
import { objectMeta, resolveNamespace } from '../object-meta';
import { SelectingService } from '../services/selecting-service';
import { ServiceBase } from '../services/service-base';
import { ObjectRegistry } from '../validation/object-registry';
import { describe, Problems } from '../validation/problems';
import { defineRules } from '../validation/rule-catalog';
import { formatPorts } from '../validation/rules';
import { Warnings } from '../validation/warnings';
import { IGateway, ResolvedListener } from './gateway';
import { ReferenceGrant } from './reference-grant';
import {
  hostname,
  hostnamesIntersect,
  httpHeaderName,
  ipHostname,
  objectName,
  pathMatch,
  pathModifier,
  portNumber,
  preciseHostname,
} from './values';

const CRD = 'Gateway API v1.1.1 CRD httproutes.gateway.networking.k8s.io';

/** The rules an HTTPRoute's fields and references follow. */
export const HTTP_ROUTE_RULES = defineRules('HTTPRoute', {
  counts: {
    id: 'http-route/counts',
    level: 'error',
    field: 'spec.parentRefs, spec.hostnames, spec.rules[].matches, .filters, .backendRefs',
    apiServer: 'rejects more than 32 parents, 16 hostnames, 16 rules, 8 matches, 16 filters or 16 backends',
    source: `${CRD}: maxItems`,
  },
  parentRef: {
    id: 'http-route/parent-ref',
    level: 'error',
    field: 'spec.parentRefs[]',
    apiServer: 'rejects an invalid sectionName, and two references to one Gateway unless each has its own sectionName',
    source: `${CRD}: pattern of SectionName; CEL "sectionName must be specified/unique when parentRefs includes 2 or more references to the same parent"`,
  },
  parentListener: {
    id: 'http-route/parent-listener',
    level: 'contract',
    field: 'spec.parentRefs[].sectionName',
    apiServer: 'accepts it; the route attaches to no listener, because its Gateway has none of that name',
    source: 'construct contract: the Gateway construct declares its listeners',
  },
  hostname: {
    id: 'http-route/hostname',
    level: 'error',
    field: 'spec.hostnames[]',
    apiServer: 'rejects a hostname that is not a lowercase DNS name with an optional leading "*."',
    source: `${CRD}: pattern and maxLength of Hostname`,
  },
  hostnameIp: {
    id: 'http-route/hostname-ip',
    level: 'warning',
    field: 'spec.hostnames[]',
    apiServer:
      "accepts an IPv4 address (the CRD's pattern allows it); implementations reject it, as IPs are not hostnames",
    source: `${CRD}: pattern of Hostname; Gateway API HTTPRouteSpec.hostnames: "IPs are not allowed"`,
  },
  path: {
    id: 'http-route/path',
    level: 'error',
    field: 'spec.rules[].matches[].path.value',
    apiServer: "rejects a path that is not absolute or contains '//', '/./', '/../', '%2f', '#', or other characters",
    source: `${CRD}: CEL rules on HTTPPathMatch`,
  },
  matchName: {
    id: 'http-route/match-name',
    level: 'error',
    field: 'spec.rules[].matches[].headers[].name, .queryParams[].name',
    apiServer: 'rejects a name that is not an HTTP token, or that another header or query match of the same match has',
    source: `${CRD}: pattern of HTTPHeaderName; list-map key "name"`,
  },
  filterCombination: {
    id: 'http-route/filter-combination',
    level: 'error',
    field: 'spec.rules[].filters',
    apiServer:
      'rejects a filter type used twice, RequestRedirect with URLRewrite, and RequestRedirect in a rule with backends',
    source: `${CRD}: CEL "... filter cannot be repeated", "May specify either ... but not both", "RequestRedirect filter must not be used together with backendRefs"`,
  },
  replacePrefix: {
    id: 'http-route/replace-prefix',
    level: 'error',
    field: 'spec.rules[].filters[].*.path.replacePrefixMatch',
    apiServer: 'rejects replacePrefixMatch unless the rule has exactly one match, a PathPrefix',
    source: `${CRD}: CEL "When using ... filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"`,
  },
  filterValue: {
    id: 'http-route/filter-value',
    level: 'error',
    field: 'spec.rules[].filters[]',
    apiServer:
      'rejects a redirect or rewrite hostname that is not a DNS name, a port outside 1-65535, a header name that is not a token, a path over 1024 characters, and more than 16 headers to set, add or remove',
    source: `${CRD}: pattern, maxLength, maxItems and list keys of the filters`,
  },
  backendPortRequired: {
    id: 'http-route/backend-port-required',
    level: 'error',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'rejects a Service backend without a port',
    source: `${CRD}: CEL "Must have port for Service reference"`,
  },
  backendPort: {
    id: 'http-route/backend-port',
    level: 'contract',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'accepts it; requests to the backend fail, because the Service has no such port',
    source: 'construct contract: the Service construct declares its ports',
  },
  backendPortNumber: {
    id: 'http-route/backend-port-number',
    level: 'error',
    field: 'spec.rules[].backendRefs[].port',
    apiServer: 'rejects a port outside 1-65535',
    source: `${CRD}: minimum and maximum of PortNumber`,
  },
  backendWeight: {
    id: 'http-route/backend-weight',
    level: 'error',
    field: 'spec.rules[].backendRefs[].weight',
    apiServer: 'rejects a weight outside 0-1000000',
    source: `${CRD}: minimum and maximum`,
  },
  backendPortUnknown: {
    id: 'http-route/backend-port-unknown',
    level: 'warning',
    field: 'spec.rules[].backendRefs[].port',
    apiServer:
      'accepts a port that the Service of that name in this app lacks; the implementation then has no endpoints for the backend',
    source: 'a Service given by name is not a contract, yet a Service construct of the app has that name',
  },
  crossNamespace: {
    id: 'http-route/cross-namespace-backend',
    level: 'warning',
    field: 'spec.rules[].backendRefs[].namespace',
    apiServer:
      'accepts a backend in another namespace; implementations refuse it (ResolvedRefs False, RefNotPermitted) without a ReferenceGrant there',
    source:
      'Gateway API v1.1.1 BackendObjectReference: "a ReferenceGrant object is required in the referent namespace"',
  },
  hostnameNoListener: {
    id: 'http-route/hostname-no-listener',
    level: 'warning',
    field: 'spec.hostnames',
    apiServer:
      'accepts hostnames that no listener of the parent Gateway accepts; the route then does not attach to it (NoMatchingListenerHostname)',
    source: 'Gateway API v1.1.1 HTTPRouteSpec.hostnames: hostname intersection with the listener',
  },
  parentNotAllowed: {
    id: 'http-route/parent-not-allowed',
    level: 'warning',
    field: 'spec.parentRefs[]',
    apiServer:
      "accepts a parent whose listeners do not allow routes from the route's namespace; the route then does not attach (NotAllowedByListeners)",
    source: 'Gateway API v1.1.1 Listener.allowedRoutes.namespaces',
  },
});

/** Where a route attaches: a Gateway, optionally one listener of it. */
export interface HttpRouteParent {
  /** The Gateway: a {@link Gateway} construct, or `Gateway.fromName(...)` for one made elsewhere. */
  readonly gateway: IGateway;
  /** The name of the one listener to attach to. @default - every listener that accepts the route */
  readonly sectionName?: string;
}

/** How a path match compares the request path. */
export type PathMatchType = 'PathPrefix' | 'Exact';

/** A request path to match. */
export interface HttpPathMatch {
  /** The path, starting with '/'. */
  readonly value: string;
  /** `PathPrefix` matches whole path segments (`/a` matches `/a/b`, not `/ab`); `Exact` the path itself. @default 'PathPrefix' */
  readonly type?: PathMatchType;
}

/** An HTTP header or query parameter that must have a value exactly. */
export interface HttpExactMatch {
  /** The header or query parameter name. */
  readonly name: string;
  /** The value it must have. */
  readonly value: string;
}

/** HTTP request methods. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';

/** What a request must have to match a rule; every condition given must hold. */
export interface HttpRouteMatch {
  /** The request path. @default - a PathPrefix match of '/', every path */
  readonly path?: HttpPathMatch;
  /** Headers with exact values. @default - none */
  readonly headers?: readonly HttpExactMatch[];
  /** Query parameters with exact values. @default - none */
  readonly queryParams?: readonly HttpExactMatch[];
  /** The request method. @default - every method */
  readonly method?: HttpMethod;
}

/** A path replacement: the whole path, or the part a PathPrefix match matched. */
export type HttpPathModifier = { readonly replaceFullPath: string } | { readonly replacePrefixMatch: string };

/** Sets, adds or removes request headers before the request reaches the backend. */
export interface RequestHeaderModifierFilter {
  /** The filter type. */
  readonly type: 'RequestHeaderModifier';
  /** Headers to set, replacing any value. @default - none */
  readonly set?: Readonly<Record<string, string>>;
  /** Headers to add to any existing value. @default - none */
  readonly add?: Readonly<Record<string, string>>;
  /** Header names to remove. @default - none */
  readonly remove?: readonly string[];
}

/** Answers with a redirect instead of forwarding; a rule with it has no backends. */
export interface RequestRedirectFilter {
  /** The filter type. */
  readonly type: 'RequestRedirect';
  /** The scheme of the new location. @default - the request's scheme */
  readonly scheme?: 'http' | 'https';
  /** The host of the new location. @default - the request's host */
  readonly hostname?: string;
  /** The port of the new location. @default - the scheme's well-known port, or the listener's */
  readonly port?: number;
  /** The redirect's status code. @default 302 */
  readonly statusCode?: 301 | 302;
  /** The path of the new location. @default - the request's path */
  readonly path?: HttpPathModifier;
}

/** Rewrites the request's host or path before it reaches the backend. */
export interface UrlRewriteFilter {
  /** The filter type. */
  readonly type: 'URLRewrite';
  /** The Host header the backend sees. @default - unchanged */
  readonly hostname?: string;
  /** The path the backend sees. @default - unchanged */
  readonly path?: HttpPathModifier;
}

/** A filter of a rule: the core filters of the Gateway API. */
export type HttpRouteFilter = RequestHeaderModifierFilter | RequestRedirectFilter | UrlRewriteFilter;

/** A Service known by name only. */
export interface ServiceReference {
  /** The Service's name. */
  readonly name: string;
  /** The Service's namespace. @default - the route's namespace */
  readonly namespace?: string;
}

/** Where a rule sends requests, with its share of them. */
export interface HttpBackend {
  /** A Service construct of this library (checked against its ports), or a Service by name. */
  readonly service: SelectingService | ServiceReference;
  /** The Service port. @default - the Service construct's port when it has exactly one; required for a Service by name */
  readonly port?: number;
  /** The backend's share of the rule's requests relative to the others' weights, 0 to 1000000. @default 1 */
  readonly weight?: number;
}

/** A rule: the requests it matches, what it does to them, and where it sends them. */
export interface HttpRouteRule {
  /** Matches, any one of which selects a request (at most 8). @default - a PathPrefix match of '/' */
  readonly matches?: readonly HttpRouteMatch[];
  /** Filters applied to matching requests (at most 16). @default - none */
  readonly filters?: readonly HttpRouteFilter[];
  /** Backends that share the requests by weight (at most 16). @default - none: only valid with a redirect */
  readonly backends?: readonly HttpBackend[];
}

/** Whether a route makes the ReferenceGrants its cross-namespace backends need. */
export type ReferenceGrantMode = 'create' | 'require';

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps {
  /** The route's name. @default - generated by cdk8s from the construct path */
  readonly name?: string;
  /** The namespace. @default - the chart's namespace; none when the chart has none */
  readonly namespace?: string;
  /** Labels on the HTTPRoute object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the HTTPRoute object. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The Gateways (or listeners of them) the route attaches to, at most 32. */
  readonly parents: readonly HttpRouteParent[];
  /** Host names the route serves, optionally with a leading `*.`, at most 16. @default - every host its listeners accept */
  readonly hostnames?: readonly string[];
  /** The rules, at most 16. */
  readonly rules: readonly HttpRouteRule[];
  /**
   * `create`: the route makes a ReferenceGrant in each other namespace its backends live in.
   * `require`: it does not, and warns when the app has none that lets it refer there.
   * @default 'require'
   */
  readonly referenceGrants?: ReferenceGrantMode;
}

interface ResolvedBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
  readonly weight?: number;
  readonly where: string;
  readonly construct?: SelectingService;
}

const hasReplacePrefix = (f: HttpRouteFilter) =>
  (f.type === 'RequestRedirect' || f.type === 'URLRewrite') && f.path !== undefined && 'replacePrefixMatch' in f.path;

/**
 * An HTTPRoute (gateway.networking.k8s.io/v1): HTTP requests a Gateway's listeners receive,
 * matched by path, headers, query parameters and method, filtered, and sent to Services by
 * weight, which makes canary splits a matter of two backends.
 *
 * Checks ({@link HTTP_ROUTE_RULES}) mirror the CRD's schema and CEL rules, hold backends to
 * the ports of this library's Service constructs, and warn where the API server accepts a
 * route that will not work: a port the app's Service of that name lacks, a backend in another
 * namespace without a ReferenceGrant, hostnames or a namespace its Gateway does not accept.
 */
export class HttpRoute extends Construct {
  /** The route's name as rendered. */
  public readonly name: string;
  /** The namespace as rendered; undefined when neither the props nor the chart set one. */
  public readonly namespace?: string;
  /** The generated L1 object, for escape hatches. */
  public readonly resource: HttpRouteResource;
  /** The ReferenceGrants the route made (`referenceGrants: 'create'`), one per other backend namespace. */
  public readonly referenceGrants: readonly ReferenceGrant[];
  private readonly problems: Problems;
  private readonly backends: ResolvedBackend[] = [];

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    const rules = HTTP_ROUTE_RULES;
    this.problems = new Problems(this, 'HttpRoute');
    this.namespace = resolveNamespace(this, props.namespace);
    this.problems.namespace(this.namespace);
    this.problems.labels('labels', props.labels ?? {});
    this.problems.annotations('annotations', props.annotations ?? {});
    const parents = props.parents ?? [];
    const hostnames = props.hostnames ?? [];
    const routeRules = props.rules ?? [];
    this.count('parents', parents.length, 32);
    this.count('hostnames', hostnames.length, 16);
    this.count('rules', routeRules.length, 16);
    hostnames.forEach((h, i) => {
      this.problems.check(rules.hostname, `hostnames[${i}]`, h, hostname(h));
      this.problems.check(rules.hostnameIp, `hostnames[${i}]`, h, ipHostname(h));
    });
    this.checkParents(parents, hostnames);

    const spec = {
      parentRefs: parents.map((p) => this.renderParent(p)),
      hostnames: hostnames.length > 0 ? [...hostnames] : undefined,
      rules: routeRules.map((r, i) => this.renderRule(r, `rules[${i}]`)),
    };
    this.resource = new HttpRouteResource(this, 'Resource', {
      metadata: objectMeta({ ...props, namespace: this.namespace }),
      spec,
    });
    this.name = this.resource.name;
    this.problems.name(this.name, props.name === undefined, (v) => objectName(v));
    this.referenceGrants = props.referenceGrants === 'create' ? this.createGrants() : [];
    Warnings._defer(this, () => this.checkAppReferences(props.referenceGrants ?? 'require'));
    ObjectRegistry.of(this);
  }

  private count(field: string, count: number, max: number): void {
    if (count > max) {
      this.problems.record(HTTP_ROUTE_RULES.counts, `${field} has ${count} entries; at most ${max} are allowed`);
    }
  }

  private checkParents(parents: readonly HttpRouteParent[], hostnames: readonly string[]): void {
    const rules = HTTP_ROUTE_RULES;
    const seen = new Map<string, (string | undefined)[]>();
    parents.forEach((p, i) => {
      const where = `parents[${i}]`;
      if (p.sectionName !== undefined) {
        this.problems.check(rules.parentRef, `${where}.sectionName`, p.sectionName, objectName(p.sectionName));
      }
      const key = `${p.gateway.namespace ?? this.namespace ?? ''}/${p.gateway.name}`;
      const sections = seen.get(key) ?? [];
      if (sections.length > 0 && (p.sectionName === undefined || sections.includes(undefined))) {
        this.problems.record(
          rules.parentRef,
          `${where} refers to Gateway "${p.gateway.name}" again: each reference to one Gateway needs its own sectionName`,
        );
      } else if (p.sectionName !== undefined && sections.includes(p.sectionName)) {
        this.problems.check(rules.parentRef, `${where}.sectionName`, p.sectionName, 'repeats another parent reference');
      }
      seen.set(key, [...sections, p.sectionName]);
      const listeners = p.gateway.listeners;
      if (listeners === undefined) {
        return;
      }
      const gatewayName = describe(p.gateway as unknown as Construct, 'Gateway');
      const candidates = p.sectionName === undefined ? listeners : listeners.filter((l) => l.name === p.sectionName);
      if (candidates.length === 0) {
        this.problems.check(
          rules.parentListener,
          `${where}.sectionName`,
          p.sectionName,
          `is not a listener of ${gatewayName}, which has ${listeners.map((l) => JSON.stringify(l.name)).join(', ')}`,
        );
        return;
      }
      const allowed = candidates.filter((l) => this.allowedBy(l, p.gateway.namespace));
      if (allowed.length === 0) {
        this.problems.record(
          rules.parentNotAllowed,
          `${where}: no listener of ${gatewayName} in namespace ${JSON.stringify(p.gateway.namespace)} allows routes from namespace ${JSON.stringify(this.namespace)}; set its routeNamespaces`,
        );
        return;
      }
      if (hostnames.length > 0) {
        const hosts = allowed.map((l) => l.hostname);
        if (!hosts.some((lh) => lh === undefined || hostnames.some((h) => hostnamesIntersect(h, lh)))) {
          this.problems.check(
            rules.hostnameNoListener,
            'hostnames',
            hostnames,
            `match no listener of ${gatewayName}${p.sectionName === undefined ? '' : ` "${p.sectionName}"`}, whose hostnames are ${hosts.map((h) => JSON.stringify(h)).join(', ')}`,
          );
        }
      }
    });
  }

  /** Whether `listener` lets this route attach; a namespace nothing tells (Selector) counts as allowed. */
  private allowedBy(listener: ResolvedListener, gatewayNamespace: string | undefined): boolean {
    return (
      listener.routeNamespaces.from !== 'Same' ||
      gatewayNamespace === undefined ||
      this.namespace === undefined ||
      gatewayNamespace === this.namespace
    );
  }

  private renderParent(p: HttpRouteParent): HttpRouteSpecParentRefs {
    const namespace = p.gateway.namespace !== this.namespace ? p.gateway.namespace : undefined;
    if (p.gateway instanceof Construct) {
      this.node.addDependency(p.gateway);
    }
    return { name: p.gateway.name, namespace, sectionName: p.sectionName };
  }

  private renderRule(rule: HttpRouteRule, where: string): HttpRouteSpecRules {
    const rules = HTTP_ROUTE_RULES;
    const matches = rule.matches ?? [];
    const filters = rule.filters ?? [];
    const backends = rule.backends ?? [];
    this.count(`${where}.matches`, matches.length, 8);
    this.count(`${where}.filters`, filters.length, 16);
    this.count(`${where}.backends`, backends.length, 16);
    const types = filters.map((f) => f.type);
    new Set(types).forEach((t) => {
      if (types.filter((x) => x === t).length > 1) {
        this.problems.record(rules.filterCombination, `${where}.filters use ${t} more than once`);
      }
    });
    if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
      this.problems.record(rules.filterCombination, `${where}.filters combine RequestRedirect and URLRewrite`);
    }
    if (types.includes('RequestRedirect') && backends.length > 0) {
      this.problems.record(
        rules.filterCombination,
        `${where} has a RequestRedirect filter and backends: a redirect answers the request itself, so remove the backends`,
      );
    }
    if (filters.some(hasReplacePrefix)) {
      const only = matches.length === 1 ? matches[0].path : undefined;
      if (only === undefined || (only.type ?? 'PathPrefix') !== 'PathPrefix') {
        this.problems.record(
          rules.replacePrefix,
          `${where} replaces a prefix match, so it needs exactly one match, with a PathPrefix path`,
        );
      }
    }
    return {
      matches:
        rule.matches === undefined ? undefined : matches.map((m, i) => this.renderMatch(m, `${where}.matches[${i}]`)),
      filters:
        rule.filters === undefined ? undefined : filters.map((f, i) => this.renderFilter(f, `${where}.filters[${i}]`)),
      backendRefs:
        rule.backends === undefined
          ? undefined
          : backends.map((b, i) => this.renderBackend(b, `${where}.backends[${i}]`)),
    };
  }

  private renderMatch(m: HttpRouteMatch, where: string): HttpRouteSpecRulesMatches {
    const rules = HTTP_ROUTE_RULES;
    if (m.path !== undefined) {
      this.problems.check(rules.path, `${where}.path.value`, m.path.value, pathMatch(m.path.value));
    }
    for (const field of ['headers', 'queryParams'] as const) {
      const names = new Set<string>();
      (m[field] ?? []).forEach((h, i) => {
        this.problems.check(rules.matchName, `${where}.${field}[${i}].name`, h.name, httpHeaderName(h.name));
        if (names.has(h.name)) {
          this.problems.check(rules.matchName, `${where}.${field}[${i}].name`, h.name, 'is matched twice');
        }
        names.add(h.name);
      });
    }
    return {
      path: m.path && {
        type: (m.path.type ?? 'PathPrefix') as HttpRouteSpecRulesMatchesPathType,
        value: m.path.value,
      },
      headers: m.headers?.map((h) => ({ name: h.name, value: h.value })),
      queryParams: m.queryParams?.map((q) => ({ name: q.name, value: q.value })),
      method: m.method as HttpRouteSpecRulesMatchesMethod | undefined,
    };
  }

  private renderFilter(f: HttpRouteFilter, where: string): HttpRouteSpecRulesFilters {
    const rules = HTTP_ROUTE_RULES;
    const type = f.type as HttpRouteSpecRulesFiltersType;
    // The importer generated one path type enum per filter, each with the same two values.
    const path = <T>(p: HttpPathModifier | undefined, types: { readonly full: T; readonly prefix: T }) => {
      if (p === undefined) {
        return undefined;
      }
      const full = 'replaceFullPath' in p;
      const value = full ? p.replaceFullPath : p.replacePrefixMatch;
      this.problems.check(rules.filterValue, `${where}.path`, value, pathModifier(value));
      return full ? { type: types.full, replaceFullPath: value } : { type: types.prefix, replacePrefixMatch: value };
    };
    if (f.type !== 'RequestHeaderModifier' && f.hostname !== undefined) {
      this.problems.check(rules.filterValue, `${where}.hostname`, f.hostname, preciseHostname(f.hostname));
    }
    switch (f.type) {
      case 'RequestHeaderModifier': {
        const headers = (field: string, values: Readonly<Record<string, string>> | undefined) => {
          if (values === undefined) {
            return undefined;
          }
          this.count(`${where}.${field}`, Object.keys(values).length, 16);
          Object.keys(values).forEach((name) =>
            this.problems.check(rules.filterValue, `${where}.${field} key`, name, httpHeaderName(name)),
          );
          return Object.entries(values).map(([name, value]) => ({ name, value }));
        };
        const remove = f.remove;
        if (remove !== undefined) {
          this.count(`${where}.remove`, remove.length, 16);
          remove.forEach((name, i) => {
            this.problems.check(rules.filterValue, `${where}.remove[${i}]`, name, httpHeaderName(name));
            if (remove.indexOf(name) !== i) {
              this.problems.check(rules.filterValue, `${where}.remove[${i}]`, name, 'is listed twice');
            }
          });
        }
        return {
          type,
          requestHeaderModifier: {
            set: headers('set', f.set),
            add: headers('add', f.add),
            remove: remove && [...remove],
          },
        };
      }
      case 'RequestRedirect':
        if (f.port !== undefined) {
          this.problems.check(rules.filterValue, `${where}.port`, f.port, portNumber(f.port));
        }
        return {
          type,
          requestRedirect: {
            scheme: f.scheme as HttpRouteSpecRulesFiltersRequestRedirectScheme | undefined,
            hostname: f.hostname,
            port: f.port,
            statusCode: f.statusCode as HttpRouteSpecRulesFiltersRequestRedirectStatusCode | undefined,
            path: path(f.path, {
              full: HttpRouteSpecRulesFiltersRequestRedirectPathType.REPLACE_FULL_PATH,
              prefix: HttpRouteSpecRulesFiltersRequestRedirectPathType.REPLACE_PREFIX_MATCH,
            }),
          },
        };
      case 'URLRewrite':
        return {
          type,
          urlRewrite: {
            hostname: f.hostname,
            path: path(f.path, {
              full: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_FULL_PATH,
              prefix: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH,
            }),
          },
        };
    }
  }

  private renderBackend(b: HttpBackend, where: string): HttpRouteSpecRulesBackendRefs {
    const rules = HTTP_ROUTE_RULES;
    const construct = b.service instanceof SelectingService ? b.service : undefined;
    const namespace = b.service.namespace ?? (construct === undefined ? this.namespace : undefined);
    let port = b.port;
    if (construct !== undefined) {
      this.node.addDependency(construct);
      const subject = describe(construct, construct.constructor.name);
      const offered = formatPorts(construct.ports.map((p) => ({ number: p.port, name: p.name })));
      if (port === undefined && construct.ports.length === 1) {
        port = construct.ports[0].port;
      } else if (port === undefined) {
        this.problems.record(
          rules.backendPortRequired,
          `${where}.port is required: ${subject} has several ports (${offered})`,
        );
      } else if (!construct.ports.some((p) => p.port === port)) {
        this.problems.check(
          rules.backendPort,
          `${where}.port`,
          port,
          `is not a port of ${subject}, which has ${offered}`,
        );
      }
    } else if (port === undefined) {
      this.problems.record(
        rules.backendPortRequired,
        `${where}.port is required for Service "${b.service.name}", given by name`,
      );
    }
    if (port !== undefined) {
      this.problems.check(rules.backendPortNumber, `${where}.port`, port, portNumber(port));
    }
    if (b.weight !== undefined && !(Number.isInteger(b.weight) && b.weight >= 0 && b.weight <= 1_000_000)) {
      this.problems.check(rules.backendWeight, `${where}.weight`, b.weight, 'must be an integer from 0 to 1000000');
    }
    this.backends.push({ name: b.service.name, namespace, port, weight: b.weight, where, construct });
    return {
      name: b.service.name,
      namespace: namespace !== this.namespace ? namespace : undefined,
      port,
      weight: b.weight,
    };
  }

  private otherNamespaceBackends(): ResolvedBackend[] {
    return this.backends.filter(
      (b) => b.namespace !== undefined && this.namespace !== undefined && b.namespace !== this.namespace,
    );
  }

  private createGrants(): ReferenceGrant[] {
    const byNamespace = new Map<string, Set<string>>();
    for (const b of this.otherNamespaceBackends()) {
      byNamespace.set(b.namespace!, (byNamespace.get(b.namespace!) ?? new Set()).add(b.name));
    }
    return [...byNamespace].map(
      ([namespace, names]) =>
        new ReferenceGrant(this, `Grant-${namespace}`, {
          namespace,
          from: [{ kind: 'HTTPRoute', namespace: this.namespace! }],
          to: [...names].sort().map((name) => ({ kind: 'Service' as const, name })),
        }),
    );
  }

  /** The checks that need the whole app: ReferenceGrants and Services known only by name. */
  private checkAppReferences(mode: ReferenceGrantMode): void {
    const rules = HTTP_ROUTE_RULES;
    const all = this.node.root.node.findAll();
    if (mode === 'require') {
      const grants = all.filter((c): c is ReferenceGrant => c instanceof ReferenceGrant);
      for (const b of this.otherNamespaceBackends()) {
        const granted = grants.some(
          (g) => g.namespace === b.namespace && g.permits('HTTPRoute', this.namespace!, 'Service', b.name),
        );
        if (!granted) {
          this.problems.record(
            rules.crossNamespace,
            `${b.where} is Service "${b.name}" in namespace "${b.namespace}", but no ReferenceGrant of this app lets HTTPRoutes of "${this.namespace}" refer to it; add one, or set referenceGrants: 'create'`,
          );
        }
      }
    }
    for (const b of this.backends) {
      if (b.construct !== undefined || b.port === undefined) {
        continue;
      }
      const named = all.find(
        (c): c is SelectingService =>
          c instanceof ServiceBase && c instanceof SelectingService && c.name === b.name && c.namespace === b.namespace,
      );
      if (named !== undefined && !named.ports.some((p) => p.port === b.port)) {
        const offered = formatPorts(named.ports.map((p) => ({ number: p.port, name: p.name })));
        this.problems.check(
          rules.backendPortUnknown,
          `${b.where}.port`,
          b.port,
          `is not a port of ${describe(named, named.constructor.name)}, the app's Service named "${b.name}", which has ${offered}`,
        );
      }
    }
  }
}
