/**
 * Checks requests a client really sent against a subset of the vendor's OpenAPI spec: the
 * method and path template exist, every query parameter is documented for that operation, and
 * every body key (at any depth the subset describes) is documented. Generic: each CRM has its
 * own `<crm>-subset.json` in this folder (see README.md for how the subsets are cut).
 *
 * Stable API (used by several providers' contract tests):
 *   loadSubset(fileOrJson)                 → ApiSubset
 *   findOperation(subset, method, path)    → OperationMatch | undefined
 *   checkRequest(subset, request)          → string[]  (problems; empty when documented)
 *   checkRequests(subset, requests)        → RequestProblem[]
 *   assertRequestsDocumented(subset, reqs) → throws one Error listing every problem
 */
import { readFileSync } from 'node:fs';

/** A JSON-Schema subset: enough to say which keys a body may carry. */
export interface BodySchema {
  type?: string | string[];
  properties?: Record<string, BodySchema>;
  /** Regex source → schema; for keys the vendor documents in prose (Close's `custom.cf_…`). */
  patternProperties?: Record<string, BodySchema>;
  /** `true` or a schema: any other key is allowed. Absent/false: other keys are problems. */
  additionalProperties?: boolean | BodySchema;
  items?: BodySchema;
  /** A body matching any branch is accepted (keys are checked against the union of branches). */
  anyOf?: BodySchema[];
  oneOf?: BodySchema[];
  /** Why a hand-made part exists (e.g. "documented in prose, not in the schema"). */
  $comment?: string;
}

export interface SubsetOperation {
  method: string;
  /** Path template relative to the subset's basePath, exactly as the spec writes it: `/opportunity/{id}/`. */
  path: string;
  operationId?: string;
  /** Documented query parameter names. */
  query: string[];
  /** Regex sources for query names documented in prose (e.g. `^date_created__(lt|gt|lte|gte)$`). */
  queryPatterns?: string[];
  /** Absent: the operation documents no request body, so sending one is a problem. */
  body?: BodySchema;
  note?: string;
}

export interface ApiSubset {
  title: string;
  /** Where the subset was cut from (file, commit). */
  source: string;
  /** Path prefix of the API on the server, stripped from request paths before matching: `/api/v1`. */
  basePath: string;
  operations: SubsetOperation[];
}

/** One request as a fake server recorded it. Query may also be embedded in `path` after `?`. */
export interface RequestToCheck {
  method: string;
  path: string;
  query?: Record<string, string | string[] | undefined> | URLSearchParams | string;
  /** Parsed JSON, or the raw JSON text. Undefined or '' when there was none. */
  body?: unknown;
}

export interface OperationMatch {
  operation: SubsetOperation;
  /** Path parameters by name: `{id: 'oppo_…'}`. */
  params: Record<string, string>;
}

export interface RequestProblem {
  /** `PUT /api/v1/opportunity/oppo_1/` */
  request: string;
  problem: string;
}

/** Reads a subset from a JSON file path, or parses it when given the JSON text or object itself. */
export function loadSubset(source: string | ApiSubset): ApiSubset {
  const value: unknown =
    typeof source === 'string' ? JSON.parse(source.trimStart().startsWith('{') ? source : readFileSync(source, 'utf8')) : source;
  const subset = value as ApiSubset;
  if (!subset || typeof subset !== 'object' || !Array.isArray(subset.operations) || typeof subset.basePath !== 'string') {
    throw new Error('not an API subset: expected {title, source, basePath, operations[]}');
  }
  return subset;
}

/** The operation a method and path belong to; literal segments win over `{param}` segments. */
export function findOperation(subset: ApiSubset, method: string, path: string): OperationMatch | undefined {
  const relative = stripBase(subset.basePath, splitPath(path).path);
  if (relative === undefined) return undefined;
  const wanted = method.toUpperCase();
  let best: { match: OperationMatch; literals: number } | undefined;
  for (const operation of subset.operations) {
    if (operation.method.toUpperCase() !== wanted) continue;
    const match = matchTemplate(operation.path, relative);
    if (!match) continue;
    if (!best || match.literals > best.literals) best = { match: { operation, params: match.params }, literals: match.literals };
  }
  return best?.match;
}

