/**
 * The imitation web app's views and URL parser, written ONCE as browser JavaScript (ES2017, no
 * dependencies) and used twice:
 * - in the page, with a DOM `h(tag, attrs, ...children)` (client-side navigation re-renders);
 * - on the server through `node:vm`, with a string `h` (the initial HTML is server-rendered, so a
 *   plain fetch of a task URL already contains the task pane).
 * Text always goes through `h` children (textContent / escaped), never through markup.
 *
 * Task URL rules (FACTS.md §12): V1 → the gid right after a `task` segment; V0 `/0/{p|0}/{t}[/f]`
 * → 2nd gid when it differs from the 1st; `/0/search/{x}/{t}` → 3rd; `/0/search?child={t}`;
 * `/0/inbox/{user}/{t}/{story}` → the middle gid; `/0/home/{ws}/{t}` → the last; else no task.
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
  var gid = taskGidFromPath(pathname, search);
  var t = gid ? data.tasks[gid] : null;
  if (t) return t.name + ' - Asana';
  var p = currentProject(data, pathname);
  return (p ? data.projects[p].name : 'My tasks') + ' - Asana';
}

function renderSidebar(h, data) {
  return h('nav', { 'class': 'SidebarProjects', 'aria-label': 'Projects' },
    h('div', { 'class': 'SidebarProjects-header' }, 'Projects'),
    h('ul', { 'class': 'SidebarProjects-list' }, data.projectOrder.map(function (g) {
      var p = data.projects[g];
      return h('li', { 'class': 'SidebarItemRow' },
        h('a', { 'class': 'SidebarItemRow-name', href: '/1/' + p.workspace + '/project/' + p.gid + '/list', 'data-project-gid': p.gid }, p.name));
    })));
}

function rowClass(t, selectedGid) {
  return 'TaskRow' + (t.gid === selectedGid ? ' TaskRow--selected' : '') + (t.completed ? ' TaskRow--completed' : '');
}

function renderMain(h, data, pathname, selectedGid) {
  var projectGid = currentProject(data, pathname);
  return h('main', { 'class': 'AsanaMainPane', 'data-project-gid': projectGid || '' },
    h('h1', { 'class': 'PageHeader-title' }, projectGid ? data.projects[projectGid].name : 'My tasks'),
    h('div', { 'class': 'TaskList', role: 'grid', 'aria-label': 'Tasks' }, listTasks(data, projectGid).map(function (t) {
      return h('div', { 'class': rowClass(t, selectedGid), role: 'row', 'data-task-gid': t.gid },
        h('span', { 'class': 'TaskRow-check', 'aria-hidden': 'true' }, t.completed ? '\u2714' : '\u25CB'),
        h('a', { 'class': 'TaskRow-name', href: taskHref(data, t, projectGid) }, t.name),
        h('span', { 'class': 'TaskRow-assignee' }, t.assignee ? data.users[t.assignee] || '' : ''),
        h('span', { 'class': 'TaskRow-dueDate' }, t.due_on || ''));
    })));
}

function paneClass(data, gid) {
  return 'TaskPane SingleTaskPane' + (data.tasks[gid] ? '' : ' TaskPane--notFound');
}

function paneField(h, cls, label, value) {
  return h('div', { 'class': 'TaskPaneFields-row ' + cls },
    h('span', { 'class': 'TaskPaneFields-label' }, label),
    h('span', { 'class': 'TaskPaneFields-value' }, value));
}

function renderPaneChildren(h, data, gid, pathname) {
  var t = data.tasks[gid];
  if (!t) {
    return [h('div', { 'class': 'TaskPane-notFound', role: 'alert' }, 'This task does not exist, or you do not have access to it.')];
  }
  var projectGid = currentProject(data, pathname);
  var closeHref = projectGid ? '/1/' + t.workspace + '/project/' + projectGid + '/list' : '/1/' + t.workspace + '/home';
  var parent = t.parent ? data.tasks[t.parent] : null;
  return [
    h('div', { 'class': 'TaskPaneToolbar', role: 'toolbar' },
      h('button', { type: 'button', 'class': 'TaskPaneToolbar-completeButton' + (t.completed ? ' is-completed' : '') }, t.completed ? 'Completed' : 'Mark complete'),
      h('div', { 'class': 'TaskPaneToolbar-spacer' }),
      h('a', { 'class': 'TaskPaneToolbar-copyLink', href: taskHref(data, t, null) }, 'Copy task link'),
      h('a', { 'class': 'TaskPaneToolbar-close', href: closeHref, 'aria-label': 'Close details' }, '\u00D7')),
    h('div', { 'class': 'TaskPane-body' },
      parent ? h('div', { 'class': 'TaskAncestry' }, h('a', { 'class': 'TaskAncestry-ancestorLink', href: taskHref(data, parent, null) }, parent.name)) : null,
      t.resource_subtype === 'milestone' ? h('div', { 'class': 'TaskPane-milestoneBadge' }, 'Milestone') : null,
      h('div', { 'class': 'SingleTaskTitleInput' },
        h('textarea', { 'class': 'simpleTextarea SingleTaskTitleInput-textarea', 'aria-label': 'Task Name', rows: '1' }, t.name)),
      h('div', { 'class': 'TaskPaneFields' },
        paneField(h, 'TaskPaneFields-assignee', 'Assignee', t.assignee ? data.users[t.assignee] || '' : 'No assignee'),
        paneField(h, 'TaskPaneFields-dueDate', 'Due date', t.due_on || 'No due date'),
        h('div', { 'class': 'TaskPaneFields-row TaskPaneFields-projects' },
          h('span', { 'class': 'TaskPaneFields-label' }, 'Projects'),
          h('div', { 'class': 'TaskProjects' }, t.projects.map(function (p) {
            return h('div', { 'class': 'TaskProjectPill' },
              h('span', { 'class': 'TaskProjectPill-projectName' }, data.projects[p] ? data.projects[p].name : p));
          })))),
      h('div', { 'class': 'TaskDescription' },
        h('div', { 'class': 'TaskDescription-label' }, 'Description'),
        h('div', { 'class': 'TaskDescription-text' }, t.notes || ''))),
    h('div', { 'class': 'TaskStoryFeed' },
      h('div', { 'class': 'TaskStoryFeed-story' },
        (data.users[t.created_by] || 'Someone') + ' created this task \u00B7 ' + String(t.created_at).slice(0, 10)))
  ];
}

function renderPane(h, data, gid, pathname) {
  return h('div', { 'class': paneClass(data, gid), 'data-task-gid': gid, role: 'dialog', 'aria-label': 'Task details' },
    renderPaneChildren(h, data, gid, pathname));
}
`;

/** Client glue: DOM `h`, navigation without reloads (pushState/popstate), theme toggle. */
export const CLIENT_SOURCE = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('sandbox-data').textContent);
  window.__sandboxData = data;

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

  function render() {
    var path = location.pathname;
    var gid = taskGidFromPath(path, location.search);
    var main = document.querySelector('.AsanaMainPane');
    var projectGid = currentProject(data, path) || '';
    if (!main || main.getAttribute('data-project-gid') !== projectGid) {
      var fresh = renderMain(h, data, path, gid);
      if (main) main.replaceWith(fresh); else document.querySelector('.AsanaBaseLayout').insertBefore(fresh, document.querySelector('.TaskPaneContainer'));
    } else {
      var rows = main.querySelectorAll('.TaskRow');
      for (var i = 0; i < rows.length; i++) rows[i].classList.toggle('TaskRow--selected', rows[i].getAttribute('data-task-gid') === gid);
    }
    var container = document.querySelector('.TaskPaneContainer');
    var pane = container.querySelector('.TaskPane');
    if (gid === null) {
      if (pane) pane.remove();
    } else if (pane) {
      // Keep the pane element and swap its contents, as React does when the task changes.
      pane.className = paneClass(data, gid);
      pane.setAttribute('data-task-gid', gid);
      pane.replaceChildren.apply(pane, flat(renderPaneChildren(h, data, gid, path)));
    } else {
      container.appendChild(renderPane(h, data, gid, path));
    }
    document.title = pageTitle(data, path, location.search);
  }

  function navigate(url) {
    history.pushState({}, '', url);
    render();
  }
  window.__sandboxNavigate = navigate;
  window.addEventListener('popstate', render);

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) return;
    var url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin || !/^\/[01]\//.test(url.pathname)) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });

  var toggle = document.querySelector('.ThemeToggleButton');
  if (toggle) toggle.addEventListener('click', function () {
    var dark = !document.body.classList.contains('ThemeSetter-themeDark');
    document.body.classList.toggle('ThemeSetter-themeDark', dark);
    document.body.classList.toggle('ThemeSetter-themeLight', !dark);
    try { localStorage.setItem('asana-sandbox-theme', dark ? 'dark' : 'light'); } catch (err) { /* storage unavailable */ }
  });

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

/** Runs first in <body>: applies ?theme= (forced) or the remembered theme before first paint. */
export const THEME_BOOT_SOURCE = String.raw`
(function () {
  var forced = new URLSearchParams(location.search).get('theme');
  var theme = forced === 'dark' || forced === 'light' ? forced : null;
  if (!theme) { try { theme = localStorage.getItem('asana-sandbox-theme'); } catch (err) { theme = null; } }
  var dark = theme === 'dark';
  document.body.classList.toggle('ThemeSetter-themeDark', dark);
  document.body.classList.toggle('ThemeSetter-themeLight', !dark);
})();
`;
