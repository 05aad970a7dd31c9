/**
 * The sandbox's imitation of Asana's web app: its URL parser, and pages that follow Asana's real
 * task-page markup (PLAYBOOK §7) in every layout, server-rendered and after client navigation.
 */
import { readFileSync } from 'node:fs';
import { Window, type Element as PageElement } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY } from './helpers.ts';
import { startSandbox, taskGidFromPath, taskGidFromUrl, type Sandbox } from './index.ts';

interface UrlCase { url: string; task_gid: string | null; note: string }
const CASES = JSON.parse(readFileSync(new URL('../fixtures/asana/task-urls.json', import.meta.url), 'utf8')) as UrlCase[];

let sb: Sandbox;
let ws: string;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
  ws = sb.seed.workspaces.main.gid;
  // Every task gid of the fixture exists in the world, so each URL shows a real pane.
  for (const c of CASES) if (c.task_gid && !sb.world.tasks.has(c.task_gid)) sb.world.addTask({ gid: c.task_gid, name: `Fixture task ${c.task_gid}`, projects: [sb.seed.projects.website.gid] });
});
afterAll(() => sb.close());

const fetchPage = async (pathAndQuery: string) => {
  const r = await fetch(`${sb.url}${pathAndQuery}`);
  return { status: r.status, type: r.headers.get('content-type'), html: await r.text() };
};

/** The page as a browser would have it, scripts run (happy-dom). */
async function open(path: string, options: { dark?: boolean } = {}) {
  const html = (await fetchPage(path)).html;
  const window = new Window({
    url: `${sb.url}${path}`,
    settings: {
      enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true,
      device: { prefersColorScheme: options.dark ? 'dark' : 'light' },
    },
  });
  window.document.write(html);
  await window.happyDOM.waitUntilComplete();
  return window;
}
/** The server-rendered DOM, without scripts. */
async function parse(path: string) {
  const window = new Window({ url: `${sb.url}${path}`, settings: { disableJavaScriptEvaluation: true } });
  window.document.write((await fetchPage(path)).html);
  return window;
}
const navigate = (window: Window, url: string) => (window as unknown as { __sandboxNavigate(url: string): void }).__sandboxNavigate(url);
const panes = (window: Window) => [...window.document.querySelectorAll('.TaskPane')];

/** Asana's pane as PLAYBOOK §7 describes it; throws with what differs. */
function expectRealPane(pane: PageElement, gid: string, name: string) {
  expect(pane.getAttribute('role')).toBe('dialog');
  expect(pane.getAttribute('data-task-id')).toBe(gid);
  expect(pane.getAttribute('aria-label')).toBe(name);
  expect(pane.querySelector('.TaskPaneToolbar .TaskPaneToolbar-copyLinkButton')).not.toBeNull();
  expect(pane.querySelector('.TaskPaneToolbar .TaskPaneExtraActionsButton')).not.toBeNull();
  expect((pane.querySelector('.TitleInput.TaskPane-titleRow > textarea') as unknown as { value: string }).value).toBe(name);
  const fields = pane.querySelector('.TaskPane-premiumFeaturesSection > .TaskPaneFields')!;
  expect(fields.querySelector(':scope > .LabeledRowStructure.TaskPaneFields-assigneeRow > .LabeledRowStructure-left + .LabeledRowStructure-right')).not.toBeNull();
  // The description is INSIDE the field grid, its last child.
  const last = fields.lastElementChild!;
  expect(last.querySelector(':scope > .TaskPaneFields-taskDescription')).not.toBeNull();
  expect(last.querySelector(':scope > .TaskDescription > #TaskDescription > .ProseMirror')).not.toBeNull();
  // Then subtasks, the feed, and the comment composer at the foot.
  expect(pane.querySelector('.TaskPane-premiumFeaturesSection + .TaskPaneSubtasks + .TaskPane-feed > .TaskStoryFeed')).not.toBeNull();
  expect(pane.lastElementChild!.matches('.TaskPane-footer') && pane.lastElementChild!.querySelector('.CommentComposer')).toBeTruthy();
}

