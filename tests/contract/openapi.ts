/**
 * Contract checks against Asana's own OpenAPI extracts (tests/fixtures/asana/time-tracking.openapi.yaml
 * and approvals-budgets.openapi.yaml, the same commit of Asana's spec, merged: the components they
 * share must be identical, else loading fails).
 *
 * Responses: loads the YAML, converts its OpenAPI 3.0 schemas to JSON Schema for ajv (nullable → type
 * unions, `nullable` members of allOf → the whole allOf may be null, `#/components/...` refs kept
 * as refs; readOnly/example/x-* are annotations, `strict: false`), then validates a response —
 * method, path (template matched), status, JSON body — against the operation's declared response
 * schema. A status an operation does not declare is accepted only for errors (4xx/5xx, validated
 * as ErrorResponse: Asana sends 402/429/502/503 on any operation); an undeclared success status
 * is a contract failure, as is a 2xx on a path the contract does not know.
 *
 * Requests (`validateRequest`): the operation exists, every query parameter is one it declares
 * (or `opt_fields`/`opt_pretty`, which Asana takes on any method) and has a valid value (each
 * opt_fields item must be in the operation's enum), and the body is what the operation's
 * requestBody describes, with no `data` field it does not declare. Two documented allowances
 * (REQUEST_ALLOWANCES), both relied on by the extension, honoured by the sandbox (README, "List
 * opt_fields") and to be verified live (FACTS.md §4, §13.6): the entry lists may ask for any
 * opt_field of the single-entry operation (approval_status, task.name, …), and typeahead for any
 * of the task's (projects.name, parent.name…; its own enum has only `name`).
 *
 * Documented deviations from the extracts (KNOWN_GAPS below), each where the spec's own prose says
 * null but its schema omits `nullable`:
 * - `attributable_to` of an entry may be null. Asana returns null for unset references (as for
 *   assignee/parent), and an entry on a task in no project, or in several with none chosen, has no
 *   attribution.
 * - A budget's `estimate.value`/`estimate.units` ("When disabled … both value and units will be
 *   null") and `total.value`/`total.units` ("When enabled is false, both value and units will be null").
 */
import { readFileSync } from 'node:fs';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// Both are CommonJS with a `default` property; depending on the loader's interop the import is
// either the function itself or the module object holding it.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule;
type Ajv = InstanceType<typeof AjvModule>;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Json = unknown;
type SchemaObject = Record<string, unknown>;

const SPEC_URLS = [
  new URL('../fixtures/asana/time-tracking.openapi.yaml', import.meta.url),
  new URL('../fixtures/asana/approvals-budgets.openapi.yaml', import.meta.url),
];
const SPEC_ID = 'asana-openapi.json';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

const nullable = (node: SchemaObject) => {
  node.nullable = true;
};

/** Patches applied to the merged spec before conversion (see the header comment). */
const KNOWN_GAPS: Array<{ path: string[]; why: string; apply: (node: SchemaObject) => void }> = [
  {
    path: ['components', 'schemas', 'TimeTrackingEntryCompact', 'properties', 'attributable_to'],
    why: 'an entry without attribution has attributable_to: null',
    apply: nullable,
  },
  ...(['units', 'value'] as const).map((field) => ({
    path: ['components', 'schemas', 'BudgetEstimateResponse', 'allOf', '1', 'properties', field],
    why: `a disabled estimate has ${field}: null`,
    apply: nullable,
  })),
  {
    path: ['components', 'schemas', 'BudgetTotalResponse', 'allOf', '1', 'properties', 'units'],
    why: 'a disabled total has units: null',
    apply: nullable,
  },
  {
    // The response's value is the request schema's (BudgetTotalResponse = allOf [BudgetTotalRequest, …]).
    path: ['components', 'schemas', 'BudgetTotalRequest', 'properties', 'value'],
    why: 'a disabled total has value: null',
    apply: nullable,
  },
];

interface Spec {
  paths: Record<string, Record<string, SchemaObject>>;
  components: { schemas: Record<string, SchemaObject>; responses: Record<string, SchemaObject>; parameters: Record<string, SchemaObject> };
}

export interface Operation {
  method: string;
  /** Path template relative to /api/1.0, e.g. `/tasks/{task_gid}`. */
  template: string;
  operationId: string;
}

