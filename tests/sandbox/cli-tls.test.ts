import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h2Request, TODAY } from './helpers.ts';
import { startSandbox, type Sandbox } from './index.ts';

/** Starts the CLI, resolves with its first two stdout lines. */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sandbox/cli.ts', ...args], { cwd: process.cwd() });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 15_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const lines = out.split('\n');
      if (lines.length > 2) {
        clearTimeout(timer);
        resolve({ child, lines });
      }
    });
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('CLI', () => {
  it('prints the two lines, serves the demo user, stops cleanly on SIGTERM', async () => {
    const { child, lines } = await startCli(['--port', '0', '--today', TODAY, '--quiet']);
    const m = /^sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]!);
    expect(m).not.toBeNull();
    const t = /^demo token: (\S+)$/.exec(lines[1]!);
    expect(t).not.toBeNull();
    const r = await fetch(`${m![1]}/api/1.0/users/me`, { headers: { Authorization: `Bearer ${t![1]}` } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { data: { name: string } }).data.name).toBe('Morgan Avery');
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('serves HTTPS for app.asana.com over HTTP/2 with --tls', async () => {
    const { child, lines } = await startCli(['--port', '0', '--tls', '--quiet']);
    try {
      const m = /^sandbox listening on (https:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]!);
      expect(m).not.toBeNull();
      const token = lines[1]!.replace('demo token: ', '');
      const r = await h2Request(m![1]!, '/api/1.0/users/me', { authorization: `Bearer ${token}`, ':authority': `app.asana.com:${m![2]}` });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).data.email).toBe('morgan@acme.example');
    } finally {
      const exited = exitOf(child);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});

describe('TLS in process', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ today: TODAY, tls: true });
  });
  afterAll(() => sb.close());

  it('presents a certificate for app.asana.com and 127.0.0.1', async () => {
    const cert = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: sb.port, servername: 'app.asana.com', rejectUnauthorized: false, ALPNProtocols: ['h2'] }, () => {
        expect(socket.alpnProtocol).toBe('h2');
        resolve(socket.getPeerCertificate());
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(cert.subject.CN).toBe('app.asana.com');
    expect(cert.subjectaltname).toContain('DNS:app.asana.com');
    expect(cert.subjectaltname).toContain('IP Address:127.0.0.1');
  });

  it('speaks HTTP/2 and HTTP/1.1; next_page URIs use the authority the client used', async () => {
    const authority = `app.asana.com:${sb.port}`;
    const r = await h2Request(sb.url, `/api/1.0/tasks/${sb.seed.tasks.big.gid}/time_tracking_entries?limit=5`, {
      authorization: `Bearer ${sb.demoToken}`, ':authority': authority,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).next_page.uri).toMatch(new RegExp(`^https://app\\.asana\\.com:${sb.port}/api/1\\.0/tasks/`));
    const h1 = await new Promise<number>((resolve, reject) => {
      https.get(`${sb.url}/api/1.0/users/me`, { rejectUnauthorized: false, headers: { Authorization: `Bearer ${sb.demoToken}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(h1).toBe(200);
    const pageRes = await h2Request(sb.url, `/0/0/${sb.seed.tasks.twoProjects.gid}`);
    expect(pageRes.body).toMatch(new RegExp(`<div class="TaskPane" role="dialog" aria-label="[^"]+" data-task-id="${sb.seed.tasks.twoProjects.gid}"`));
  });

  it('multiplexes: one HTTP/2 session carries many concurrent requests', async () => {
    sb.stats.reset();
    // Long enough for all 30 streams to be in flight together even on a loaded machine.
    sb.faults.latency(600, { path: '/workspaces' });
    const session = http2.connect(sb.url, { rejectUnauthorized: false });
    try {
      const one = () => new Promise<number>((resolve, reject) => {
        const req = session.request({ ':path': '/api/1.0/workspaces', authorization: `Bearer ${sb.demoToken}` });
        let status = 0;
        req.on('response', (h) => {
          status = Number(h[':status']);
        });
        req.on('data', () => {});
        req.on('end', () => resolve(status));
        req.on('error', reject);
        req.end();
      });
      const statuses = await Promise.all(Array.from({ length: 30 }, one));
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(sb.stats.peakInFlight.get).toBe(30);
    } finally {
      session.close();
      sb.faults.clear();
    }
  });

  it('drops over HTTP/2 reset the stream (before and after processing)', async () => {
    const before = sb.world.entriesOfTask(sb.seed.tasks.empty.gid).length;
    for (const kind of ['drop-before', 'drop-after'] as const) {
      sb.faults.failNext(1, kind, { method: 'POST' });
      const session = http2.connect(sb.url, { rejectUnauthorized: false });
      try {
        const outcome = await new Promise<string>((resolve) => {
          session.on('error', () => resolve('session error'));
          const req = session.request({
            ':method': 'POST', ':path': `/api/1.0/tasks/${sb.seed.tasks.empty.gid}/time_tracking_entries`,
            authorization: `Bearer ${sb.demoToken}`, 'content-type': 'application/json',
          });
          req.on('response', () => resolve('response'));
          req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
          req.on('close', () => resolve(`closed ${req.rstCode}`));
          req.end(JSON.stringify({ data: { duration_minutes: 10 } }));
        });
        expect(outcome).toMatch(/ERR_HTTP2_STREAM_ERROR|closed 2/);
      } finally {
        session.close();
      }
    }
    // drop-before wrote nothing, drop-after wrote one entry.
    expect(sb.world.entriesOfTask(sb.seed.tasks.empty.gid).length).toBe(before + 1);
  });
});
