/**
 * The imitation web app's views, routes and URL parser, written ONCE as browser JavaScript
 * (ES2017, no dependencies) and used twice:
 * - in the page, with a DOM `h(tag, attrs, ...children)` (client-side navigation re-renders);
 * - on the server through `node:vm`, with a string `h` (the initial HTML is server-rendered, so a
 *   plain fetch of a task URL already contains the task pane).
 * Text always goes through `h` children (textContent / escaped) or attributes, never markup.
 *
 * The markup follows Asana's real task page as PLAYBOOK §7 shows it (which source each part
 * follows is in tests/sandbox/README.md). Classes starting with `Sandbox` are the sandbox's own
 * scaffolding, with no Asana counterpart.
 *
 * Task URL rules (FACTS.md §12): V1 → the gid right after a `task` segment; V0 `/0/{p|0}/{t}[/f]`
 * → 2nd gid when it differs from the 1st; `/0/search/{x}/{t}` → 3rd; `/0/search?child={t}`;
 * `/0/inbox/{user}/{t}/{story}` → the middle gid; `/0/home/{ws}/{t}` → the last; else no task.
 * Layouts: a project's list or board, or My tasks, with the task docked over it; the full-page
 * task (`/f`); the inbox (`/0/inbox/…`, `/1/{ws}/inbox/{user}[/item/{item}]`, whose item URLs
 * name no task: the pane's `data-task-id` does); Home, with a task opened from it in a dialog.
 */