export interface ContractResult {
  ok: boolean;
  operation: Operation | null;
  /** False when the status is not among the operation's declared responses. */
  declared: boolean;
  errors: string[];
}

let loaded: { spec: Spec; ajv: Ajv; ops: Operation[] } | null = null;
const validators = new Map<string, ValidateFunction>();

function isObject(v: unknown): v is SchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** OpenAPI 3.0 schema → JSON Schema (draft-07 flavour understood by ajv). */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    // OpenAPI 3.0 ignores siblings of $ref; so do we.
    return { $ref: node.$ref.startsWith('#/') ? `${SPEC_ID}${node.$ref}` : node.$ref };
  }
  const out: SchemaObject = {};
  let nullable = node.nullable === true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'discriminator' || key === 'xml' || key.startsWith('x-')) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key === 'allOf' && Array.isArray(value)) {
      // A `nullable: true` member makes the whole composition nullable (OpenAPI 3.0 idiom).
      if (value.some((m) => isObject(m) && m.nullable === true)) nullable = true;
      out.allOf = value.map((m) => toJsonSchema(isObject(m) ? { ...m, nullable: false } : m));
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map(toJsonSchema);
    } else if ((key === 'items' || key === 'not' || key === 'additionalProperties') && isObject(value)) {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (!nullable) return out;
  if (typeof out.type === 'string' && !out.allOf && !out.anyOf && !out.oneOf) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  const { description, readOnly, ...rest } = out;
  return { anyOf: [{ type: 'null' }, rest], ...(description === undefined ? {} : { description }), ...(readOnly === undefined ? {} : { readOnly }) };
}

/** Both extracts as one spec: paths and components side by side; a shared component must be identical. */
function mergedSpec(): Spec {
  const merged: Spec = { paths: {}, components: { schemas: {}, responses: {}, parameters: {} } };
  for (const url of SPEC_URLS) {
    const spec = parse(readFileSync(url, 'utf8')) as Spec;
    for (const [template, item] of Object.entries(spec.paths)) {
      if (merged.paths[template]) throw new Error(`contract: ${template} is in two extracts`);
      merged.paths[template] = item;
    }
    for (const kind of ['schemas', 'responses', 'parameters'] as const) {
      for (const [name, value] of Object.entries(spec.components[kind] ?? {})) {
        const had = merged.components[kind][name];
        if (had && JSON.stringify(had) !== JSON.stringify(value)) throw new Error(`contract: components.${kind}.${name} differs between the extracts`);
        merged.components[kind][name] = value;
      }
    }
  }
  return merged;
}

function load() {
  if (loaded) return loaded;
  const spec = mergedSpec();
  for (const gap of KNOWN_GAPS) {
    let node: unknown = spec;
    for (const key of gap.path) node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (!isObject(node)) throw new Error(`contract: known gap no longer applies (${gap.path.join('.')}: ${gap.why})`);
    gap.apply(node);
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemas = Object.fromEntries(Object.entries(spec.components.schemas).map(([k, v]) => [k, toJsonSchema(v)]));
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) ops.push({ method: method.toUpperCase(), template, operationId: String(op.operationId) });
    }
  }
  loaded = { spec, ajv, ops };
  return loaded;
}

/** Every operation of the contract. */
export function operations(): Operation[] {
  return [...load().ops];
}

/** `https://host/api/1.0/tasks/1?x` or `/api/1.0/tasks/1` or `/tasks/1` → `/tasks/1`. */
export function apiPath(pathOrUrl: string): string {
  let path = pathOrUrl;
  if (/^https?:\/\//.test(path)) path = new URL(path).pathname;
  path = path.split('?')[0] ?? '';
  if (path.startsWith('/api/1.0')) path = path.slice('/api/1.0'.length);
  return path.replace(/\/+$/, '') || '/';
}

/** The operation a method + path belongs to, if the contract has one. */
export function findOperation(method: string, pathOrUrl: string): Operation | null {
  const parts = apiPath(pathOrUrl).split('/').filter(Boolean);
  const m = method.toUpperCase();
  let best: { op: Operation; literal: number } | null = null;
  for (const op of load().ops) {
    if (op.method !== m) continue;
    const segs = op.template.split('/').filter(Boolean);
    if (segs.length !== parts.length) continue;
    let literal = 0;
    const ok = segs.every((s, i) => {
      if (s.startsWith('{')) return (parts[i] ?? '') !== '';
      literal++;
      return s === parts[i];
    });
    if (ok && (!best || literal > best.literal)) best = { op, literal };
  }
  return best?.op ?? null;
}

function compile(key: string, schema: Json): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = load().ajv.compile(toJsonSchema(schema) as SchemaObject);
    validators.set(key, v);
  }
  return v;
}

