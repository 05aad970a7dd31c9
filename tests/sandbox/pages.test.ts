import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY } from './helpers.ts';
import { startSandbox, taskGidFromPath, taskGidFromUrl, type Sandbox } from './index.ts';

interface UrlCase { url: string; task_gid: string | null; note: string }
const CASES = JSON.parse(readFileSync(new URL('../fixtures/asana/task-urls.json', import.meta.url), 'utf8')) as UrlCase[];

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
  // Every task gid of the fixture exists in the world, so each URL shows a real pane.
  for (const c of CASES) if (c.task_gid && !sb.world.tasks.has(c.task_gid)) sb.world.addTask({ gid: c.task_gid, name: `Fixture task ${c.task_gid}`, projects: [sb.seed.projects.website.gid] });
});
afterAll(() => sb.close());

const page = async (pathAndQuery: string) => {
  const r = await fetch(`${sb.url}${pathAndQuery}`);
  return { status: r.status, type: r.headers.get('content-type'), html: await r.text() };
};
/** The server-rendered DOM only (the inline scripts mention every class name). */
const markup = (html: string) => html.slice(html.indexOf('<div id="asana_main"'), html.indexOf('<script type="application/json"'));
const initialGid = (html: string) => /data-initial-task-gid="(\d*)"/.exec(html)?.[1] ?? null;
const paneGid = (html: string) => /<div class="TaskPane SingleTaskPane[^"]*" data-task-gid="(\d+)"/.exec(html)?.[1] ?? null;

describe('the sandbox’s task URL parser', () => {
  it.each(CASES.map((c) => [c.url, c.task_gid] as const))('%s → %s', (url, gid) => {
    expect(taskGidFromUrl(url)).toBe(gid);
  });

  it('ignores query and trailing slash', () => {
    expect(taskGidFromPath('/0/0/123/', '?focus=true')).toBe('123');
    expect(taskGidFromPath('/1/1/task/55/f', '')).toBe('55');
  });
});