export const VIEW_SOURCE = String.raw`
function isGid(s) { return typeof s === 'string' && /^\d+$/.test(s); }

function pathSegments(pathname) {
  var segs = String(pathname || '').split('/').filter(function (s) { return s.length > 0; });
  if (segs.length > 0 && segs[segs.length - 1] === 'f') segs.pop();
  return segs;
}

function taskGidFromPath(pathname, search) {
  var segs = pathSegments(pathname);
  var i;
  if (segs[0] === '1') {
    for (i = 2; i < segs.length - 1; i++) if (segs[i] === 'task' && isGid(segs[i + 1])) return segs[i + 1];
    return null;
  }
  if (segs[0] !== '0') return null;
  var a = segs[1], b = segs[2], c = segs[3];
  if (a === 'search') {
    if (isGid(c)) return c;
    var child = new URLSearchParams(search || '').get('child');
    return isGid(child) ? child : null;
  }
  if (a === 'inbox' || a === 'home') return isGid(b) && isGid(c) ? c : null;
  if (isGid(a) && isGid(b) && a !== b) return b;
  return null;
}

function projectGidFromPath(pathname) {
  var segs = pathSegments(pathname);
  var i;
  if (segs[0] === '1') {
    for (i = 2; i < segs.length - 1; i++) if (segs[i] === 'project' && isGid(segs[i + 1])) return segs[i + 1];
    return null;
  }
  if (segs[0] === '0' && isGid(segs[1]) && segs[1] !== '0') return segs[1];
  return null;
}

function currentProject(data, pathname) {
  var p = projectGidFromPath(pathname);
  return p && data.projects[p] ? p : null;
}

/** The demo user's inbox: one item per task assigned to them (an item's gid is not a task's). */
function inboxItems(data) {
  var out = [];
  for (var i = 0; i < data.taskOrder.length; i++) {
    var t = data.tasks[data.taskOrder[i]];
    if (t.assignee === data.me.gid && t.workspace === data.workspace && !t.completed) out.push({ gid: '8' + t.gid.split('').reverse().join(''), task: t.gid });
  }
  return out;
}

function inboxItem(data, gid) {
  var items = inboxItems(data);
  for (var i = 0; i < items.length; i++) if (items[i].gid === gid) return items[i];
  return null;
}

/**
 * What a URL shows. views: the view last shown per project ('board' or 'list'; in the page only),
 * so a task opened from a board is docked over the board, as in Asana.
 */
function route(data, pathname, search, views) {
  var segs = pathSegments(pathname);
  var full = /\/f\/?$/.test(String(pathname));
  var task = taskGidFromPath(pathname, search);
  var project = currentProject(data, pathname);
  var r = { layout: 'list', task: task, paneTask: task, project: project, item: null };
  var inbox = segs[0] === '0' ? segs[1] === 'inbox' : segs.indexOf('inbox') > 1;
  var home = segs[0] === '0' ? segs[1] === 'home' : segs.indexOf('home') > 1;
  if (inbox) {
    r.layout = 'inbox';
    var at = segs.indexOf('item');
    if (at > 0 && isGid(segs[at + 1])) {
      r.item = segs[at + 1];
      var found = inboxItem(data, r.item);
      r.paneTask = found ? found.task : r.item;
    }
  } else if (home) r.layout = 'home';
  else if (task && full) r.layout = 'focus';
  else if (project && (segs[segs.length - 1] === 'board' || (task && views && views[project] === 'board'))) r.layout = 'board';
  return r;
}

/** Whether the page content must be drawn anew (a new page) rather than updated in place. */
function pageKey(r) {
  return r.layout + ':' + (r.project || '');
}

function wsOf(data) { return data.workspace; }

function taskHref(data, task, projectGid) {
  var p = projectGid && task.projects.indexOf(projectGid) >= 0 ? projectGid : task.projects[0];
  return p ? '/1/' + task.workspace + '/project/' + p + '/task/' + task.gid : '/1/' + task.workspace + '/task/' + task.gid;
}

function listTasks(data, projectGid) {
  var out = [];
  for (var i = 0; i < data.taskOrder.length; i++) {
    var t = data.tasks[data.taskOrder[i]];
    if (projectGid ? t.projects.indexOf(projectGid) >= 0 && !t.parent : t.assignee === data.me.gid && t.workspace === data.workspace) out.push(t);
  }
  return out;
}

function pageTitle(data, pathname, search) {
  var r = route(data, pathname, search, null);
  var t = r.paneTask ? data.tasks[r.paneTask] : null;
  if (t) return t.name + ' - Asana';
  if (r.layout === 'inbox') return 'Inbox - Asana';
  if (r.layout === 'home') return 'Home - Asana';
  return (r.project ? data.projects[r.project].name : 'My tasks') + ' - Asana';
}

function renderTopbar(h, data) {
  var initials = data.me.name.split(/\s+/).map(function (w) { return w[0] || ''; }).join('').slice(0, 2).toUpperCase();
  return h('div', { 'class': 'AsanaBaseTopbar', role: 'banner' },
    h('div', { 'class': 'SandboxLogo' }, 'asana'),
    h('input', { 'class': 'SandboxSearch', type: 'search', placeholder: 'Search', 'aria-label': 'Search' }),
    h('label', { 'class': 'SandboxThemePicker' }, 'Theme ',
      h('select', { name: 'theme' },
        h('option', { value: 'light' }, 'Light'),
        h('option', { value: 'dark' }, 'Dark'),
        h('option', { value: 'system' }, 'System'))),
    h('div', { 'class': 'SandboxAvatar', title: data.me.name }, initials));
}

function renderSidebar(h, data) {
  var ws = wsOf(data);
  return h('div', { id: 'asana_sidebar', 'class': 'SidebarResizableContainer AsanaMain-sidebarResizableContainer' },
    h('nav', { 'aria-label': 'Global' },
      h('a', { 'class': 'SidebarItemRow', href: '/1/' + ws + '/home' }, 'Home'),
      h('a', { 'class': 'SidebarItemRow', href: '/0/' + data.myTasks + '/list' }, 'My tasks'),
      h('a', { 'class': 'SidebarItemRow', href: '/1/' + ws + '/inbox/' + data.me.gid }, 'Inbox')),
    h('nav', { 'aria-label': 'Projects' },
      h('div', { 'class': 'SandboxSidebarHeader' }, 'Projects'),
      data.projectOrder.map(function (g) {
        var p = data.projects[g];
        return h('a', { 'class': 'SidebarItemRow', href: '/1/' + p.workspace + '/project/' + p.gid + '/list', 'data-project-gid': p.gid }, p.name);
      })));
}

function labeledRow(h, cls, label, value) {
  return h('div', { 'class': 'LabeledRowStructure' + (cls ? ' ' + cls : '') },
    h('div', { 'class': 'LabeledRowStructure-left', style: 'width: 120px;' },
      h('div', { 'class': 'LabeledRowStructure-labelContainer' }, h('label', { 'class': 'LabeledRowStructure-label' }, label))),
    h('div', { 'class': 'LabeledRowStructure-right' }, h('div', { 'class': 'LabeledRowStructure-content' }, value)));
}

/** Where the pane's close button goes: the page under it. */
function closeHref(data, t, r) {
  var ws = t ? t.workspace : wsOf(data);
  if (r.layout === 'home') return '/1/' + ws + '/home';
  if (r.layout === 'inbox') return '/1/' + ws + '/inbox/' + data.me.gid;
  if (r.layout === 'focus' && t) return taskHref(data, t, r.project);
  if (r.project) return '/1/' + ws + '/project/' + r.project + '/' + (r.layout === 'board' ? 'board' : 'list');
  return '/0/' + data.myTasks + '/list';
}

function paneAttrs(data, gid, r) {
  var t = data.tasks[gid];
  var attrs = { 'class': 'TaskPane', role: 'dialog', 'aria-label': t ? t.name : 'Task not found', 'data-task-id': gid, tabindex: '0' };
  if (r.layout === 'home') attrs['aria-modal'] = 'true';
  return attrs;
}

function renderPaneChildren(h, data, gid, r) {
  var t = data.tasks[gid];
  if (!t) {
    return [h('div', { 'class': 'TaskPane-body' }, h('p', { role: 'alert' }, 'This task does not exist, or you do not have access to it.'))];
  }
  var parent = t.parent ? data.tasks[t.parent] : null;
  var subtasks = [];
  for (var i = 0; i < data.taskOrder.length; i++) if (data.tasks[data.taskOrder[i]].parent === t.gid) subtasks.push(data.tasks[data.taskOrder[i]]);
  var lines = String(t.notes || '').split('\n');
  return [
    h('div', { 'class': 'TaskPaneToolbar TaskPane-header' },
      h('div', { 'class': 'TaskCompletionToggleButton', role: 'button', tabindex: '0', 'aria-pressed': t.completed ? 'true' : 'false' }, t.completed ? 'Completed' : 'Mark complete'),
      h('div', { 'class': 'SandboxToolbarSpacer' }),
      h('div', { 'class': 'TaskPaneToolbar-button TaskPaneToolbar-copyLinkButton', role: 'button', tabindex: '0', 'aria-label': 'Copy task link' }, 'Link'),
      r.layout === 'focus' ? null : h('a', { 'class': 'TaskPaneToolbar-button TaskPaneToolbar-fullScreenButton', href: '/0/' + (r.project || '0') + '/' + t.gid + '/f', 'aria-label': 'Full screen' }, '\u2922'),
      h('div', { 'class': 'TaskPaneExtraActionsButton TaskPaneToolbar-button', role: 'button', tabindex: '0', 'aria-label': 'More actions for this task' }, '\u22EF'),
      h('a', { 'class': 'TaskPaneToolbar-button TaskPaneToolbar-closeButton', href: closeHref(data, t, r), 'aria-label': 'Close details' }, '\u00D7')),
    h('div', { 'class': 'TaskPane-body' },
      parent ? h('div', { 'class': 'TaskAncestry' }, h('span', { 'class': 'TaskAncestry-ancestor' }, h('a', { href: taskHref(data, parent, null) }, parent.name))) : null,
      h('div', { 'class': 'TitleInput TaskPane-titleRow', role: 'heading', 'aria-level': '2' },
        h('textarea', { 'class': 'simpleTextarea', 'aria-label': 'Task Name', rows: '1' }, t.name)),
      h('div', { 'class': 'TaskPane-premiumFeaturesSection' },
        h('div', { 'class': 'TaskPaneFields' },
          labeledRow(h, 'TaskPaneFields-assigneeRow', 'Assignee', t.assignee ? data.users[t.assignee] || '' : 'No assignee'),
          labeledRow(h, 'TaskPaneFields-dueDateRow', 'Due date', t.due_on || 'No due date'),
          labeledRow(h, 'TaskProjects-labeledRowStructure', 'Projects',
            h('ul', { 'class': 'TaskProjects-projectList' }, t.projects.map(function (p) {
              return h('li', { 'class': 'TaskProjectToken' }, h('span', { 'class': 'TokenizerPillBase-name' }, data.projects[p] ? data.projects[p].name : p));
            }))),
          h('div', {},
            labeledRow(h, 'TaskPaneFields-taskDescription', 'Description', null),
            h('div', { 'class': 'TaskDescription' },
              h('div', { id: 'TaskDescription' },
                h('div', { 'class': 'ProseMirror', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Description' },
                  lines.map(function (line) { return h('p', {}, line); }))))))),
      h('div', { 'class': 'TaskPaneSubtasks' }, subtasks.length ? [h('h3', { 'class': 'SandboxMuted' }, 'Subtasks'),
        subtasks.map(function (s) { return h('div', {}, h('a', { href: taskHref(data, s, null) }, s.name)); })] : null),
      h('div', { 'class': 'TaskPane-feed' },
        h('div', { 'class': 'TaskStoryFeed' },
          h('div', { 'class': 'BlockStory' }, (data.users[t.created_by] || 'Someone') + ' created this task \u00B7 ' + String(t.created_at).slice(0, 10))))),
    h('div', { 'class': 'TaskPane-footer' },
      h('div', { 'class': 'CommentComposer TaskPane-commentComposer' },
        h('textarea', { 'aria-label': 'Comment', placeholder: 'Add a comment', rows: '2' })))
  ];
}

function renderPane(h, data, gid, r) {
  return h('div', paneAttrs(data, gid, r), renderPaneChildren(h, data, gid, r));
}

/** The docked pane's container over a list or board (present, hidden, without a task). */
function renderOverlay(h, data, r) {
  return h('div', { 'class': 'FullWidthPageStructureWithDetailsOverlay-detailsOverlay' + (r.paneTask ? ' FullWidthPageStructureWithDetailsOverlay-detailsOverlay--visible' : '') },
    r.paneTask ? h('div', { 'class': 'FocusTrap TaskPane-focusTrap', tabindex: '-1' }, renderPane(h, data, r.paneTask, r)) : null);
}

function renderList(h, data, r) {
  return h('div', { 'class': 'SpreadsheetGridScroller-container', role: 'grid', 'aria-label': 'Tasks' }, listTasks(data, r.project).map(function (t) {
    return h('div', { 'class': 'SpreadsheetRow', role: 'row', 'data-sandbox-task-gid': t.gid, 'aria-selected': t.gid === r.paneTask ? 'true' : 'false' },
      h('span', { role: 'gridcell', 'aria-hidden': 'true' }, t.completed ? '\u2714' : '\u25CB'),
      h('span', { role: 'gridcell' }, h('a', { 'class': 'SpreadsheetTaskName', href: taskHref(data, t, r.project) }, t.name)),
      h('span', { role: 'gridcell', 'class': 'SandboxMuted' }, t.assignee ? data.users[t.assignee] || '' : ''),
      h('span', { role: 'gridcell', 'class': 'SandboxMuted' }, t.due_on || ''));
  }));
}

function renderBoard(h, data, r) {
  var p = data.projects[r.project];
  return h('div', { 'class': 'Board' },
    h('section', { 'class': 'SandboxBoardColumn', 'aria-label': p.section },
      h('h2', {}, p.section),
      listTasks(data, r.project).map(function (t) {
        return h('a', { 'class': 'BoardCardLayout', 'data-task-id': t.gid, href: taskHref(data, t, r.project), 'aria-current': t.gid === r.paneTask ? 'true' : null }, t.name);
      })));
}

function renderProjectHeader(h, data, r) {
  if (!r.project) return h('div', { 'class': 'SandboxPageHeader' }, h('h1', {}, 'My tasks'));
  var p = data.projects[r.project];
  var base = '/1/' + p.workspace + '/project/' + p.gid + '/';
  return h('div', { 'class': 'ProjectPageHeader' },
    h('h1', {}, p.name),
    h('nav', { 'aria-label': 'Views' },
      h('a', { href: base + 'list', 'aria-current': r.layout === 'list' ? 'page' : null }, 'List'),
      h('a', { href: base + 'board', 'aria-current': r.layout === 'board' ? 'page' : null }, 'Board')));
}

function renderInbox(h, data, r) {
  var ws = wsOf(data);
  return h('div', { 'class': 'InboxPanesOrEmptyState' },
    h('div', { 'class': 'InboxPanesOrEmptyState-pane' },
      h('h1', {}, 'Inbox'),
      h('ul', { 'aria-label': 'Notifications' }, inboxItems(data).map(function (it) {
        var t = data.tasks[it.task];
        return h('li', {}, h('a', { href: '/1/' + ws + '/inbox/' + data.me.gid + '/item/' + it.gid, 'aria-current': it.gid === r.item ? 'true' : null },
          'Assigned to you: ' + t.name));
      }))),
    h('div', { 'class': 'InboxPanesOrEmptyState-pane InboxPanesOrEmptyState-detailsPane' },
      r.paneTask ? renderPane(h, data, r.paneTask, r) : h('p', { 'class': 'SandboxMuted' }, 'Select a notification to see it here.')));
}

function renderHome(h, data) {
  var ws = wsOf(data);
  return h('div', { 'class': 'HomePageContent' },
    h('h1', {}, 'Home'),
    h('section', { 'aria-label': 'My tasks' },
      h('h2', {}, 'My tasks'),
      h('ul', {}, listTasks(data, null).slice(0, 12).map(function (t) {
        return h('li', {}, h('a', { href: '/0/home/' + ws + '/' + t.gid }, t.name));
      }))));
}

/** The page under the top bar, for one layout. */
function renderPage(h, data, r) {
  var body;
  if (r.layout === 'focus') {
    body = h('div', { 'class': 'FocusModePage' }, h('div', { 'class': 'Pane FocusModePage-taskPane' }, renderPane(h, data, r.paneTask, r)));
  } else if (r.layout === 'inbox') body = renderInbox(h, data, r);
  else if (r.layout === 'home') body = renderHome(h, data);
  else {
    body = h('div', { 'class': 'FullWidthPageStructureWithDetailsOverlay' + (r.paneTask ? ' FullWidthPageStructureWithDetailsOverlay--withDetailsOverlayOpen' : '') },
      h('div', { 'class': 'FullWidthPageStructureWithDetailsOverlay-fullWidth' },
        h('div', { 'class': 'FullWidthPageStructureWithDetailsOverlay-mainContent' },
          renderProjectHeader(h, data, r),
          r.layout === 'board' ? renderBoard(h, data, r) : renderList(h, data, r))),
      renderOverlay(h, data, r));
  }
  return h('div', { 'class': 'SandboxPage', 'data-layout': r.layout, 'data-page-key': pageKey(r) }, body);
}

/** A task opened from Home: a dialog in a modal layer, over the page. */
function renderLayer(h, data, r) {
  if (r.layout !== 'home' || !r.paneTask) return null;
  return h('div', { 'data-layerid': '0' }, h('div', { 'class': 'DecorativeModalLayer' }, renderPane(h, data, r.paneTask, r)));
}
`;

