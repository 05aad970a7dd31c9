/**
 * The imitation of Asana's single-page web app, served for `/`, `/0/…` and `/1/…`. Enough of the
 * real DOM for an extension's content script: `.AsanaBaseTopbar` (with a "Toggle theme" button),
 * a projects sidebar, `.TaskRow` rows linking to V1 task URLs and, when the URL names a task,
 * `<div class="TaskPane SingleTaskPane" data-task-gid>` with `.TaskPaneToolbar`,
 * `.SingleTaskTitleInput textarea.simpleTextarea`, `.TaskPaneFields`, `.TaskProjectPill-projectName`,
 * `.TaskDescription` and `.TaskStoryFeed`. Light/dark themes switch a body class
 * (`ThemeSetter-themeLight` / `ThemeSetter-themeDark`) and the page colours. Offline: no external
 * resources. The world data the page needs is embedded as JSON with `<` escaped.
 */
import vm from 'node:vm';
import { CLIENT_SOURCE, THEME_BOOT_SOURCE, VIEW_SOURCE } from './page-views.ts';
import { escapeHtml } from './resources.ts';
import { compareGids, type World } from './world.ts';

/** The data embedded in every page (`window.__sandboxData` in the browser). */
export interface PageData {
  me: { gid: string; name: string; email: string };
  /** The workspace "My tasks" shows. */
  workspace: string;
  workspaces: Array<{ gid: string; name: string }>;
  projects: Record<string, { gid: string; name: string; workspace: string }>;
  projectOrder: string[];
  users: Record<string, string>;
  tasks: Record<string, {
    gid: string; name: string; workspace: string; projects: string[]; parent: string | null; assignee: string | null;
    due_on: string | null; completed: boolean; notes: string; resource_subtype: string; created_by: string | null; created_at: string;
  }>;
  taskOrder: string[];
}

type Html = { __html: string };
type Child = Html | string | number | null | undefined | false | Child[];

/** Server-side `h`: builds escaped HTML strings. */
function h(tag: string, attrs: Record<string, string | null | undefined>, ...children: Child[]): Html {
  let out = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) out += ` ${k}="${escapeHtml(String(v))}"`;
  out += '>';
  const walk = (kids: Child[]) => {
    for (const k of kids) {
      if (k === null || k === undefined || k === false) continue;
      if (Array.isArray(k)) walk(k);
      else if (typeof k === 'object') out += k.__html;
      else out += escapeHtml(String(k));
    }
  };
  walk(children);
  return { __html: `${out}</${tag}>` };
}

interface Views {
  taskGidFromPath(pathname: string, search: string): string | null;
  projectGidFromPath(pathname: string): string | null;
  pageTitle(data: PageData, pathname: string, search: string): string;
  renderSidebar(hh: typeof h, data: PageData): Html;
  renderMain(hh: typeof h, data: PageData, pathname: string, selected: string | null): Html;
  renderPane(hh: typeof h, data: PageData, gid: string, pathname: string): Html;
}

/** The page's own views, evaluated on the server (same code as in the browser). */
export const views: Views = vm.runInNewContext(
  `${VIEW_SOURCE}\n({ taskGidFromPath, projectGidFromPath, pageTitle, renderSidebar, renderMain, renderPane })`,
  { URLSearchParams },
) as Views;

/** The task gid a web-app path names (`/0/…`, `/1/…`), or null. */
export function taskGidFromPath(pathname: string, search = ''): string | null {
  return views.taskGidFromPath(pathname, search);
}

/** The task gid of a full web-app URL; only `app.asana.com` (http or https) counts. */
export function taskGidFromUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.hostname !== 'app.asana.com' || (u.protocol !== 'https:' && u.protocol !== 'http:')) return null;
  return taskGidFromPath(u.pathname, u.search);
}

