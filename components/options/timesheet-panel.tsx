import type { Route } from './route';

/** Placeholder until the timesheet lands (issue 6). */
export function TimesheetPanel(_: { route: Route }) {
  return <p>Timesheet</p>;
}
