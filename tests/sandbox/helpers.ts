/**
 * Test helpers: an HTTP client for the sandbox whose every JSON API response goes through the
 * OpenAPI contract check (tests/contract/openapi.ts) before the test sees it.
 */
import http2 from 'node:http2';
import { assertContract } from '../contract/openapi.ts';
import type { Sandbox } from './server.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Tests read arbitrary JSON; the contract check above has already validated its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export interface ApiOptions {
  /** Bearer token; default the demo token; null = no Authorization header. */
  token?: string | null;
  /** JSON body (serialized). */
  body?: unknown;
  /** Raw body (sent as is, with content-type application/json unless headers say otherwise). */
  rawBody?: string;
  query?: Record<string, string | number | boolean | string[]>;
  headers?: Record<string, string>;
  /** Skip the contract check (only for deliberately malformed fault responses). */
  validate?: boolean;
}

/** Builds a query string (arrays become repeated parameters). */
export function qs(query: ApiOptions['query']): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const x of v) p.append(k, x);
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Calls `/api/1.0${path}` and validates the response against the contract. */
export async function api(sb: Pick<Sandbox, 'url' | 'demoToken'>, method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse> {
  const token = options.token === undefined ? sb.demoToken : options.token;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${sb.url}/api/1.0${path}${qs(options.query)}`;
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (options.validate !== false) {
    if (json === undefined) throw new Error(`${method} ${path} → ${res.status}: body is not JSON: ${text.slice(0, 200)}`);
    assertContract(method, url, res.status, json);
  }
  return { status: res.status, headers: res.headers, body: json, text };
}

/** Fetches every page of a list (following next_page.offset); returns the items and page count. */
export async function fetchAll(sb: Pick<Sandbox, 'url' | 'demoToken'>, path: string, query: Record<string, string | number> = {}, token?: string) {
  const items: Array<Record<string, unknown>> = [];
  let pages = 0;
  let offset: string | undefined;
  for (;;) {
    const r = await api(sb, 'GET', path, { token, query: { ...query, ...(offset ? { offset } : {}) } });
    if (r.status !== 200) throw new Error(`fetchAll ${path}: ${r.status} ${r.text}`);
    pages++;
    items.push(...(r.body.data as Array<Record<string, unknown>>));
    offset = r.body.next_page?.offset;
    if (!offset) return { items, pages };
  }
}

/** One HTTP/2 request over a fresh TLS session (self-signed certificate accepted). */
export async function h2Request(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; error?: Error }> {
  const session = http2.connect(origin, { rejectUnauthorized: false });
  try {
    return await new Promise((resolve) => {
      session.on('error', (error) => resolve({ status: 0, body: '', error }));
      const req = session.request({ ':path': path, ...headers });
      let status = 0;
      let body = '';
      req.setEncoding('utf8');
      req.on('response', (h) => {
        status = Number(h[':status']);
      });
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => resolve({ status, body }));
      req.on('error', (error) => resolve({ status, body, error }));
      req.end();
    });
  } finally {
    session.close();
  }
}

/** Today as the tests fix it (a Wednesday, so the current week has past days). */
export const TODAY = '2026-03-11';
