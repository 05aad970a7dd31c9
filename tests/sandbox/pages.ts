/**
 * The imitation of Asana's single-page web app, served for `/`, `/0/…` and `/1/…`: Asana's real
 * task-page markup as PLAYBOOK §7 shows it (a task pane `div.TaskPane[role=dialog][data-task-id]`
 * named by its task, docked over a list or board, full page, in the inbox or in a dialog; its
 * toolbar, title row, field rows with the description inside the field grid, subtasks, feed and
 * comment composer), the theme as a `DesignTokenThemeSelectors-theme--…` class on `<body>` with
 * the background painted by `.ThemeSetter-themeBackground`. Which source each part follows, and
 * what was chosen without evidence: tests/sandbox/README.md. Offline: no external resources.
 * The world data the page needs is embedded as JSON with `<` escaped.
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
  projects: Record<string, { gid: string; name: string; workspace: string; section: string }>;
  /** The demo user's "My tasks" list (a gid of its own, as in V0 URLs `/0/{list}/{task}`). */
  myTasks: string;
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
  if (tag === 'input') return { __html: out }; // a void element: no end tag
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

/** What a URL shows (page-views.ts `route`). */
export interface Route {
  layout: 'list' | 'board' | 'focus' | 'inbox' | 'home';
  /** The task the URL names. */
  task: string | null;
  /** The task the pane shows (an inbox item's task when the URL names none). */
  paneTask: string | null;
  project: string | null;
  item: string | null;
}

interface Views {
  taskGidFromPath(pathname: string, search: string): string | null;
  route(data: PageData, pathname: string, search: string, views: null): Route;
  inboxItems(data: PageData): Array<{ gid: string; task: string }>;
  pageTitle(data: PageData, pathname: string, search: string): string;
  renderTopbar(hh: typeof h, data: PageData): Html;
  renderSidebar(hh: typeof h, data: PageData): Html;
  renderPage(hh: typeof h, data: PageData, r: Route): Html;
  renderLayer(hh: typeof h, data: PageData, r: Route): Html | null;
}