/** The slice of the world the page shows: the demo user's workspaces. */
export function pageData(world: World): PageData {
  const me = world.demoUser();
  const wsSet = new Set(me.workspaces);
  const projects = [...world.projects.values()].filter((p) => wsSet.has(p.workspace)).sort((a, b) => compareGids(a.gid, b.gid));
  const tasks = [...world.tasks.values()].filter((t) => wsSet.has(t.workspace)).sort((a, b) => compareGids(a.gid, b.gid));
  const users: Record<string, string> = {};
  for (const u of world.users.values()) if (u.workspaces.some((w) => wsSet.has(w))) users[u.gid] = u.name;
  return {
    me: { gid: me.gid, name: me.name, email: me.email },
    workspace: world.mainWorkspace().gid,
    workspaces: me.workspaces.flatMap((g) => {
      const ws = world.workspaces.get(g);
      return ws ? [{ gid: ws.gid, name: ws.name }] : [];
    }),
    projects: Object.fromEntries(projects.map((p) => [p.gid, { gid: p.gid, name: p.name, workspace: p.workspace }])),
    projectOrder: projects.map((p) => p.gid),
    users,
    tasks: Object.fromEntries(tasks.map((t) => [t.gid, {
      gid: t.gid, name: t.name, workspace: t.workspace, projects: [...t.projects], parent: t.parent, assignee: t.assignee,
      due_on: t.due_on, completed: t.completed, notes: t.notes, resource_subtype: t.resource_subtype,
      created_by: t.created_by, created_at: t.created_at,
    }])),
    taskOrder: tasks.map((t) => t.gid),
  };
}