function responseSchema(op: Operation, status: number): { schema: Json; declared: boolean } | null {
  const { spec } = load();
  const operation = spec.paths[op.template]?.[op.method.toLowerCase()];
  const responses = (operation?.responses ?? {}) as Record<string, SchemaObject>;
  let response = responses[String(status)];
  const declared = response !== undefined;
  if (response && typeof response.$ref === 'string') {
    response = spec.components.responses[response.$ref.split('/').pop() ?? ''];
  }
  if (!response) return null;
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  return schema === undefined ? null : { schema, declared };
}

/** Validates one response against the contract. */
export function validateResponse(method: string, pathOrUrl: string, status: number, body: Json): ContractResult {
  const op = findOperation(method, pathOrUrl);
  const errorSchema = { $ref: '#/components/schemas/ErrorResponse' };
  const fail = (declared: boolean, errors: string[]): ContractResult => ({ ok: errors.length === 0, operation: op, declared, errors });
  let schema: Json;
  let declared = false;
  let key: string;
  if (!op) {
    if (status < 400) return fail(false, [`${method} ${apiPath(pathOrUrl)}: no such operation in the contract (status ${status})`]);
    schema = errorSchema;
    key = 'error';
  } else {
    const found = responseSchema(op, status);
    if (found) {
      schema = found.schema;
      declared = found.declared;
      key = `${op.operationId} ${status}`;
    } else if (status >= 400) {
      schema = errorSchema;
      key = 'error';
    } else {
      return fail(false, [`${op.operationId}: status ${status} is not a declared response`]);
    }
  }
  const validate = compile(key, schema);
  if (validate(body)) return fail(declared, []);
  return fail(declared, (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

/** Throws with a readable message when the response breaks the contract. */
export function assertContract(method: string, pathOrUrl: string, status: number, body: Json): ContractResult {
  const result = validateResponse(method, pathOrUrl, status, body);
  if (!result.ok) {
    const snippet = JSON.stringify(body).slice(0, 600);
    throw new Error(`contract violation: ${method} ${apiPath(pathOrUrl)} → ${status}\n  ${result.errors.join('\n  ')}\n  body: ${snippet}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Operations whose opt_fields may also be those of another operation (see the header). */
const REQUEST_ALLOWANCES: Record<string, string> = {
  getTimeTrackingEntries: 'getTimeTrackingEntry',
  getTimeTrackingEntriesForTask: 'getTimeTrackingEntry',
  getTimeTrackingEntriesForTimeTrackingCategory: 'getTimeTrackingEntry',
  typeaheadForWorkspace: 'getTask',
};

/** The opt_fields enum an operation declares. */
function optFieldsEnum(spec: Spec, operationId: string): string[] {
  for (const item of Object.values(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || op.operationId !== operationId) continue;
      const p = ((op.parameters as SchemaObject[] | undefined) ?? []).map((x) => resolveParameter(spec, x)).find((x) => x.name === 'opt_fields');
      const items = isObject(p?.schema) && isObject(p.schema.items) ? p.schema.items : undefined;
      return Array.isArray(items?.enum) ? (items.enum as string[]) : [];
    }
  }
  return [];
}

/** Options Asana takes on every method (FACTS §1), declared by the spec on some operations only. */
const UNIVERSAL_OPTIONS = new Set(['opt_fields', 'opt_pretty']);

function resolveParameter(spec: Spec, p: SchemaObject): SchemaObject {
  return typeof p.$ref === 'string' ? (spec.components.parameters[p.$ref.split('/').pop() ?? ''] ?? {}) : p;
}

/** The schema's property names, through $refs and allOf. */
function declaredProperties(spec: Spec, schema: unknown, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (!isObject(schema)) return out;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    if (seen.has(name)) return out;
    seen.add(name);
    return declaredProperties(spec, spec.components.schemas[name], seen);
  }
  if (isObject(schema.properties)) for (const k of Object.keys(schema.properties)) out.add(k);
  if (Array.isArray(schema.allOf)) for (const m of schema.allOf) for (const k of declaredProperties(spec, m, seen)) out.add(k);
  return out;
}

/** A query value as the parameter's schema types it (query strings are text on the wire). */
function typedValue(schema: SchemaObject, raw: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/**
 * Checks one request against the contract: the operation, its query parameters and their values,
 * and its JSON body (`undefined` when none was sent). Returns the problems found (none = ok).
 */
export function validateRequest(method: string, pathOrUrl: string, query: string | URLSearchParams, body: unknown): ContractResult {
  const op = findOperation(method, pathOrUrl);
  if (!op) return { ok: false, operation: null, declared: false, errors: [`${method} ${apiPath(pathOrUrl)}: no such operation in the contract`] };
  const { spec } = load();
  const item = spec.paths[op.template] ?? {};
  const operation = item[op.method.toLowerCase()] ?? {};
  const params = [...((item.parameters as SchemaObject[] | undefined) ?? []), ...((operation.parameters as SchemaObject[] | undefined) ?? [])]
    .map((p) => resolveParameter(spec, p));
  const errors: string[] = [];
  const search = typeof query === 'string' ? new URLSearchParams(query) : query;
  for (const p of params) {
    if (p.in === 'query' && p.required === true && !search.has(String(p.name))) errors.push(`query ${String(p.name)}: required but missing`);
  }
  for (const [name, raw] of search) {
    const p = params.find((x) => x.in === 'query' && x.name === name);
    if (!p) {
      if (!UNIVERSAL_OPTIONS.has(name)) errors.push(`query ${name}: not a parameter of ${op.operationId}`);
      continue;
    }
    const schema = (p.schema ?? {}) as SchemaObject;
    const values = schema.type === 'array' ? raw.split(',') : [raw];
    let itemSchema = (schema.type === 'array' ? schema.items : schema) as SchemaObject;
    const alsoFrom = REQUEST_ALLOWANCES[op.operationId];
    if (name === 'opt_fields' && alsoFrom && Array.isArray(itemSchema.enum)) {
      itemSchema = { ...itemSchema, enum: [...new Set([...(itemSchema.enum as string[]), ...optFieldsEnum(spec, alsoFrom)])] };
    }
    const validate = compile(`${op.operationId} query ${name}`, itemSchema);
    for (const value of values) {
      if (!validate(typedValue(itemSchema, value))) errors.push(`query ${name}=${JSON.stringify(value)}: ${(validate.errors ?? []).map((e) => e.message).join('; ')}`);
    }
  }
  const requestBody = operation.requestBody as SchemaObject | undefined;
  const bodySchema = (requestBody?.content as Record<string, { schema?: SchemaObject }> | undefined)?.['application/json']?.schema;
  if (!bodySchema) {
    if (body !== undefined) errors.push(`${op.operationId} takes no body`);
  } else if (body === undefined) {
    if (requestBody?.required === true) errors.push(`${op.operationId}: body required`);
  } else {
    const validate = compile(`${op.operationId} request`, bodySchema);
    if (!validate(body)) errors.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
    const dataSchema = isObject(bodySchema.properties) ? bodySchema.properties.data : undefined;
    const declared = declaredProperties(spec, dataSchema);
    const data = isObject(body) ? body.data : undefined;
    if (isObject(data)) for (const key of Object.keys(data)) if (!declared.has(key)) errors.push(`body data.${key}: not a field of ${op.operationId}'s request`);
  }
  return { ok: errors.length === 0, operation: op, declared: true, errors };
}

/** Throws with a readable message when the request breaks the contract. */
export function assertRequestContract(method: string, pathOrUrl: string, query: string | URLSearchParams, body: unknown): void {
  const result = validateRequest(method, pathOrUrl, query, body);
  if (!result.ok) throw new Error(`request contract violation: ${method} ${apiPath(pathOrUrl)}\n  ${result.errors.join('\n  ')}`);
}
