/**
 * The sandbox HTTP server: plain HTTP/1.1, or HTTPS with HTTP/2 (+HTTP/1.1 fallback) like real
 * Asana, so that Chromium multiplexes and concurrency limits are observable.
 *
 * Request pipeline for the API (/api/1.0/…):
 *   auth (resolve only) → rate limiter (valid tokens; 429) → in flight → latency fault →
 *   pre-processing fault (429/500/502/503/drop-before) → 401 → route (404) → JSON body (400) →
 *   handler → post-processing fault (drop-after / invalid-json / wrong-shape) → response.
 * OAuth endpoints get latency and faults but no rate limit; pages neither.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin } from './admin.ts';
import type { ApiContext, ApiResult } from './api/context.ts';
import { matchRoute } from './api/router.ts';
import { authenticate } from './auth.ts';
import { isValidDate, localDate } from './dates.ts';
import { ApiError, errorBody, noRoute, notAuthorized, RATE_LIMIT_MESSAGE } from './errors.ts';
import { Faults, type FaultControls, type FaultDecision } from './faults.ts';
import { parseOptFields } from './fields.ts';
import { OAuthServer, type OAuthOptions, type PlainResponse } from './oauth.ts';
import { isAppPath, renderAppPage } from './pages.ts';
import { OffsetCodec } from './pagination.ts';
import { isWriteMethod, RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { Resources } from './resources.ts';
import { createSeedSnapshot } from './seed.ts';
import { Stats, type RequestLog } from './stats.ts';
import { selfSignedCertificate } from './tls.ts';
import type { SeedRefs, WorldSnapshot } from './types.ts';
import { World } from './world.ts';

export interface SandboxOptions {
  /** Port to listen on; 0 (the default here; the CLI defaults to 4321) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** HTTPS + HTTP/2 with a self-signed certificate for app.asana.com. */
  tls?: boolean;
  /** A world: path of a JSON snapshot file, or a snapshot object. Default: the seeded world. */
  seed?: string | WorldSnapshot;
  /** YYYY-MM-DD; fixes "today" (seed dates, entered_on default). Default: the real local date, per request. */
  today?: string;
  rateLimit?: RateLimitOptions;
  oauth?: OAuthOptions;
  /** Lifetime of offset tokens (default 15 minutes). */
  offsetTtlMs?: number;
  /** No request log lines on stderr (default true in-process; the CLI logs unless --quiet). */
  quiet?: boolean;
  /**
   * Called with every API response the sandbox sends (not for dropped connections), e.g. to run
   * contract checks on traffic from a client the test does not control (the official SDK).
   */
  onApiResponse?: (exchange: ApiExchange) => void;
}

/** One API request/response pair as seen by `onApiResponse`. */
export interface ApiExchange {
  method: string;
  /** Full URL path, e.g. `/api/1.0/users/me`. */
  path: string;
  query: string;
  status: number;
  /** The response body as sent. */
  text: string;
  /** The request's JSON body, parsed (undefined when it had none or it was not read). */
  requestBody?: unknown;
}

