/**
 * Every Asana DOM selector the extension uses. They only PLACE the widget and check it against
 * what Asana shows: the task itself comes from the URL (lib/asana/task-url.ts), or, with no task
 * in the URL, from a pane's `data-task-id` once Asana has confirmed it (components/page). If
 * nothing here matches (Asana changed its markup), the widget floats, so a markup change costs
 * looks, not function.
 *
 * Evidence: PLAYBOOK §7 (extensions and userscripts that target Asana, read at their newest
 * commits, and a copy of Asana's rendered task pane from about 2023).
 */

/**
 * One place the widget may go in a task pane. The first that matches wins. Each says, in a
 * comment (comments are not shipped), where and when its markup was seen.
 */
export interface AnchorRule {
  /** Names the place (for the self-check and tests). */
  id: 'fields' | 'after-fields' | 'after-title' | 'after-toolbar';
  /** Found inside the pane. */
  selector: string;
  /** Then climb to the nearest ancestor matching this (the element to place the widget against). */
  closest?: string;
  /**
   * With `before`: the widget goes before the child of the element matched by `selector` that
   * holds `child` (so it sits among `selector`'s own children). With `after`: right after the match.
   */
  where: 'after' | { before: string };
}

export const TASK_PANE_ANCHORS: readonly AnchorRule[] = [
  // Among the field rows, just before the description: in real Asana the description is the
  // last child of .TaskPaneFields (a wrapper holding .TaskPaneFields-taskDescription and
  // .TaskDescription). Seen: the copy of Asana's rendered pane, ~2023 (PLAYBOOK §7); Harvest and
  // TrackingTime insert their rows inside .TaskPaneFields (§7); Harvest's integration inserts its
  // "Time tracking" row before .TaskPaneFields' last child (read 2026-12).
  { id: 'fields', selector: '.TaskPaneFields', where: { before: '.TaskPaneFields-taskDescription' } },
  // Right after the fields: BELOW the description, above .TaskPaneSubtasks. Seen: .TaskPane-
  // premiumFeaturesSection > .TaskPaneFields, DOM copy ~2023 and extensions 2025-2026 (§7).
  { id: 'after-fields', selector: '.TaskPaneFields', where: 'after' },
  // After the title row. Seen: .TitleInput.TaskPane-titleRow > textarea (DOM copy ~2023, §7);
  // .TaskPaneTitle textarea and [role=heading] textarea also seen; the class was renamed several
  // times 2022-2024 (§7). Never a translated aria-label (toggl #2120/#2124, §7).
  {
    id: 'after-title',
    selector: '.TaskPane-titleRow, .TaskPaneTitle, [role=heading] textarea',
    closest: '.TaskPane-titleRow, .TaskPaneTitle, [role=heading]',
    where: 'after',
  },
  // After the toolbar. Seen: .TaskPaneToolbar (-button, -copyLinkButton), .TaskPaneExtraActionsButton;
  // tmetric anchors its button there, 2024-12 to 2026 (§7).
  { id: 'after-toolbar', selector: '.TaskPaneToolbar', where: 'after' },
];

/**
 * The task pane: `div.TaskPane[role=dialog][data-task-id]`, its aria-label the task's name;
 * docked, full page, in the inbox or a dialog. `.TaskPane` since Aug 2022, when `.SingleTaskPane`
 * was retired (toggl, tmetric, clockify and timecamp all followed then; §7).
 */
export const TASK_PANE = '.TaskPane';
/** The attribute naming the task a pane shows. */
export const PANE_TASK_ATTRIBUTE = 'data-task-id';
/** What a floating widget must not cover: the pane's toolbar and its comment box (`.TaskPane-footer`). */
export const KEEP_CLEAR = '.TaskPaneToolbar, .TaskPane-footer, .CommentComposer';

/** Where the widget goes: insert it before `before`, or as `parent`'s last child when `before` is null. */
export interface Placement {
  rule: AnchorRule['id'];
  parent: Element;
  before: Node | null;
}

/** The first place of {@link TASK_PANE_ANCHORS} found in `pane`, or null. */
export function findPlacement(pane: Element): Placement | null {
  for (const rule of TASK_PANE_ANCHORS) {
    let found = pane.querySelector(rule.selector);
    if (found && rule.closest) found = found.closest(rule.closest);
    if (!found?.parentElement || !pane.contains(found)) continue;
    if (rule.where === 'after') return { rule: rule.id, parent: found.parentElement, before: found.nextSibling };
    let child = found.querySelector(rule.where.before);
    while (child && child.parentElement !== found) child = child.parentElement;
    if (child) return { rule: rule.id, parent: found, before: child };
  }
  return null;
}

/** The pane to use for a task, and whether it says it shows that task. */
export interface PaneMatch {
  pane: Element | null;
  /** The pane's `data-task-id`, or null when it has none. */
  paneTaskGid: string | null;
  /** False only when the pane names a different task than `taskGid`. */
  agrees: boolean;
}

/**
 * The pane showing `taskGid` if there is one; else the first pane that names a task (which then
 * disagrees); else the first pane (which names none, so nothing can disagree).
 */
export function findPane(root: ParentNode, taskGid: string | null): PaneMatch {
  const panes = root.querySelectorAll(TASK_PANE);
  let named: Element | null = null;
  for (const pane of panes) {
    const id = pane.getAttribute(PANE_TASK_ATTRIBUTE);
    if (id && id === taskGid) return { pane, paneTaskGid: id, agrees: true };
    if (id && !named) named = pane;
  }
  if (named) return { pane: named, paneTaskGid: named.getAttribute(PANE_TASK_ATTRIBUTE), agrees: false };
  return { pane: panes[0] ?? null, paneTaskGid: null, agrees: true };
}