describe('task pages', () => {
  const pageCases = CASES.filter((c) => {
    const u = new URL(c.url);
    return u.hostname === 'app.asana.com' && /^\/[01]\//.test(u.pathname);
  });

  it.each(pageCases.map((c) => [c.url, c.task_gid] as const))('%s serves the app with the right pane', async (url, gid) => {
    const u = new URL(url);
    const r = await page(u.pathname + u.search);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.html).toContain('class="AsanaBaseTopbar"');
    expect(initialGid(r.html)).toBe(gid ?? '');
    expect(paneGid(r.html)).toBe(gid);
    if (gid) {
      expect(r.html).toContain(`<textarea class="simpleTextarea SingleTaskTitleInput-textarea" aria-label="Task Name" rows="1">Fixture task ${gid}</textarea>`);
      for (const cls of ['TaskPaneToolbar', 'SingleTaskTitleInput', 'TaskPaneFields', 'TaskProjectPill-projectName', 'TaskDescription', 'TaskStoryFeed']) {
        expect(markup(r.html), cls).toContain(`class="${cls}`);
      }
    } else {
      expect(markup(r.html)).not.toContain('class="TaskPane ');
      expect(markup(r.html)).toContain('<div class="TaskPaneContainer"></div>');
    }
  });

  it('serves / and shows the demo user’s tasks with V1 links', async () => {
    const r = await page('/');
    expect(r.status).toBe(200);
    expect(r.html).toContain('class="TaskRow');
    const big = sb.seed.tasks.big;
    expect(r.html).toContain(`href="/1/${sb.seed.workspaces.main.gid}/project/${sb.seed.projects.northwind.gid}/task/${big.gid}">Weekly client sync &amp; status reports</a>`);
    expect(r.html).toContain('Website Redesign');
  });

  it('a project URL lists the project’s tasks', async () => {
    const r = await page(`/1/${sb.seed.workspaces.main.gid}/project/${sb.seed.projects.mobile.gid}/list`);
    expect(r.html).toContain('<h1 class="PageHeader-title">Mobile App 2.0</h1>');
    expect(r.html).toContain('Public beta launch');
    expect(markup(r.html)).not.toContain('>Weekly client sync');
  });

  it('an unknown task gid shows a pane saying the task does not exist', async () => {
    const r = await page('/0/0/999999999999999');
    expect(paneGid(r.html)).toBe('999999999999999');
    expect(r.html).toContain('TaskPane--notFound');
    expect(r.html).toContain('This task does not exist');
    expect(markup(r.html)).not.toContain('SingleTaskTitleInput');
  });

  it('renders names as text: hostile markup is escaped in HTML and in the embedded JSON', async () => {
    const t = sb.seed.tasks.hostile;
    const r = await page(`/1/${sb.seed.workspaces.main.gid}/task/${t.gid}`);
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).not.toContain('<script>alert');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt;Launch &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    const json = /<script type="application\/json" id="sandbox-data">([\s\S]*?)<\/script>/.exec(r.html)![1]!;
    expect(json).not.toContain('<');
    const data = JSON.parse(json) as { tasks: Record<string, { name: string }> };
    expect(data.tasks[t.gid]!.name).toBe(t.name);
  });

  it('is self-contained (no external scripts, styles or fonts)', async () => {
    const r = await page('/');
    expect(r.html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    expect(r.html).not.toMatch(/@import|url\(/);
  });

  it('themes: light by default, ?theme=dark forces dark, with different colours', async () => {
    expect((await page('/')).html).toContain('<body class="ThemeSetter-themeLight">');
    const dark = await page('/0/0/1?theme=dark');
    expect(dark.html).toContain('<body class="ThemeSetter-themeDark">');
    expect(dark.html).toMatch(/body\.ThemeSetter-themeDark \{[^}]*background-color: #1e1f21/);
    expect(dark.html).toMatch(/body\.ThemeSetter-themeLight \{[^}]*background-color: #ffffff/);
    expect(dark.html).toContain('aria-label="Toggle theme"');
  });
});

describe('client-side behaviour (happy-dom)', () => {
  async function open(path: string) {
    const url = `${sb.url}${path}`;
    const html = (await page(path)).html;
    const window = new Window({
      url,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
    });
    window.document.write(html);
    await window.happyDOM.waitUntilComplete();
    return window;
  }

  it('a row click pushes the URL and re-renders the same pane element; back/forward re-render', async () => {
    const ws = sb.seed.workspaces.main.gid;
    const window = await open(`/1/${ws}/project/${sb.seed.projects.website.gid}/task/${sb.seed.tasks.twoProjects.gid}`);
    try {
      const doc = window.document;
      const pane = doc.querySelector('.TaskPane')!;
      expect(pane.getAttribute('data-task-gid')).toBe(sb.seed.tasks.twoProjects.gid);
      const row = [...doc.querySelectorAll('.TaskRow')].find((r) => r.getAttribute('data-task-gid') === sb.seed.tasks.subtaskParent.gid)!;
      (row.querySelector('a') as unknown as { click(): void }).click();
      expect(window.location.pathname).toBe(`/1/${ws}/project/${sb.seed.projects.website.gid}/task/${sb.seed.tasks.subtaskParent.gid}`);
      expect(doc.querySelector('.TaskPane')).toBe(pane);
      expect(pane.getAttribute('data-task-gid')).toBe(sb.seed.tasks.subtaskParent.gid);
      expect((doc.querySelector('textarea.simpleTextarea') as unknown as { value: string }).value).toBe('Homepage hero redesign');
      expect(doc.querySelector('.TaskRow--selected')?.getAttribute('data-task-gid')).toBe(sb.seed.tasks.subtaskParent.gid);
      expect(doc.title).toBe('Homepage hero redesign - Asana');

      window.history.back();
      await new Promise((r) => setTimeout(r, 30));
      expect(pane.getAttribute('data-task-gid')).toBe(sb.seed.tasks.twoProjects.gid);

      (window as unknown as { __sandboxNavigate(url: string): void }).__sandboxNavigate(`/1/${ws}/project/${sb.seed.projects.website.gid}/list`);
      expect(doc.querySelector('.TaskPane')).toBeNull();
      (window as unknown as { __sandboxNavigate(url: string): void }).__sandboxNavigate(`/0/0/${sb.seed.tasks.hostile.gid}`);
      const hostile = doc.querySelector('.TaskPane')!;
      expect(hostile.querySelector('textarea')!.textContent).toBe(sb.seed.tasks.hostile.name);
      expect(doc.querySelector('img')).toBeNull();
      expect(doc.querySelector('.AsanaMainPane .PageHeader-title')!.textContent).toBe('My tasks');
    } finally {
      await window.happyDOM.close();
    }
  });

  it('the theme toggle switches the body class and colours and is remembered', async () => {
    const window = await open('/');
    try {
      const doc = window.document;
      expect(window.getComputedStyle(doc.body).backgroundColor).toBe('#ffffff');
      (doc.querySelector('.ThemeToggleButton') as unknown as { click(): void }).click();
      expect(doc.body.classList.contains('ThemeSetter-themeDark')).toBe(true);
      expect(window.getComputedStyle(doc.body).backgroundColor).toBe('#1e1f21');
      expect(window.localStorage.getItem('asana-sandbox-theme')).toBe('dark');
    } finally {
      await window.happyDOM.close();
    }
  });
});