export interface Sandbox {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:4321`. */
  url: string;
  port: number;
  /** Same as `url` (scheme://host:port). */
  origin: string;
  /** `url + '/api/1.0'`. */
  apiUrl: string;
  /** Personal access token of the demo user ("me"). */
  demoToken: string;
  seed: SeedRefs;
  world: World;
  faults: FaultControls;
  stats: Stats;
  /** Live rate limits (mutable). */
  limits: Required<RateLimitOptions>;
  /** How many requests of a token are in its rate-limit minute window now (refused ones count, as Asana counts them). */
  rateUsed(token: string): number;
  /** Restores the initial world and clears faults, stats and rate-limit windows. */
  reset(): void;
  /** Closes every connection; resolves quickly. */
  close(): Promise<void>;
}

type Req = IncomingMessage | Http2ServerRequest;
type Res = ServerResponse | Http2ServerResponse;

const API_PREFIX = '/api/1.0';
const MAX_BODY = 5 * 1024 * 1024;
const PRE_FAULTS = new Set(['429', '500', '502', '503', 'drop-before']);
const JSON_TYPE = 'application/json; charset=UTF-8';

function loadSnapshot(seed: string | WorldSnapshot | undefined, today: string | undefined): WorldSnapshot {
  const snapshot = typeof seed === 'string' ? (JSON.parse(readFileSync(seed, 'utf8')) as WorldSnapshot)
    : seed ?? createSeedSnapshot(today ?? localDate());
  if (snapshot.format !== 'asana-sandbox-world/1') throw new Error('seed: not an asana-sandbox-world/1 snapshot');
  return structuredClone(snapshot);
}

async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0 || buf.toString('utf8').trim() === '') return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new ApiError(400, 'Could not parse request data, invalid JSON');
  }
}

/** Form-encoded (or JSON) body of the OAuth endpoints as URLSearchParams. */
function formParams(buf: Buffer, contentType: string | undefined): URLSearchParams {
  const text = buf.toString('utf8');
  if (contentType?.includes('application/json')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

function send(res: Res, status: number, headers: Record<string, string | number>, body: string): void {
  try {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch {
    // The client went away; nothing to answer.
  }
}

/** Drops the connection without a response: socket destroy (HTTP/1.1) or stream reset (HTTP/2). */
function drop(req: Req, res: Res): void {
  if (req.httpVersionMajor >= 2) {
    (res as Http2ServerResponse).stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  } else {
    req.socket.destroy();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function corsHeaders(req: Req): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'access-control-allow-origin': typeof origin === 'string' ? origin : '*',
    'access-control-expose-headers': 'Retry-After, Location, Asana-Change',
    vary: 'Origin',
  };
}

/** Starts a sandbox. See README.md for the whole API. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (options.today !== undefined && !isValidDate(options.today)) throw new Error(`today: not a YYYY-MM-DD date: ${options.today}`);
  const initial = loadSnapshot(options.seed, options.today);
  const world = new World(initial, { today: options.today });
  const offsets = new OffsetCodec(options.offsetTtlMs ?? 15 * 60_000);
  const faults = new Faults(offsets);
  const stats = new Stats();
  const limiter = new RateLimiter(options.rateLimit);
  const oauth = new OAuthServer(world, options.oauth);
  const quiet = options.quiet ?? true;
  const useTls = options.tls ?? false;
  const host = options.host ?? '127.0.0.1';
  let seedRefs = world.seedRefs();
  let port = 0;

  const reset = () => {
    world.restore(initial);
    faults.clear();
    faults.resetCounts();
    stats.reset();
    limiter.resetWindows();
    seedRefs = world.seedRefs();
  };

  const originOf = (req: Req) => {
    const authority = req.headers[':authority'] ?? req.headers.host ?? `${host}:${port}`;
    return `${useTls ? 'https' : 'http'}://${String(authority)}`;
  };

  async function handleApi(req: Req, res: Res, method: string, url: URL, log: RequestLog): Promise<void> {
    const cors = corsHeaders(req);
    if (method === 'OPTIONS') {
      send(res, 204, {
        ...cors, 'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Asana-Client-Lib, Asana-Enable, Asana-Disable',
        'access-control-max-age': '600',
      }, '');
      return;
    }
    const pretty0 = url.searchParams.has('opt_pretty') && url.searchParams.get('opt_pretty') !== 'false';
    const sendError = (status: number, message: string, headers: Record<string, string> = {}, pretty = pretty0) => {
      const text = JSON.stringify(errorBody(status, message), null, pretty ? 2 : undefined);
      options.onApiResponse?.({ method, path: url.pathname, query: url.search.slice(1), status, text });
      send(res, status, { 'content-type': JSON_TYPE, ...cors, ...headers }, text);
    };

    const isWrite = isWriteMethod(method);
    const auth = authenticate(world, req.headers.authorization);
    if (auth.ok) {
      log.user = auth.user.gid;
      log.tokenKind = auth.token.kind;
      const decision = limiter.admit(auth.token.token, isWrite);
      stats.countToken(auth.token.token, auth.user.gid, auth.token.kind, !decision.ok);
      if (!decision.ok) {
        log.fault = 'rate-limit';
        log.limited = { reason: decision.reason, retryAfter: decision.retryAfter };
        sendError(429, RATE_LIMIT_MESSAGE, { 'retry-after': String(decision.retryAfter) });
        return;
      }
      stats.enter(isWrite);
      let released = false;
      res.on('close', () => {
        if (released) return;
        released = true;
        decision.release();
        stats.leave(isWrite);
      });
    }

    const info = { method, path: url.pathname, token: auth.ok ? auth.token.token : auth.token };
    const delay = faults.latencyFor(info);
    if (delay > 0) await sleep(delay);
    const fault = faults.decide(info);
    if (fault) log.fault = fault.kind;
    if (fault && PRE_FAULTS.has(fault.kind)) {
      preFault(req, res, fault, sendError);
      return;
    }

    let result: ApiResult;
    let pretty = pretty0;
    let requestBody: unknown;
    try {
      if (!auth.ok) throw notAuthorized();
      const rel = url.pathname === API_PREFIX ? '/' : url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
      const route = rel === null ? null : matchRoute(method, rel);
      if (!route || rel === null) throw noRoute();
      const body = parseJson(await readBody(req));
      requestBody = body;
      const optFields = url.searchParams.getAll('opt_fields');
      // JSON bodies may carry options next to data: {"data":…, "options":{"fields":[…],"pretty":true}}.
      const bodyOptions = body && typeof body === 'object' ? (body as { options?: { fields?: unknown; pretty?: unknown } }).options : undefined;
      if (bodyOptions && typeof bodyOptions === 'object') {
        if (Array.isArray(bodyOptions.fields)) optFields.push(bodyOptions.fields.map(String).join(','));
        else if (typeof bodyOptions.fields === 'string') optFields.push(bodyOptions.fields);
        if (bodyOptions.pretty === true) pretty = true;
      }
      const ctx: ApiContext = {
        world, user: auth.user, token: auth.token, method, path: rel, params: route.params, query: url.searchParams,
        body, fields: parseOptFields(optFields), res: new Resources(world, auth.user), offsets,
        apiBase: `${originOf(req)}${API_PREFIX}`,
      };
      result = await route.handler(ctx);
    } catch (e) {
      if (e instanceof ApiError) {
        result = { status: e.status, body: errorBody(e.status, e.message), headers: e.headers };
      } else {
        if (!quiet) console.error(e);
        result = { status: 500, body: errorBody(500, 'Server Error') };
      }
    }

    if (fault?.kind === 'drop-after') {
      drop(req, res);
      return;
    }
    let text = JSON.stringify(result.body, null, pretty ? 2 : undefined);
    let status = result.status;
    if (fault?.kind === 'invalid-json') {
      status = 200;
      text = text.length > 2 ? text.slice(0, Math.floor(text.length / 2)) : '{';
    } else if (fault?.kind === 'wrong-shape') {
      status = 200;
      const b = result.body as { data?: unknown };
      text = JSON.stringify({ result: b && typeof b === 'object' && 'data' in b ? b.data : b });
    }
    options.onApiResponse?.({ method, path: url.pathname, query: url.search.slice(1), status, text, requestBody });
    send(res, status, { 'content-type': JSON_TYPE, ...cors, ...(result.headers ?? {}) }, text);
  }

  function preFault(req: Req, res: Res, fault: FaultDecision, sendError: (s: number, m: string, h?: Record<string, string>) => void) {
    switch (fault.kind) {
      case '429':
        sendError(429, RATE_LIMIT_MESSAGE, { 'retry-after': String(Math.max(1, Math.ceil(fault.retryAfter))) });
        return;
      case '500':
        sendError(500, 'Server Error');
        return;
      case '502':
        sendError(502, "Bad Gateway: there is an issue between the load balancers and Asana's API.");
        return;
      case '503':
        sendError(503, 'Service Unavailable: the API is temporarily unavailable.');
        return;
      default:
        drop(req, res);
    }
  }

  async function handleOAuth(req: Req, res: Res, method: string, url: URL): Promise<void> {
    const info = { method, path: url.pathname, token: null };
    const delay = faults.latencyFor(info);
    if (delay > 0) await sleep(delay);
    const fault = faults.decide(info);
    if (fault && PRE_FAULTS.has(fault.kind)) {
      preFault(req, res, fault, (status, message, headers = {}) =>
        send(res, status, { 'content-type': JSON_TYPE, ...headers }, JSON.stringify(errorBody(status, message))));
      return;
    }
    let out: PlainResponse;
    const path = url.pathname.replace(/\/+$/, '');
    if (method === 'GET' && path === '/-/oauth_authorize') out = oauth.authorizePage(url.searchParams);
    else if (method === 'POST' && ['/-/oauth_authorize', '/-/oauth_token', '/-/oauth_revoke'].includes(path)) {
      const form = formParams(await readBody(req), req.headers['content-type']);
      out = path === '/-/oauth_authorize' ? oauth.decide(form) : path === '/-/oauth_token' ? oauth.token(form) : oauth.revoke(form);
    } else {
      out = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
    }
    if (fault?.kind === 'drop-after') return drop(req, res);
    if (fault?.kind === 'invalid-json') out = { status: 200, headers: { 'content-type': JSON_TYPE }, body: out.body.slice(0, Math.floor(out.body.length / 2)) || '{' };
    else if (fault?.kind === 'wrong-shape') out = { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ result: 'unexpected' }) };
    send(res, out.status, { ...corsHeaders(req), ...out.headers }, out.body);
  }

  async function handle(req: Req, res: Res): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    } catch {
      send(res, 400, { 'content-type': 'text/plain' }, 'Bad Request');
      return;
    }
    const path = url.pathname;

    if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      let body: unknown;
      try {
        body = parseJson(await readBody(req));
      } catch {
        send(res, 400, { 'content-type': JSON_TYPE }, JSON.stringify({ errors: [{ message: 'invalid JSON' }] }));
        return;
      }
      const out = handleAdmin({ world, faults, stats, limiter, initial, seed: () => seedRefs, reset }, method, path, url.searchParams, body);
      send(res, out.status, { 'content-type': JSON_TYPE, ...corsHeaders(req) }, JSON.stringify(out.body, null, 2));
      return;
    }

    const area: RequestLog['area'] = path === API_PREFIX || path.startsWith('/api/') ? 'api'
      : path.startsWith('/-/') ? 'oauth' : isAppPath(path) ? 'page' : 'other';
    const log: RequestLog = {
      seq: stats.nextSeq(), method, path, query: url.search.slice(1), status: 0, user: null, tokenKind: null, area,
      start: started, durationMs: 0, fault: null,
    };
    let logged = false;
    const finish = (status: number) => {
      if (logged) return;
      logged = true;
      log.status = status;
      log.durationMs = Date.now() - started;
      stats.log(log);
      if (!quiet) process.stderr.write(`${method} ${path}${url.search} → ${status || 'dropped'} ${log.durationMs}ms${log.fault ? ` [${log.fault}]` : ''}\n`);
    };
    res.on('finish', () => finish(res.statusCode));
    res.on('close', () => finish(res.writableFinished ? res.statusCode : 0));

    try {
      if (area === 'api') await handleApi(req, res, method, url, log);
      else if (area === 'oauth') await handleOAuth(req, res, method, url);
      else if (area === 'page' && (method === 'GET' || method === 'HEAD')) {
        send(res, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, renderAppPage(world, path, url.search));
      } else {
        send(res, 404, { 'content-type': 'text/html; charset=utf-8' }, '<!doctype html><title>Not found</title><h1>Page not found</h1>');
      }
    } catch (e) {
      if (e instanceof ApiError) {
        send(res, e.status, { 'content-type': JSON_TYPE }, JSON.stringify(errorBody(e.status, e.message)));
      } else {
        if (!quiet) console.error(e);
        send(res, 500, { 'content-type': JSON_TYPE }, JSON.stringify(errorBody(500, 'Server Error')));
      }
    }
  }

  const listener = (req: Req, res: Res) => void handle(req, res);
  const server = useTls
    ? http2.createSecureServer({ allowHTTP1: true, ...selfSignedCertificate() }, listener)
    : http.createServer(listener);
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (useTls) {
    const h2 = server as http2.Http2SecureServer;
    h2.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
      session.on('error', () => {});
    });
    h2.on('sessionError', () => {});
  }
  server.on('clientError', (_err: Error, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const base = `${useTls ? 'https' : 'http'}://${urlHost}:${port}`;
  let closing: Promise<void> | null = null;

  return {
    url: base,
    port,
    origin: base,
    apiUrl: `${base}${API_PREFIX}`,
    demoToken: world.patOf(world.demoUser().gid) ?? '',
    get seed() {
      return seedRefs;
    },
    world,
    faults,
    stats,
    limits: limiter.limits,
    rateUsed: (token: string) => limiter.used(token),
    reset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