/** The page's own views, evaluated on the server (same code as in the browser). */
export const views: Views = vm.runInNewContext(
  `${VIEW_SOURCE}\n({ taskGidFromPath, route, inboxItems, pageTitle, renderTopbar, renderSidebar, renderPage, renderLayer })`,
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
    projects: Object.fromEntries(projects.map((p) => [p.gid, { gid: p.gid, name: p.name, workspace: p.workspace, section: p.section.name }])),
    myTasks: `${me.gid}1`,
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
  html, body { margin: 0; height: 100%; }
  body { font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); }
  body.DesignTokenThemeSelectors-theme--lightMode, body.DesignTokenThemeSelectors-theme--systemLightMode { --bg: #ffffff; --fg: #1e1f21; --muted: #6d6e6f; --panel: #f9f8f8; --border: #e0e0e0; --pill: #edeae9; color-scheme: light; }
  body.DesignTokenThemeSelectors-theme--darkMode, body.DesignTokenThemeSelectors-theme--systemDarkMode { --bg: #1e1f21; --fg: #f5f4f3; --muted: #a2a0a2; --panel: #2a2b2d; --border: #424244; --pill: #3d3e40; color-scheme: dark; }
  .AppRoot { position: relative; }
  .ThemeSetter-themeBackground { position: absolute; inset: 0; background-color: var(--bg); }
  .AppRoot-fullPage { position: relative; }
  a { color: inherit; text-decoration: none; }
  #asana_main { display: flex; height: 100vh; }
  .SidebarResizableContainer { width: 240px; flex: none; padding: 12px; background: var(--panel); border-right: 1px solid var(--border); overflow: auto; }
  .SidebarResizableContainer nav { display: grid; gap: 2px; margin-bottom: 16px; }
  .SidebarItemRow { display: block; padding: 4px 8px; border-radius: 4px; }
  .SidebarItemRow:hover { background: var(--pill); }
  .SandboxSidebarHeader { font-size: 12px; color: var(--muted); margin: 8px 0 4px; }
  .AsanaMain-asanaPageAndTopbar { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  .AsanaBaseTopbar { display: flex; align-items: center; gap: 16px; height: 48px; flex: none; padding: 0 16px; background: var(--panel); border-bottom: 1px solid var(--border); }
  .SandboxLogo { font-weight: 700; color: #f06a6a; }
  .SandboxSearch { flex: 1; max-width: 480px; padding: 6px 10px; border-radius: 16px; border: 1px solid var(--border); background: var(--bg); color: var(--fg); }
  .SandboxThemePicker select { margin-left: 4px; background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 6px; }
  .SandboxAvatar { width: 28px; height: 28px; border-radius: 50%; background: #f1bd6c; color: #1e1f21; display: flex; align-items: center; justify-content: center; font-size: 12px; }
  .SandboxPage { flex: 1; min-height: 0; position: relative; }
  .SandboxMuted { color: var(--muted); font-size: 12px; }
  .FullWidthPageStructureWithDetailsOverlay, .FullWidthPageStructureWithDetailsOverlay-fullWidth { height: 100%; }
  .FullWidthPageStructureWithDetailsOverlay-mainContent { height: 100%; overflow: auto; padding: 16px 24px; }
  .FullWidthPageStructureWithDetailsOverlay-detailsOverlay { display: none; position: absolute; top: 0; right: 0; bottom: 0; width: 560px; background: var(--bg); border-left: 1px solid var(--border); box-shadow: -4px 0 16px #0002; }
  .FullWidthPageStructureWithDetailsOverlay-detailsOverlay--visible { display: block; }
  .TaskPane-focusTrap { height: 100%; }
  .ProjectPageHeader, .SandboxPageHeader { display: flex; align-items: baseline; gap: 16px; margin-bottom: 12px; }
  .ProjectPageHeader h1, .SandboxPageHeader h1 { font-size: 20px; margin: 0; }
  .ProjectPageHeader nav { display: flex; gap: 12px; }
  .ProjectPageHeader nav a[aria-current] { font-weight: 600; text-decoration: underline; }
  .SpreadsheetRow { display: grid; grid-template-columns: 24px 1fr 160px 100px; gap: 8px; padding: 6px 8px; border-bottom: 1px solid var(--border); }
  .SpreadsheetRow[aria-selected="true"] { background: var(--pill); }
  .Board { display: flex; gap: 16px; }
  .SandboxBoardColumn { width: 280px; display: grid; gap: 8px; align-content: start; }
  .SandboxBoardColumn h2 { font-size: 14px; margin: 0; }
  .BoardCardLayout { display: block; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; background: var(--panel); }
  .BoardCardLayout[aria-current] { outline: 2px solid #4573d2; }
  .FocusModePage { height: 100%; display: flex; justify-content: center; }
  .FocusModePage-taskPane { width: 760px; max-width: 100%; height: 100%; border-left: 1px solid var(--border); border-right: 1px solid var(--border); }
  .InboxPanesOrEmptyState { display: flex; height: 100%; }
  .InboxPanesOrEmptyState-pane { width: 380px; flex: none; overflow: auto; padding: 16px; border-right: 1px solid var(--border); }
  .InboxPanesOrEmptyState-pane h1 { font-size: 20px; margin: 0 0 12px; }
  .InboxPanesOrEmptyState-pane ul { list-style: none; margin: 0; padding: 0; }
  .InboxPanesOrEmptyState-pane li a { display: block; padding: 8px; border-bottom: 1px solid var(--border); }
  .InboxPanesOrEmptyState-pane li a[aria-current] { background: var(--pill); }
  .InboxPanesOrEmptyState-pane.InboxPanesOrEmptyState-detailsPane { flex: 1; width: auto; padding: 0; border-right: 0; }
  .HomePageContent { padding: 24px; height: 100%; overflow: auto; }
  .DecorativeModalLayer { position: fixed; inset: 0; z-index: 100; display: flex; align-items: center; justify-content: center; background: #0008; }
  .DecorativeModalLayer > .TaskPane { width: 680px; height: 86vh; border-radius: 8px; background: var(--bg); color: var(--fg); }
  .TaskPane { display: flex; flex-direction: column; height: 100%; }
  .TaskPaneToolbar { display: flex; flex: none; align-items: center; gap: 8px; padding: 10px 16px; border-bottom: 1px solid var(--border); }
  .SandboxToolbarSpacer { flex: 1; }
  .TaskCompletionToggleButton, .TaskPaneToolbar-button { padding: 4px 10px; border-radius: 6px; border: 1px solid var(--border); cursor: pointer; }
  .TaskPane-body { flex: 1; min-height: 0; overflow: auto; padding: 16px 24px; }
  .TaskAncestry { font-size: 12px; color: var(--muted); }
  .simpleTextarea { width: 100%; font-size: 22px; font-weight: 500; border: 1px solid transparent; background: transparent; color: var(--fg); resize: none; font-family: inherit; }
  .TaskPaneFields { display: grid; gap: 4px; margin: 12px 0; }
  .LabeledRowStructure { display: flex; align-items: center; min-height: 36px; }
  .LabeledRowStructure-left { flex: none; }
  .LabeledRowStructure-label { color: var(--muted); font-size: 12px; }
  .LabeledRowStructure-right { flex: 1; min-width: 0; }
  .TaskProjects-projectList { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
  .TaskProjectToken { background: var(--pill); border-radius: 12px; padding: 2px 10px; }
  .TaskDescription .ProseMirror { padding: 4px 0; }
  .TaskDescription .ProseMirror p { margin: 0 0 8px; }
  .TaskPane-feed { margin-top: 16px; padding-top: 12px; border-top: 1px solid var(--border); color: var(--muted); font-size: 12px; }
  .TaskPane-footer { flex: none; padding: 12px 16px; background: var(--panel); border-top: 1px solid var(--border); }
  .CommentComposer textarea { width: 100%; border: 1px solid var(--border); border-radius: 6px; padding: 6px 8px; background: var(--bg); color: var(--fg); font: inherit; resize: none; }
`;

/** The full HTML page for a web-app URL path. */
export function renderAppPage(world: World, pathname: string, search: string): string {
  const data = pageData(world);
  const r = views.route(data, pathname, search, null);
  const forced = new URLSearchParams(search).get('theme');
  const theme = forced === 'dark' ? 'darkMode' : 'lightMode';
  const layer = views.renderLayer(h, data, r);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(views.pageTitle(data, pathname, search))}</title>
<style>${CSS}</style>
</head>
<body class="DesignTokenThemeSelectors-theme--${theme}">
<script>${THEME_BOOT_SOURCE}</script>
<div id="asana" class="notranslate">
<div class="AppRoot">
<div class="ThemeSetter-themeBackground"></div>
<div id="asana_full_page" class="AppRoot-fullPage">
<div class="AsanaMain">
<div id="asana_main" class="AsanaMain-mainLayer">
${views.renderSidebar(h, data).__html}
<main id="asana_main_page" class="AsanaMain-asanaPageAndTopbar">
${views.renderTopbar(h, data).__html}
${views.renderPage(h, data, r).__html}
</main>
</div>
</div>
</div>
</div>
</div>
${layer ? layer.__html : ''}
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
