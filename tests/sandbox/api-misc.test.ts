import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());

describe('users and workspaces', () => {
  it('GET /users/me, by gid and by email', async () => {
    const me = sb.seed.users.me;
    const r = await api(sb, 'GET', '/users/me');
    expect(r.body.data).toMatchObject({ gid: me.gid, resource_type: 'user', name: me.name, email: me.email, photo: null });
    expect(r.body.data.workspaces.map((w: { name: string }) => w.name)).toEqual(['Acme Studio', 'Weekend Volunteers']);
    expect((await api(sb, 'GET', `/users/${sb.seed.users.hanako.gid}`)).body.data.name).toBe('山田 花子');
    expect((await api(sb, 'GET', `/users/${encodeURIComponent('ALEX@acme.example')}`)).body.data.gid).toBe(sb.seed.users.alex.gid);
    expect((await api(sb, 'GET', '/users/nobody@example.com')).status).toBe(404);
  });

  it('a user’s workspaces are limited to the ones shared with the caller', async () => {
    const r = await api(sb, 'GET', `/users/${sb.seed.users.me.gid}`, { token: sb.seed.users.sam.token, query: { opt_fields: 'workspaces.name' } });
    expect(r.body.data.workspaces).toEqual([{ gid: sb.seed.workspaces.main.gid, name: 'Acme Studio' }]);
  });

  it('GET /workspaces lists the caller’s workspaces (compact, paged)', async () => {
    const r = await api(sb, 'GET', '/workspaces');
    expect(r.body.data).toEqual([
      { gid: sb.seed.workspaces.main.gid, resource_type: 'workspace', name: 'Acme Studio' },
      { gid: sb.seed.workspaces.noTracking.gid, resource_type: 'workspace', name: 'Weekend Volunteers' },
    ]);
    const paged = await api(sb, 'GET', '/workspaces', { query: { limit: 1, opt_fields: 'name,is_organization,email_domains' } });
    expect(paged.body.data).toEqual([{ gid: sb.seed.workspaces.main.gid, name: 'Acme Studio', is_organization: true, email_domains: ['acme.example'] }]);
    expect(paged.body.next_page.offset).toBeTruthy();
  });
});

describe('GET /tasks/{gid}', () => {
  it('answers the fields the extension asks for', async () => {
    const t = sb.seed.tasks.twoProjects;
    const r = await api(sb, 'GET', `/tasks/${t.gid}`, {
      query: { opt_fields: 'name,resource_subtype,projects.name,workspace.name,memberships.project.name,parent.name,permalink_url,assignee.name,completed,due_on,notes,created_by.name,created_at' },
    });
    const d = r.body.data;
    expect(d.name).toBe(t.name);
    expect(d.resource_subtype).toBe('default_task');
    expect(d.projects.map((p: { name: string }) => p.name)).toEqual(['Website Redesign', 'Mobile App 2.0']);
    expect(d.workspace).toEqual({ gid: sb.seed.workspaces.main.gid, name: 'Acme Studio' });
    expect(d.memberships[0].project.name).toBe('Website Redesign');
    expect(d.parent).toBeNull();
    expect(d.permalink_url).toBe(`https://app.asana.com/1/${sb.seed.workspaces.main.gid}/project/${sb.seed.projects.website.gid}/task/${t.gid}`);
    expect(d.assignee).toEqual({ gid: sb.seed.users.alex.gid, name: 'Alex Chen' });
    expect(d.created_by.name).toBe(sb.seed.users.me.name);
  });

  it('subtask: parent set, no projects, project-less permalink; milestone subtype', async () => {
    const sub = await api(sb, 'GET', `/tasks/${sb.seed.tasks.subtask.gid}`, { query: { opt_fields: 'parent.name,projects,permalink_url' } });
    expect(sub.body.data.parent).toEqual({ gid: sb.seed.tasks.subtaskParent.gid, name: 'Homepage hero redesign' });
    expect(sub.body.data.projects).toEqual([]);
    expect(sub.body.data.permalink_url).toBe(`https://app.asana.com/1/${sb.seed.workspaces.main.gid}/task/${sb.seed.tasks.subtask.gid}`);
    const ms = await api(sb, 'GET', `/tasks/${sb.seed.tasks.milestone.gid}`);
    expect(ms.body.data.resource_subtype).toBe('milestone');
  });

  it('returns hostile names verbatim (JSON, not HTML)', async () => {
    const r = await api(sb, 'GET', `/tasks/${sb.seed.tasks.hostile.gid}`, { query: { opt_fields: 'name' } });
    expect(r.body.data.name).toBe('<img src=x onerror=alert(1)>Launch <script>alert("xss")</script>');
  });

  it('404 unknown task', async () => {
    const r = await api(sb, 'GET', '/tasks/1');
    expect(r.status).toBe(404);
  });
});

