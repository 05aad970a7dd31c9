/**
 * Beside the Person filter: the people who submitted this week for approval (issue 17), each a
 * button that shows their week, where a reviewer approves or rejects it. Asana decides whom this
 * person may see and review; a refusal is shown in its words. Nothing is shown when nobody has
 * submitted, or when the workspace has no timesheet approvals (the week's panel says why).
 */
import { useEffect, useState } from 'preact/hooks';
import type { TimesheetApprovalStatus } from '@/lib/asana/schemas';
import { t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';

export interface SubmittedWeeksProps {
  workspaceGid: string;
  /** The week's Monday. */
  start: string;
  /** The person shown (null: me). */
  current: string | null;
  /** Changes when a week changed status here: the list is read again. */
  version: string;
  onPick: (user: { gid: string; name: string }) => void;
}

export function SubmittedWeeks(props: SubmittedWeeksProps) {
  const { workspaceGid, start } = props;
  const [weeks, setWeeks] = useState<TimesheetApprovalStatus[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    send('timesheet.reviewable', { workspaceGid, start })
      .then((found) => {
        if (!alive) return;
        setWeeks(found);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (!alive) return;
        setWeeks([]);
        // No add-on: the week's panel says so once; anything else here, in Asana's words.
        const code = typeof error === 'object' && error && 'code' in error ? (error as { code: unknown }).code : null;
        setProblem(code === 'payment_required' ? null : errorMessage(error));
      });
    return () => {
      alive = false;
    };
  }, [workspaceGid, start, props.version]);

  if (problem) {
    return (
      <p class="tl-note tl-bad" role="alert">
        {t('submittedCouldNotRead', problem)}
      </p>
    );
  }
  const people = weeks.filter((w) => w.user).map((w) => ({ gid: w.user!.gid, name: w.user!.name ?? w.user!.gid }));
  if (people.length === 0) return null;
  return (
    <div class="tl-ts-submitted" role="group" aria-labelledby="ts-submitted-label">
      <span id="ts-submitted-label" class="tl-label">
        {t('submittedWeeks')}
      </span>
      <ul class="tl-list tl-row">
        {people.map((p) => (
          <li key={p.gid}>
            <button type="button" class="tl-btn tl-sm" aria-pressed={props.current === p.gid} onClick={() => props.onPick(p)}>
              {p.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