/** JSON safe inside <script>: no `<`, `>`, `&` or line separators survive literally. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  body.ThemeSetter-themeLight { --bg: #ffffff; --fg: #1e1f21; --muted: #6d6e6f; --panel: #f9f8f8; --border: #e0e0e0; --accent: #4573d2; --pill: #edeae9; background-color: #ffffff; color: #1e1f21; color-scheme: light; }
  body.ThemeSetter-themeDark { --bg: #1e1f21; --fg: #f5f4f3; --muted: #a2a0a2; --panel: #2a2b2d; --border: #424244; --accent: #6a90e0; --pill: #3d3e40; background-color: #1e1f21; color: #f5f4f3; color-scheme: dark; }
  a { color: inherit; text-decoration: none; }
  .AsanaBaseTopbar { display: flex; align-items: center; gap: 16px; height: 48px; padding: 0 16px; background: var(--panel); border-bottom: 1px solid var(--border); }
  .AsanaBaseTopbar-logo { font-weight: 700; color: #f06a6a; letter-spacing: .02em; }
  .TopbarSearch { flex: 1; max-width: 480px; padding: 6px 10px; border-radius: 16px; border: 1px solid var(--border); background: var(--bg); color: var(--fg); }
  .ThemeToggleButton { padding: 4px 12px; border-radius: 6px; border: 1px solid var(--border); background: var(--bg); color: var(--fg); cursor: pointer; }
  .TopbarAvatar { width: 28px; height: 28px; border-radius: 50%; background: #f1bd6c; color: #1e1f21; display: flex; align-items: center; justify-content: center; font-size: 12px; }
  .AsanaBaseLayout { display: flex; min-height: calc(100vh - 48px); }
  .SidebarProjects { width: 240px; padding: 12px; background: var(--panel); border-right: 1px solid var(--border); }
  .SidebarProjects-header { font-size: 12px; color: var(--muted); margin: 8px 0; }
  .SidebarProjects-list { list-style: none; margin: 0; padding: 0; }
  .SidebarItemRow a { display: block; padding: 4px 8px; border-radius: 4px; }
  .SidebarItemRow a:hover { background: var(--pill); }
  .AsanaMainPane { flex: 1; padding: 16px 24px; min-width: 0; }
  .PageHeader-title { font-size: 20px; margin: 0 0 12px; }
  .TaskRow { display: grid; grid-template-columns: 24px 1fr 160px 100px; gap: 8px; padding: 6px 8px; border-bottom: 1px solid var(--border); }
  .TaskRow--selected { background: var(--pill); }
  .TaskRow--completed .TaskRow-name { color: var(--muted); }
  .TaskRow-assignee, .TaskRow-dueDate { color: var(--muted); font-size: 12px; }
  .TaskPaneContainer:empty { display: none; }
  .TaskPaneContainer { width: 520px; border-left: 1px solid var(--border); background: var(--bg); }
  .TaskPane { display: flex; flex-direction: column; height: 100%; }
  .TaskPaneToolbar { display: flex; align-items: center; gap: 8px; padding: 10px 16px; border-bottom: 1px solid var(--border); }
  .TaskPaneToolbar-spacer { flex: 1; }
  .TaskPaneToolbar-completeButton { padding: 4px 10px; border-radius: 6px; border: 1px solid var(--border); background: var(--bg); color: var(--fg); }
  .TaskPane-body { padding: 16px; }
  .TaskAncestry { font-size: 12px; color: var(--muted); }
  .simpleTextarea { width: 100%; font-size: 22px; font-weight: 500; border: 1px solid transparent; background: transparent; color: var(--fg); resize: none; }
  .TaskPaneFields { display: grid; gap: 10px; margin: 12px 0; }
  .TaskPaneFields-row { display: grid; grid-template-columns: 120px 1fr; align-items: center; }
  .TaskPaneFields-label { color: var(--muted); font-size: 12px; }
  .TaskProjects { display: flex; flex-wrap: wrap; gap: 6px; }
  .TaskProjectPill { background: var(--pill); border-radius: 12px; padding: 2px 10px; }
  .TaskDescription-label { color: var(--muted); font-size: 12px; margin-bottom: 4px; }
  .TaskDescription-text { white-space: pre-wrap; }
  .TaskStoryFeed { margin-top: auto; padding: 12px 16px; background: var(--panel); border-top: 1px solid var(--border); color: var(--muted); font-size: 12px; }
  .TaskPane-notFound { padding: 24px 16px; color: var(--muted); }
`;

/** The full HTML page for a web-app URL path. */
export function renderAppPage(world: World, pathname: string, search: string): string {
  const data = pageData(world);
  const gid = views.taskGidFromPath(pathname, search);
  const theme = new URLSearchParams(search).get('theme') === 'dark' ? 'Dark' : 'Light';
  const initials = data.me.name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
  const topbar = h('div', { class: 'AsanaBaseTopbar', role: 'banner' },
    h('div', { class: 'AsanaBaseTopbar-logo' }, 'asana'),
    { __html: '<input class="TopbarSearch" type="search" placeholder="Search" aria-label="Search">' },
    h('button', { type: 'button', class: 'ThemeToggleButton', 'aria-label': 'Toggle theme' }, 'Toggle theme'),
    h('div', { class: 'TopbarAvatar', title: data.me.name }, initials));
  const pane = gid === null ? '' : views.renderPane(h, data, gid, pathname).__html;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(views.pageTitle(data, pathname, search))}</title>
<style>${CSS}</style>
</head>
<body class="ThemeSetter-theme${theme}">
<script>${THEME_BOOT_SOURCE}</script>
<div id="asana_main" class="AsanaMain" data-initial-task-gid="${escapeHtml(gid ?? '')}">
${topbar.__html}
<div class="AsanaBaseLayout">
${views.renderSidebar(h, data).__html}
${views.renderMain(h, data, pathname, gid).__html}
<div class="TaskPaneContainer">${pane}</div>
</div>
</div>
<script type="application/json" id="sandbox-data">${embedJson(data)}</script>
<script>${VIEW_SOURCE}
${CLIENT_SOURCE}</script>
</body>
</html>
`;
}

/** True for the paths served as the web app. */
export function isAppPath(pathname: string): boolean {
  return pathname === '/' || pathname.startsWith('/0/') || pathname.startsWith('/1/') || pathname === '/0' || pathname === '/1';
}
