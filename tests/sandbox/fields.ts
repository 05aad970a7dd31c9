/**
 * `opt_fields` parsing and projection.
 *
 * A resource is described once (all its fields, lazily) together with its compact and full field
 * lists. Rendering then follows Asana's rules:
 * - no opt_fields: the endpoint's default representation (compact for lists and nested objects,
 *   full for single-object GET/POST/PUT);
 * - with opt_fields: `gid` plus exactly the requested paths. A nested object named without
 *   sub-fields comes back as `{gid, resource_type}`; `created_by.name` gives `{gid, name}`.
 * Unknown fields are ignored (Asana's behaviour for them is undocumented).
 */

/** Requested field paths as a tree: `created_by.name,categories` → {created_by:{name:{}}, categories:{}}. */
export type FieldTree = Map<string, FieldTree>;

/** Expands the group operator: `this.(a|b).c` → `a.c`, `b.c`. */
function expandGroups(path: string): string[] {
  const m = /\(([^()]*)\)/.exec(path);
  if (!m) return [path];
  const before = path.slice(0, m.index);
  const after = path.slice(m.index + m[0].length);
  return (m[1] ?? '').split('|').flatMap((alt) => expandGroups(`${before}${alt}${after}`));
}

/** Parses opt_fields values (possibly repeated and comma-separated); null when none were given. */
export function parseOptFields(values: readonly string[]): FieldTree | null {
  const items = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return null;
  const root: FieldTree = new Map();
  for (const item of items) {
    for (let path of expandGroups(item)) {
      if (path.startsWith('this.')) path = path.slice(5);
      let node = root;
      for (const part of path.split('.').filter(Boolean)) {
        let child = node.get(part);
        if (!child) {
          child = new Map();
          node.set(part, child);
        }
        node = child;
      }
    }
  }
  return root;
}

/** A value a resource field can hold. */
export type FieldValue = string | number | boolean | null | Resource | FieldValue[] | { [k: string]: FieldValue };

/** A renderable Asana object. `get` returns undefined for fields the resource does not have. */
export interface Resource {
  readonly kind: 'resource';
  gid: string;
  resource_type: string;
  get(field: string): FieldValue | undefined;
  /** Default fields when listed or nested. Must include gid and resource_type. */
  compact: readonly string[];
  /** Default fields of a single-object response. */
  full: readonly string[];
  /** Fields whose nested object renders as a bare reference `{gid, resource_type}` by default. */
  refOnly?: readonly string[];
}

export function isResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'resource';
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function renderDefaultValue(v: FieldValue, asRef: boolean): Json {
  if (isResource(v)) return asRef ? { gid: v.gid, resource_type: v.resource_type } : render(v, 'compact');
  if (Array.isArray(v)) return v.map((x) => renderDefaultValue(x, asRef));
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = renderDefaultValue(x, false);
    return out;
  }
  return v;
}

function renderSelectedValue(v: FieldValue, sub: FieldTree): Json {
  if (isResource(v)) return sub.size === 0 ? { gid: v.gid, resource_type: v.resource_type } : render(v, sub);
  if (Array.isArray(v)) return v.map((x) => renderSelectedValue(x, sub));
  if (v !== null && typeof v === 'object') {
    // Plain sub-objects (e.g. memberships[].project): select their keys the same way.
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) {
      const s = sub.get(k);
      if (sub.size === 0) out[k] = renderDefaultValue(x, false);
      else if (s) out[k] = renderSelectedValue(x, s);
    }
    return out;
  }
  return v;
}

/** Renders a resource in its compact or full representation, or projected on an opt_fields tree. */
export function render(res: Resource, mode: 'compact' | 'full' | FieldTree): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  if (mode === 'compact' || mode === 'full') {
    for (const field of mode === 'compact' ? res.compact : res.full) {
      const v = res.get(field);
      if (v !== undefined) out[field] = renderDefaultValue(v, res.refOnly?.includes(field) ?? false);
    }
    return out;
  }
  out.gid = res.gid;
  for (const [field, sub] of mode) {
    if (field === 'gid') continue;
    const v = res.get(field);
    if (v !== undefined) out[field] = renderSelectedValue(v, sub);
  }
  return out;
}