describe('the sandbox’s task URL parser', () => {
  it.each(CASES.map((c) => [c.url, c.task_gid] as const))('%s → %s', (url, gid) => {
    expect(taskGidFromUrl(url)).toBe(gid);
  });

  it('ignores query and trailing slash', () => {
    expect(taskGidFromPath('/0/0/123/', '?focus=true')).toBe('123');
    expect(taskGidFromPath('/1/1/task/55/f', '')).toBe('55');
  });

  it('an inbox item URL names no task', () => {
    expect(taskGidFromPath('/1/1/inbox/2/item/3', '')).toBeNull();
  });
});

describe('task pages follow Asana’s real markup', () => {
  const pageCases = CASES.filter((c) => {
    const u = new URL(c.url);
    return u.hostname === 'app.asana.com' && /^\/[01]\//.test(u.pathname);
  });

  it.each(pageCases.map((c) => [c.url, c.task_gid] as const))('%s serves the app with the right pane', async (url, gid) => {
    const u = new URL(url);
    const r = await fetchPage(u.pathname + u.search);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    const window = await parse(u.pathname + u.search);
    try {
      expect(window.document.querySelector('.AsanaBaseTopbar')).not.toBeNull();
      if (gid) {
        expect(panes(window)).toHaveLength(1);
        expectRealPane(panes(window)[0]!, gid, `Fixture task ${gid}`);
      } else {
        expect(panes(window)).toHaveLength(0);
      }
    } finally {
      await window.happyDOM.close();
    }
  });

  it('uses none of the names the old imitation invented', async () => {
    for (const path of [`/0/0/${sb.seed.tasks.big.gid}`, `/1/${ws}/inbox/${sb.seed.users.me.gid}`, '/']) {
      const { html } = await fetchPage(path);
      for (const invented of ['SingleTaskPane', 'SingleTaskTitleInput', 'data-task-gid', 'ThemeSetter-themeLight', 'ThemeSetter-themeDark', 'TaskPaneContainer', 'Toggle theme', 'Task details', 'TaskPaneFields-row', 'AsanaMainPane', 'data-initial-task-gid']) {
        expect(html, `${path}: ${invented}`).not.toContain(invented);
      }
    }
  });

  it('docks the pane over a project list: .FullWidthPageStructureWithDetailsOverlay-detailsOverlay > .TaskPane-focusTrap > .TaskPane', async () => {
    const t = sb.seed.tasks.twoProjects;
    const window = await parse(`/1/${ws}/project/${sb.seed.projects.website.gid}/task/${t.gid}`);
    try {
      const pane = window.document.querySelector('.FullWidthPageStructureWithDetailsOverlay-detailsOverlay--visible > .FocusTrap.TaskPane-focusTrap > .TaskPane')!;
      expectRealPane(pane, t.gid, t.name);
      expect(window.document.querySelector('.SpreadsheetGridScroller-container .SpreadsheetRow .SpreadsheetTaskName')).not.toBeNull();
      expect(window.document.querySelector('.ProjectPageHeader h1')!.textContent).toBe('Website Redesign');
    } finally {
      await window.happyDOM.close();
    }
  });

  it('shows a /f task full page: .FocusModePage-taskPane > .TaskPane', async () => {
    const t = sb.seed.tasks.empty;
    const window = await parse(`/0/0/${t.gid}/f`);
    try {
      expectRealPane(window.document.querySelector('.FocusModePage-taskPane > .TaskPane')!, t.gid, t.name);
      expect(window.document.querySelector('.FullWidthPageStructureWithDetailsOverlay')).toBeNull();
    } finally {
      await window.happyDOM.close();
    }
  });

  it('shows an inbox item in .InboxPanesOrEmptyState-detailsPane, its task named only by the pane', async () => {
    const root = await parse(`/1/${ws}/inbox/${sb.seed.users.me.gid}`);
    const link = root.document.querySelector('.InboxPanesOrEmptyState-pane a[href*="/item/"]')!.getAttribute('href')!;
    expect(root.document.querySelector('.TaskPane')).toBeNull();
    await root.happyDOM.close();
    expect(taskGidFromPath(link, '')).toBeNull();
    const item = await parse(link);
    try {
      const pane = item.document.querySelector('.InboxPanesOrEmptyState-pane.InboxPanesOrEmptyState-detailsPane > .TaskPane')!;
      const gid = pane.getAttribute('data-task-id')!;
      expect(link).not.toContain(gid);
      expectRealPane(pane, gid, sb.world.tasks.get(gid)!.name);
    } finally {
      await item.happyDOM.close();
    }
    // A V0 inbox link names its task in the URL.
    const v0 = await parse(`/0/inbox/${sb.seed.users.me.gid}/${sb.seed.tasks.empty.gid}/${sb.seed.tasks.empty.gid}1`);
    try {
      expect(v0.document.querySelector('.InboxPanesOrEmptyState-detailsPane > .TaskPane')!.getAttribute('data-task-id')).toBe(sb.seed.tasks.empty.gid);
    } finally {
      await v0.happyDOM.close();
    }
  });

  it('opens a task from Home as a dialog in a modal layer', async () => {
    const t = sb.seed.tasks.milestone;
    const window = await parse(`/0/home/${ws}/${t.gid}`);
    try {
      const pane = window.document.querySelector('[data-layerid] > .DecorativeModalLayer > .TaskPane')!;
      expectRealPane(pane, t.gid, t.name);
      expect(pane.getAttribute('aria-modal')).toBe('true');
      expect(window.document.querySelector('.HomePageContent')).not.toBeNull();
    } finally {
      await window.happyDOM.close();
    }
  });

  it('serves / and shows the demo user’s tasks with V1 links', async () => {
    const r = await fetchPage('/');
    expect(r.status).toBe(200);
    expect(r.html).toContain('class="SpreadsheetRow');
    const big = sb.seed.tasks.big;
    expect(r.html).toContain(`href="/1/${ws}/project/${sb.seed.projects.northwind.gid}/task/${big.gid}">Weekly client sync &amp; status reports</a>`);
    expect(r.html).toContain('Website Redesign');
  });

  it('a project URL lists the project’s tasks; /board shows them as cards', async () => {
    const list = await fetchPage(`/1/${ws}/project/${sb.seed.projects.mobile.gid}/list`);
    expect(list.html).toContain('<h1>Mobile App 2.0</h1>');
    expect(list.html).toContain('Public beta launch');
    expect(list.html).not.toContain('>Weekly client sync');
    const board = await parse(`/1/${ws}/project/${sb.seed.projects.mobile.gid}/board`);
    try {
      const cards = [...board.document.querySelectorAll('.Board .BoardCardLayout[data-task-id]')].map((c) => c.textContent);
      expect(cards).toContain('Public beta launch');
    } finally {
      await board.happyDOM.close();
    }
  });

  it('an unknown task gid shows a pane saying the task does not exist', async () => {
    const window = await parse('/0/0/999999999999999');
    try {
      const pane = window.document.querySelector('.TaskPane')!;
      expect(pane.getAttribute('data-task-id')).toBe('999999999999999');
      expect(pane.querySelector('[role=alert]')!.textContent).toContain('This task does not exist');
      expect(pane.querySelector('.TaskPaneFields')).toBeNull();
    } finally {
      await window.happyDOM.close();
    }
  });

  it('renders names as text: hostile markup is escaped in HTML and in the embedded JSON', async () => {
    const t = sb.seed.tasks.hostile;
    const r = await fetchPage(`/1/${ws}/task/${t.gid}`);
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).not.toContain('<script>alert');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;Launch &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(r.html).toContain('aria-label="&lt;img src=x onerror=alert(1)&gt;Launch');
    const json = /<script type="application\/json" id="sandbox-data">([\s\S]*?)<\/script>/.exec(r.html)![1]!;
    expect(json).not.toContain('<');
    const data = JSON.parse(json) as { tasks: Record<string, { name: string }> };
    expect(data.tasks[t.gid]!.name).toBe(t.name);
  });

  it('is self-contained (no external scripts, styles or fonts)', async () => {
    const r = await fetchPage('/');
    expect(r.html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    expect(r.html).not.toMatch(/@import|url\(/);
  });

  it('marks the theme on <body> as Asana does; the background is painted by its own element', async () => {
    expect((await fetchPage('/')).html).toContain('<body class="DesignTokenThemeSelectors-theme--lightMode">');
    const dark = await fetchPage('/0/0/1?theme=dark');
    expect(dark.html).toContain('<body class="DesignTokenThemeSelectors-theme--darkMode">');
    expect(dark.html).toContain('<div class="ThemeSetter-themeBackground"></div>');
    expect(dark.html).toMatch(/\.ThemeSetter-themeBackground \{[^}]*position: absolute[^}]*background-color: var\(--bg\)/);
    expect(dark.html).not.toMatch(/body[^{]*\{[^}]*background/);
  });
});

describe('client-side behaviour (happy-dom)', () => {
  it('a row click pushes the URL and re-renders the same pane element; back/forward re-render', async () => {
    const window = await open(`/1/${ws}/project/${sb.seed.projects.website.gid}/task/${sb.seed.tasks.twoProjects.gid}`);
    try {
      const doc = window.document;
      const pane = doc.querySelector('.TaskPane')!;
      expect(pane.getAttribute('data-task-id')).toBe(sb.seed.tasks.twoProjects.gid);
      const row = [...doc.querySelectorAll('.SpreadsheetRow')].find((r) => r.querySelector('a')!.getAttribute('href')!.endsWith(sb.seed.tasks.subtaskParent.gid))!;
      (row.querySelector('a') as unknown as { click(): void }).click();
      expect(window.location.pathname).toBe(`/1/${ws}/project/${sb.seed.projects.website.gid}/task/${sb.seed.tasks.subtaskParent.gid}`);
      expect(doc.querySelector('.TaskPane')).toBe(pane);
      expectRealPane(pane, sb.seed.tasks.subtaskParent.gid, 'Homepage hero redesign');
      expect(row.getAttribute('aria-selected')).toBe('true');
      expect(doc.title).toBe('Homepage hero redesign - Asana');

      window.history.back();
      await expect.poll(() => pane.getAttribute('data-task-id')).toBe(sb.seed.tasks.twoProjects.gid);

      navigate(window, `/1/${ws}/project/${sb.seed.projects.website.gid}/list`);
      expect(doc.querySelector('.TaskPane')).toBeNull();
      expect(doc.querySelector('.FullWidthPageStructureWithDetailsOverlay-detailsOverlay--visible')).toBeNull();
      navigate(window, `/0/0/${sb.seed.tasks.hostile.gid}`);
      const hostile = doc.querySelector('.TaskPane')!;
      expect(hostile.querySelector('textarea')!.textContent).toBe(sb.seed.tasks.hostile.name);
      expect(hostile.getAttribute('aria-label')).toBe(sb.seed.tasks.hostile.name);
      expect(doc.querySelector('img')).toBeNull();
      expect(doc.querySelector('.SandboxPageHeader h1')!.textContent).toBe('My tasks');
    } finally {
      await window.happyDOM.close();
    }
  });

  it('a task opened from a board is docked over the board; every layout is reached by navigation', async () => {
    const p = sb.seed.projects.website.gid;
    const window = await open(`/1/${ws}/project/${p}/board`);
    try {
      const doc = window.document;
      const layout = () => doc.querySelector('.SandboxPage')!.getAttribute('data-layout');
      (doc.querySelectorAll('.BoardCardLayout')[1] as unknown as { click(): void }).click();
      expect(layout()).toBe('board');
      const gid = doc.querySelectorAll('.BoardCardLayout')[1]!.getAttribute('data-task-id')!;
      expect(doc.querySelector('.FullWidthPageStructureWithDetailsOverlay-detailsOverlay--visible .TaskPane')!.getAttribute('data-task-id')).toBe(gid);
      expect(doc.querySelectorAll('.BoardCardLayout')[1]!.getAttribute('aria-current')).toBe('true');
      (doc.querySelector('.TaskPaneToolbar-fullScreenButton') as unknown as { click(): void }).click();
      expect(layout()).toBe('focus');
      expect(doc.querySelector('.FocusModePage-taskPane > .TaskPane')!.getAttribute('data-task-id')).toBe(gid);
      (doc.querySelector('.SidebarItemRow[href$="/inbox/' + sb.seed.users.me.gid + '"]') as unknown as { click(): void }).click();
      expect(layout()).toBe('inbox');
      expect(panes(window)).toHaveLength(0);
      const item = doc.querySelector('.InboxPanesOrEmptyState-pane a[href*="/item/"]') as unknown as { click(): void; getAttribute(n: string): string };
      item.click();
      expect(taskGidFromPath(window.location.pathname, '')).toBeNull();
      const inboxPane = doc.querySelector('.InboxPanesOrEmptyState-detailsPane > .TaskPane')!;
      expect(inboxPane.getAttribute('data-task-id')).toMatch(/^\d+$/);
      expect(doc.querySelector(`.InboxPanesOrEmptyState-pane a[href="${item.getAttribute('href')}"]`)!.getAttribute('aria-current')).toBe('true');
      (doc.querySelector('.SidebarItemRow[href$="/home"]') as unknown as { click(): void }).click();
      expect(layout()).toBe('home');
      (doc.querySelector('.HomePageContent a') as unknown as { click(): void }).click();
      const dialog = doc.querySelector('[data-layerid] .TaskPane')!;
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      (dialog.querySelector('.TaskPaneToolbar-closeButton') as unknown as { click(): void }).click();
      expect(doc.querySelector('[data-layerid]')).toBeNull();
      expect(panes(window)).toHaveLength(0);
    } finally {
      await window.happyDOM.close();
    }
  });

  it('the theme picker switches Asana’s body class (explicit and system variants) and is remembered', async () => {
    const window = await open('/', { dark: true });
    try {
      const doc = window.document;
      const picker = doc.querySelector('.SandboxThemePicker select') as unknown as { value: string; dispatchEvent(e: Event): void };
      const choose = (value: string) => {
        picker.value = value;
        picker.dispatchEvent(new window.Event('change') as unknown as Event);
      };
      expect(doc.body.className).toBe('DesignTokenThemeSelectors-theme--lightMode');
      choose('dark');
      expect(doc.body.className).toBe('DesignTokenThemeSelectors-theme--darkMode');
      expect(window.getComputedStyle(doc.querySelector('.ThemeSetter-themeBackground')!).backgroundColor).toBe('#1e1f21');
      choose('system'); // the OS is dark here
      expect(doc.body.className).toBe('DesignTokenThemeSelectors-theme--systemDarkMode');
      expect(window.localStorage.getItem('asana-sandbox-theme')).toBe('system');
      choose('light');
      expect(doc.body.className).toBe('DesignTokenThemeSelectors-theme--lightMode');
      expect(window.getComputedStyle(doc.querySelector('.ThemeSetter-themeBackground')!).backgroundColor).toBe('#ffffff');
    } finally {
      await window.happyDOM.close();
    }
  });
});