/** Client glue: DOM `h`, navigation without reloads (pushState/popstate), the theme picker, shortcuts. */
export const CLIENT_SOURCE = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('sandbox-data').textContent);
  window.__sandboxData = data;
  var views = {};

  function append(el, kids) {
    for (var i = 0; i < kids.length; i++) {
      var k = kids[i];
      if (k === null || k === undefined || k === false) continue;
      if (Array.isArray(k)) append(el, k);
      else if (typeof k === 'string' || typeof k === 'number') el.appendChild(document.createTextNode(String(k)));
      else el.appendChild(k);
    }
  }
  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var key in attrs) if (attrs[key] !== null && attrs[key] !== undefined) el.setAttribute(key, attrs[key]);
    append(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }
  function flat(kids) {
    var out = [];
    (function walk(xs) { for (var i = 0; i < xs.length; i++) { if (Array.isArray(xs[i])) walk(xs[i]); else if (xs[i]) out.push(xs[i]); } })(kids);
    return out;
  }

  /** Keeps a pane element and swaps its contents, as React does when the task changes. */
  function syncPane(pane, gid, r) {
    var attrs = paneAttrs(data, gid, r);
    for (var key in attrs) pane.setAttribute(key, attrs[key]);
    pane.replaceChildren.apply(pane, flat(renderPaneChildren(h, data, gid, r)));
  }

  function render() {
    var r = route(data, location.pathname, location.search, views);
    if (r.project) views[r.project] = r.layout === 'board' ? 'board' : 'list';
    var page = document.querySelector('.SandboxPage');
    if (page.getAttribute('data-page-key') !== pageKey(r)) {
      page.replaceWith(renderPage(h, data, r));
    } else if (r.layout === 'list' || r.layout === 'board') {
      var rows = page.querySelectorAll('[data-sandbox-task-gid]');
      for (var i = 0; i < rows.length; i++) rows[i].setAttribute('aria-selected', rows[i].getAttribute('data-sandbox-task-gid') === r.paneTask ? 'true' : 'false');
      var cards = page.querySelectorAll('.BoardCardLayout');
      for (var j = 0; j < cards.length; j++) {
        if (cards[j].getAttribute('data-task-id') === r.paneTask) cards[j].setAttribute('aria-current', 'true');
        else cards[j].removeAttribute('aria-current');
      }
      var overlay = page.querySelector('.FullWidthPageStructureWithDetailsOverlay-detailsOverlay');
      var pane = overlay.querySelector('.TaskPane');
      if (r.paneTask && pane) syncPane(pane, r.paneTask, r);
      else overlay.replaceWith(renderOverlay(h, data, r));
      page.firstChild.classList.toggle('FullWidthPageStructureWithDetailsOverlay--withDetailsOverlayOpen', !!r.paneTask);
    } else if (r.layout === 'inbox' || r.layout === 'focus') {
      var current = page.querySelector('.TaskPane');
      if (r.paneTask && current) syncPane(current, r.paneTask, r);
      else page.replaceWith(renderPage(h, data, r));
    }
    var layer = document.querySelector('[data-layerid]');
    var layerPane = layer && layer.querySelector('.TaskPane');
    if (r.layout === 'home' && r.paneTask && layerPane) syncPane(layerPane, r.paneTask, r);
    else {
      if (layer) layer.remove();
      var fresh = renderLayer(h, data, r);
      if (fresh) document.body.appendChild(fresh);
    }
    document.title = pageTitle(data, location.pathname, location.search);
  }

  function navigate(url) {
    history.pushState({}, '', url);
    render();
  }
  window.__sandboxNavigate = navigate;
  window.addEventListener('popstate', render);
  var first = route(data, location.pathname, location.search, views);
  if (first.project) views[first.project] = first.layout === 'board' ? 'board' : 'list';

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) return;
    var url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin || !/^\/[01]\//.test(url.pathname)) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });

  // The theme, as Asana marks it: a class on <body> (the background is painted by its own element).
  var picker = document.querySelector('.SandboxThemePicker select');
  var system = window.matchMedia('(prefers-color-scheme: dark)');
  function applyTheme(choice) {
    window.__sandboxApplyTheme(choice);
    if (picker) picker.value = choice;
  }
  if (picker) picker.addEventListener('change', function () {
    try { localStorage.setItem('asana-sandbox-theme', picker.value); } catch (err) { /* storage unavailable */ }
    applyTheme(picker.value);
  });
  system.addEventListener('change', function () { if (window.__sandboxTheme === 'system') applyTheme('system'); });
  applyTheme(window.__sandboxTheme);

  // Single-key shortcuts, as Asana has (Tab+Q quick add, etc.): a keydown on the document whose
  // target is not a text field triggers one. An extension widget must keep its typing to itself.
  window.__sandboxShortcuts = [];
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    if (typing || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
    window.__sandboxShortcuts.push(e.key);
    document.body.setAttribute('data-last-shortcut', e.key);
  });
})();
`;

/**
 * Runs first in <body>: applies the theme before the first paint: `?theme=light|dark|system`
 * (forced), else the one remembered, else light. "system" follows the OS setting, as Asana's
 * system variants do.
 */
export const THEME_BOOT_SOURCE = String.raw`
(function () {
  var THEMES = { light: 'lightMode', dark: 'darkMode', system: null };
  window.__sandboxApplyTheme = function (choice) {
    if (!(choice in THEMES)) choice = 'light';
    window.__sandboxTheme = choice;
    var mode = THEMES[choice] || (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'systemDarkMode' : 'systemLightMode');
    var cls = document.body.classList;
    ['lightMode', 'darkMode', 'systemLightMode', 'systemDarkMode'].forEach(function (m) { cls.toggle('DesignTokenThemeSelectors-theme--' + m, m === mode); });
  };
  var forced = new URLSearchParams(location.search).get('theme');
  var theme = forced in THEMES ? forced : null;
  if (!theme) { try { theme = localStorage.getItem('asana-sandbox-theme'); } catch (err) { theme = null; } }
  window.__sandboxApplyTheme(theme || 'light');
})();
`;