/** Every way the request departs from the subset; empty when it is fully documented. */
export function checkRequest(subset: ApiSubset, request: RequestToCheck): string[] {
  const { path, query: embedded } = splitPath(request.path);
  const relative = stripBase(subset.basePath, path);
  if (relative === undefined) return [`path ${path} is outside the API base ${subset.basePath}`];
  const match = findOperation(subset, request.method, path);
  if (!match) return [`${request.method.toUpperCase()} ${relative} is not an operation of the spec`];
  const problems: string[] = [];
  const { operation } = match;
  const patterns = (operation.queryPatterns ?? []).map((p) => new RegExp(p));
  for (const name of new Set([...queryNames(embedded), ...queryNames(request.query)])) {
    if (operation.query.includes(name) || patterns.some((p) => p.test(name))) continue;
    problems.push(`query parameter "${name}" is not documented for ${operation.method} ${operation.path}`);
  }
  const body = parseBody(request.body);
  if (body.invalid) problems.push(`the body is not JSON`);
  else if (body.value !== undefined) {
    if (!operation.body) problems.push(`${operation.method} ${operation.path} documents no request body`);
    else checkValue(operation.body, body.value, '', problems);
  }
  return problems;
}

export function checkRequests(subset: ApiSubset, requests: Iterable<RequestToCheck>): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const request of requests) {
    const name = `${request.method.toUpperCase()} ${request.path}`;
    for (const problem of checkRequest(subset, request)) problems.push({ request: name, problem });
  }
  return problems;
}

/** Throws one error listing every undocumented request (deduplicated), or returns quietly. */
export function assertRequestsDocumented(subset: ApiSubset, requests: Iterable<RequestToCheck>): void {
  const lines = [...new Set(checkRequests(subset, requests).map((p) => `${p.request}: ${p.problem}`))];
  if (lines.length) throw new Error(`requests not documented by ${subset.title}:\n  ${lines.join('\n  ')}`);
}

function checkValue(schema: BodySchema, value: unknown, at: string, problems: string[]): void {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    // Accept the value when any branch accepts it; else report the branch with the fewest problems.
    let fewest: string[] | undefined;
    for (const branch of branches) {
      const found: string[] = [];
      checkValue({ ...schema, anyOf: undefined, oneOf: undefined, ...branch }, value, at, found);
      if (!found.length) return;
      if (!fewest || found.length < fewest.length) fewest = found;
    }
    problems.push(...(fewest ?? []));
    return;
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => checkValue(schema.items!, item, `${at}[${i}]`, problems));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const hasKeys = schema.properties || schema.patternProperties || schema.additionalProperties !== undefined;
  if (!hasKeys) {
    problems.push(`${at || 'the body'} is an object but the spec documents none of its keys`);
    return;
  }
  const patterns = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [new RegExp(p), s] as const);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const where = at ? `${at}.${key}` : key;
    const known = schema.properties?.[key] ?? patterns.find(([p]) => p.test(key))?.[1];
    if (known) {
      checkValue(known, child, where, problems);
      continue;
    }
    const extra = schema.additionalProperties;
    if (extra === true) continue;
    if (extra && typeof extra === 'object') {
      checkValue(extra, child, where, problems);
      continue;
    }
    problems.push(`body key "${where}" is not documented`);
  }
}

function parseBody(body: unknown): { value?: unknown; invalid?: boolean } {
  if (body === undefined || body === '' || body === null) return {};
  if (typeof body !== 'string') return { value: body };
  try {
    return { value: JSON.parse(body) };
  } catch {
    return { invalid: true };
  }
}

function queryNames(query: RequestToCheck['query']): string[] {
  if (query === undefined) return [];
  if (typeof query === 'string') return [...new URLSearchParams(query.replace(/^\?/, '')).keys()];
  if (query instanceof URLSearchParams) return [...query.keys()];
  return Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

function splitPath(path: string): { path: string; query: string } {
  const at = path.indexOf('?');
  return at < 0 ? { path, query: '' } : { path: path.slice(0, at), query: path.slice(at + 1) };
}

function stripBase(basePath: string, path: string): string | undefined {
  const base = basePath.replace(/\/+$/, '');
  if (!base) return path;
  if (path === base) return '/';
  return path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
}

function matchTemplate(template: string, path: string): { params: Record<string, string>; literals: number } | undefined {
  // Exact segments, trailing slash included: `/opportunity/x` does not match `/opportunity/{id}/`.
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    const param = /^\{([^}]+)\}$/.exec(w);
    if (param) {
      if (!g) return undefined;
      params[param[1]!] = decodeURIComponent(g);
    } else if (w === g) literals++;
    else return undefined;
  }
  return { params, literals };
}
