/**
 * Every Asana DOM selector the extension uses, and only to PLACE the widget: the task itself is
 * always found from the URL (lib/asana/task-url.ts). If none of these match (Asana changed its
 * markup), the widget floats in the corner instead, so a markup change costs looks, not function.
 *
 * Each entry: where it was seen, what we anchor to it.
 */
export interface AnchorRule {
  /** The element the widget is inserted after. */
  selector: string;
  note: string;
}

export const TASK_PANE_ANCHORS: readonly AnchorRule[] = [
  {
    selector: '.TaskPane .TaskPaneFields',
    note: 'The field grid (assignee, due date, projects) of the task details pane; seen in Asana web app 2025–2026 and in the sandbox. Widget goes right below the fields.',
  },
  {
    selector: '.SingleTaskPane .SingleTaskTitleInput',
    note: "The task title of the single-task pane (tmetric's Asana integration anchors here too); fallback when the field grid is collapsed or renamed.",
  },
];

/** The pane element itself (for theme colours and for noticing when Asana replaces it). */
export const TASK_PANE = '.TaskPane, .SingleTaskPane';

/** The first anchor found in `root`, or null. */
export function findTaskPaneAnchor(root: ParentNode): Element | null {
  for (const rule of TASK_PANE_ANCHORS) {
    const found = root.querySelector(rule.selector);
    if (found) return found;
  }
  return null;
}
