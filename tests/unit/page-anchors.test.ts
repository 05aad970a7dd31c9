/**
 * Where the widget goes in Asana's task pane (lib/page/asana-selectors.ts), on panes shaped like
 * Asana's real one (PLAYBOOK §7) and on panes that lack parts of it, as after a markup change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { findPane, findPlacement } from '@/lib/page/asana-selectors';

interface Parts {
  toolbar?: boolean;
  /** The title row with Asana's class, or only as a heading holding a textarea, or none. */
  title?: 'row' | 'heading' | false;
  /** The field grid with the description inside (as in Asana), without it, or none. */
  fields?: 'full' | 'noDescription' | false;
}

/** A pane like real Asana's (PLAYBOOK §7), or with parts missing or renamed. */
function pane(gid: string, parts: Parts = {}) {
  const { toolbar = true, title = 'row', fields = 'full' } = parts;
  const titleHtml = {
    row: '<div class="TitleInput TaskPane-titleRow" role="heading" aria-level="2"><textarea aria-label="Task Name">A task</textarea></div>',
    heading: '<div role="heading" aria-level="2"><div><textarea>A task</textarea></div></div>',
    none: '',
  }[title || 'none'];
  const rows = '<div class="LabeledRowStructure TaskPaneFields-assigneeRow" id="assignee"></div><div class="LabeledRowStructure TaskPaneFields-dueDateRow" id="due"></div>';
  const description = '<div id="description-wrapper"><div class="LabeledRowStructure TaskPaneFields-taskDescription"></div><div class="TaskDescription"><div id="TaskDescription"></div></div></div>';
  const fieldsHtml = fields ? `<div class="TaskPane-premiumFeaturesSection"><div class="TaskPaneFields">${rows}${fields === 'full' ? description : ''}</div></div>` : '';
  return `<div class="TaskPane" role="dialog" data-task-id="${gid}">${toolbar ? '<div class="TaskPaneToolbar TaskPane-header"></div>' : ''}<div class="TaskPane-body">${titleHtml}${fieldsHtml}<div class="TaskPaneSubtasks"></div></div></div>`;
}

beforeEach(() => {
  document.body.replaceChildren();
});

const set = (html: string) => {
  document.body.innerHTML = html; // test fixture only
  return document.querySelector('.TaskPane')!;
};
const describePlacement = (root: Element) => {
  const p = findPlacement(root);
  return p && { rule: p.rule, parent: (p.parent as HTMLElement).className || p.parent.id, before: (p.before as HTMLElement | null)?.id || (p.before as HTMLElement | null)?.className || null };
};

describe('findPlacement', () => {
  it('puts the widget among the field rows, just before the description', () => {
    const p = findPlacement(set(pane('1')))!;
    expect(p.rule).toBe('fields');
    expect((p.parent as HTMLElement).className).toBe('TaskPaneFields');
    expect((p.before as HTMLElement).id).toBe('description-wrapper');
    // Inserted there, it is a sibling of the field rows, after the last one.
    const host = document.createElement('asana-time-log');
    p.parent.insertBefore(host, p.before);
    expect(host.previousElementSibling!.id).toBe('due');
    // And placing again finds the same spot (the widget does not move itself).
    const again = findPlacement(document.querySelector('.TaskPane')!)!;
    expect(again.before).toBe(p.before);
  });

  it('falls back, in order: after the fields, after the title row, after the toolbar, nothing', () => {
    expect(describePlacement(set(pane('1', { fields: 'noDescription' })))).toEqual({ rule: 'after-fields', parent: 'TaskPane-premiumFeaturesSection', before: null });
    expect(describePlacement(set(pane('1', { fields: false })))).toEqual({ rule: 'after-title', parent: 'TaskPane-body', before: 'TaskPaneSubtasks' });
    expect(describePlacement(set(pane('1', { fields: false, title: false })))).toEqual({ rule: 'after-toolbar', parent: 'TaskPane', before: 'TaskPane-body' });
    expect(findPlacement(set('<div class="TaskPane" data-task-id="1"><p>new markup</p></div>'))).toBeNull();
  });

  it('finds a title row of any class by its heading role and textarea', () => {
    const p = findPlacement(set(pane('1', { fields: false, title: 'heading' })))!;
    expect(p.rule).toBe('after-title');
    expect(p.parent.className).toBe('TaskPane-body');
    expect((p.before as HTMLElement | null)?.className ?? null).toBe('TaskPaneSubtasks');
  });

  it('never anchors on the markup Asana retired in 2022', () => {
    document.body.innerHTML = '<div class="SingleTaskPane" data-task-id="1"><div class="SingleTaskTitleInput"><textarea></textarea></div></div>';
    expect(findPane(document, '1').pane).toBeNull();
    expect(findPlacement(document.querySelector('.SingleTaskPane')!)).toBeNull();
  });
});

describe('findPane', () => {
  it('prefers the pane that shows the task; says when the only pane shows another', () => {
    document.body.innerHTML = pane('111') + pane('222');
    expect(findPane(document, '222')).toMatchObject({ paneTaskGid: '222', agrees: true });
    expect(findPane(document, '333')).toMatchObject({ paneTaskGid: '111', agrees: false });
    expect(findPane(document, null)).toMatchObject({ paneTaskGid: '111', agrees: false });
  });

  it('a pane that names no task cannot disagree; no pane at all is no pane', () => {
    document.body.innerHTML = '<div class="TaskPane"></div>';
    expect(findPane(document, '1')).toMatchObject({ paneTaskGid: null, agrees: true });
    expect(findPane(document, '1').pane).not.toBeNull();
    document.body.replaceChildren();
    expect(findPane(document, '1')).toEqual({ pane: null, paneTaskGid: null, agrees: true });
  });
});