describe('typeahead', () => {
  const path = () => `/workspaces/${sb.seed.workspaces.main.gid}/typeahead`;

  it('finds tasks by case-insensitive substring', async () => {
    const r = await api(sb, 'GET', path(), { query: { resource_type: 'task', query: 'DESIGN' } });
    const names = r.body.data.map((t: { name: string }) => t.name);
    expect(names).toContain('Design system: shared color tokens');
    for (const n of names) expect(n.toLowerCase()).toContain('design');
    expect(Object.keys(r.body.data[0]).sort()).toEqual(['gid', 'name', 'resource_type']);
    expect(r.body.data[0].resource_type).toBe('task');
  });

  it('an empty query returns results; count limits them (default 20)', async () => {
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'task' } })).body.data).toHaveLength(20);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'task', query: '', count: 3 } })).body.data).toHaveLength(3);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'task', count: 100 } })).body.data).toHaveLength(30);
    for (const count of ['0', '101', 'x']) {
      const r = await api(sb, 'GET', path(), { query: { resource_type: 'task', count } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].message).toMatch(/^count: /);
    }
  });

  it('finds projects, users, portfolios; non-Latin text too', async () => {
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'project', query: 'mobile' } })).body.data.map((p: { name: string }) => p.name)).toEqual(['Mobile App 2.0']);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'user', query: 'priya' } })).body.data[0].gid).toBe(sb.seed.users.priya.gid);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'portfolio', query: 'client' } })).body.data[0].name).toBe('Client Work');
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'task', query: 'отчёт' } })).body.data[0].gid).toBe(sb.seed.tasks.cyrillic.gid);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'tag', query: 'x' } })).body.data).toEqual([]);
    expect((await api(sb, 'GET', path(), { query: { resource_type: 'banana' } })).status).toBe(400);
  });

  it('honours opt_fields', async () => {
    const r = await api(sb, 'GET', path(), { query: { resource_type: 'task', query: 'beta', opt_fields: 'name,resource_subtype,projects.name' } });
    expect(r.body.data[0]).toEqual({ gid: sb.seed.tasks.milestone.gid, name: 'Public beta launch', resource_subtype: 'milestone', projects: [{ gid: sb.seed.projects.mobile.gid, name: 'Mobile App 2.0' }] });
  });
});

describe('protocol details', () => {
  it('401 Not Authorized without a valid token', async () => {
    for (const token of [null, 'nope']) {
      const r = await api(sb, 'GET', '/users/me', { token });
      expect(r.status).toBe(401);
      expect(r.body.errors[0].message).toBe('Not Authorized');
    }
    const basic = await api(sb, 'GET', '/users/me', { token: null, headers: { Authorization: `Basic ${sb.demoToken}` } });
    expect(basic.status).toBe(401);
  });

  it('404 No matching route for unknown paths and methods under /api/1.0', async () => {
    for (const [method, path] of [['GET', '/projects'], ['PATCH', '/time_tracking_entries/1'], ['GET', '/tasks/1/time_tracking_entries/x'], ['GET', '/']]) {
      const r = await api(sb, method as string, path as string);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.errors[0].message).toBe('No matching route for request');
    }
    const v2 = await fetch(`${sb.url}/api/2.0/users/me`, { headers: { Authorization: `Bearer ${sb.demoToken}` } });
    expect(v2.status).toBe(404);
  });

  it('opt_pretty indents; JSON content type', async () => {
    const r = await api(sb, 'GET', '/users/me', { query: { opt_pretty: 'true' } });
    expect(r.text).toContain('\n  "data": {');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const bare = await api(sb, 'GET', '/users/me', { query: { opt_pretty: '' } });
    expect(bare.text).toContain('\n');
    const plain = await api(sb, 'GET', '/users/me');
    expect(plain.text).not.toContain('\n');
  });

  it('answers CORS preflights and tags responses for cross-origin callers', async () => {
    const pre = await fetch(`${sb.url}/api/1.0/users/me`, {
      method: 'OPTIONS', headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const r = await api(sb, 'GET', '/users/me', { headers: { Origin: 'https://app.asana.com' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.asana.com');
  });

  it('non-API unknown paths are 404 pages', async () => {
    const r = await fetch(`${sb.url}/favicon.ico`);
    expect(r.status).toBe(404);
    const o = await fetch(`${sb.url}/-/nothing`);
    expect(o.status).toBe(404);
  });
});
