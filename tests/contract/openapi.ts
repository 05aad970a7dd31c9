/**
 * Contract checks against Asana's own OpenAPI extract (tests/fixtures/asana/time-tracking.openapi.yaml).
 *
 * Loads the YAML, converts its OpenAPI 3.0 schemas to JSON Schema for ajv (nullable → type
 * unions, `nullable` members of allOf → the whole allOf may be null, `#/components/...` refs kept
 * as refs; readOnly/example/x-* are annotations, `strict: false`), then validates a response —
 * method, path (template matched), status, JSON body — against the operation's declared response
 * schema. A status an operation does not declare is accepted only for errors (4xx/5xx, validated
 * as ErrorResponse: Asana sends 402/429/502/503 on any operation); an undeclared success status
 * is a contract failure, as is a 2xx on a path the contract does not know.
 *
 * One documented deviation from the extract (KNOWN_GAPS below): `attributable_to` of an entry
 * may be null. Asana returns null for unset references (as for assignee/parent), and an entry on a
 * task in no project, or in several with none chosen, has no attribution; the extract's schema
 * simply omits `nullable` there.
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

const SPEC_URL = new URL('../fixtures/asana/time-tracking.openapi.yaml', import.meta.url);
const SPEC_ID = 'asana-openapi.json';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** Patches applied to the raw spec before conversion (see the header comment). */
const KNOWN_GAPS: Array<{ path: string[]; why: string; apply: (node: SchemaObject) => void }> = [
  {
    path: ['components', 'schemas', 'TimeTrackingEntryCompact', 'properties', 'attributable_to'],
    why: 'an entry without attribution has attributable_to: null',
    apply: (node) => {
      node.nullable = true;
    },
  },
];

interface Spec {
  paths: Record<string, Record<string, SchemaObject>>;
  components: { schemas: Record<string, SchemaObject>; responses: Record<string, SchemaObject> };
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

function load() {
  if (loaded) return loaded;
  const spec = parse(readFileSync(SPEC_URL, 'utf8')) as Spec;
  for (const gap of KNOWN_GAPS) {
    let node: unknown = spec;
    for (const key of gap.path) node = isObject(node) ? node[key] : undefined;
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
