import {
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersRequestRedirectPathType,
  HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesFiltersUrlRewritePathType,
} from '../../imports/gateway.networking.k8s.io';
import { Problems } from '../validation/problems';
import { HTTP_ROUTE_RULES } from './http-route.rules';
import { httpHeaderName, pathModifier, portNumber, preciseHostname } from './values';

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

/** A filter of a routing rule: the core filters of the Gateway API. */
export type HttpRouteFilter = RequestHeaderModifierFilter | RequestRedirectFilter | UrlRewriteFilter;

/** The most headers one RequestHeaderModifier sets, adds or removes, and filters one routing rule has. */
const MAX_HEADERS = 16;

/** Whether a filter replaces the part of the path a PathPrefix match matched. */
export const replacesPrefix = (f: HttpRouteFilter): boolean =>
  (f.type === 'RequestRedirect' || f.type === 'URLRewrite') && f.path !== undefined && 'replacePrefixMatch' in f.path;

/**
 * Checks the combination of a routing rule's filters, as the CRD's CEL rules do: each type
 * once, not RequestRedirect with URLRewrite, and no RequestRedirect in a rule with backends.
 */
export function checkFilterCombination(
  problems: Problems,
  where: string,
  filters: readonly HttpRouteFilter[],
  hasBackends: boolean,
): void {
  const rules = HTTP_ROUTE_RULES;
  const types = filters.map((f) => f.type);
  new Set(types).forEach((t) => {
    if (types.filter((x) => x === t).length > 1) {
      problems.record(rules.filterCombination, `${where}.filters use ${t} more than once`);
    }
  });
  if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
    problems.record(rules.filterCombination, `${where}.filters combine RequestRedirect and URLRewrite`);
  }
  if (types.includes('RequestRedirect') && hasBackends) {
    problems.record(
      rules.filterCombination,
      `${where} has a RequestRedirect filter and backends: a redirect answers the request itself, so remove the backends`,
    );
  }
}

/** Checks the values of one filter against the CRD's schema: host names, ports, header names, paths, counts. */
export function checkFilter(problems: Problems, f: HttpRouteFilter, where: string): void {
  const rules = HTTP_ROUTE_RULES;
  const count = (field: string, entries: number) => {
    if (entries > MAX_HEADERS) {
      problems.record(rules.counts, `${where}.${field} has ${entries} entries; at most ${MAX_HEADERS} are allowed`);
    }
  };
  const checkPath = (path: HttpPathModifier | undefined) => {
    if (path !== undefined) {
      const value = 'replaceFullPath' in path ? path.replaceFullPath : path.replacePrefixMatch;
      problems.check(rules.filterValue, `${where}.path`, value, pathModifier(value));
    }
  };
  if (f.type !== 'RequestHeaderModifier' && f.hostname !== undefined) {
    problems.check(rules.filterValue, `${where}.hostname`, f.hostname, preciseHostname(f.hostname));
  }
  switch (f.type) {
    case 'RequestHeaderModifier':
      if (f.remove !== undefined) {
        const remove = f.remove;
        count('remove', remove.length);
        // The CRD gives the names to remove no pattern, only set semantics (x-kubernetes-list-type).
        remove.forEach((name, i) => {
          if (remove.indexOf(name) !== i) {
            problems.check(rules.filterValue, `${where}.remove[${i}]`, name, 'is listed twice');
          }
        });
      }
      for (const field of ['set', 'add'] as const) {
        const values = f[field];
        if (values !== undefined) {
          count(field, Object.keys(values).length);
          Object.keys(values).forEach((name) =>
            problems.check(rules.filterValue, `${where}.${field} key`, name, httpHeaderName(name)),
          );
        }
      }
      return;
    case 'RequestRedirect':
      if (f.port !== undefined) {
        problems.check(rules.filterValue, `${where}.port`, f.port, portNumber(f.port));
      }
      checkPath(f.path);
      return;
    case 'URLRewrite':
      checkPath(f.path);
      return;
  }
}

/** A path modifier as the CRD spells it; the importer generated one path type enum per filter, each with the same two values. */
function renderPath<T>(p: HttpPathModifier | undefined, types: { readonly full: T; readonly prefix: T }) {
  if (p === undefined) {
    return undefined;
  }
  return 'replaceFullPath' in p
    ? { type: types.full, replaceFullPath: p.replaceFullPath }
    : { type: types.prefix, replacePrefixMatch: p.replacePrefixMatch };
}

const headers = (values: Readonly<Record<string, string>> | undefined) =>
  values && Object.entries(values).map(([name, value]) => ({ name, value }));

/** One filter as the HTTPRoute's spec holds it. */
export function renderFilter(f: HttpRouteFilter): HttpRouteSpecRulesFilters {
  const type = f.type as HttpRouteSpecRulesFiltersType;
  switch (f.type) {
    case 'RequestHeaderModifier':
      return {
        type,
        requestHeaderModifier: { set: headers(f.set), add: headers(f.add), remove: f.remove && [...f.remove] },
      };
    case 'RequestRedirect':
      return {
        type,
        requestRedirect: {
          scheme: f.scheme as HttpRouteSpecRulesFiltersRequestRedirectScheme | undefined,
          hostname: f.hostname,
          port: f.port,
          statusCode: f.statusCode as HttpRouteSpecRulesFiltersRequestRedirectStatusCode | undefined,
          path: renderPath(f.path, {
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
          path: renderPath(f.path, {
            full: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_FULL_PATH,
            prefix: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH,
          }),
        },
      };
  }
}
