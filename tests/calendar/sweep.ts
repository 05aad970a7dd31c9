/**
 * `npm run test:calendar`: the date-sensitive suites under a faked clock shared by node, the
 * sandbox and Chromium (Debian's libfaketime), at the calendar moments where time trackers break.
 *
 * Each moment runs `vitest run` on the date-sensitive files inside `faketime -f +OFFSET`, where
 * OFFSET is the number of seconds from now to the moment in its time zone: a relative offset, so
 * every process the run starts (vitest's workers, Chromium's processes) reads the same clock,
 * which then runs on from the moment. (`faketime '@…'` would restart the clock in each new
 * process, leaving Chromium minutes behind node.) TZ is set for all of them.
 *
 *   npm run test:calendar                     every moment
 *   npm run test:calendar -- --only dst-forward,leap-day
 *   npm run test:calendar -- --list
 *
 * Ends with the plain line `N passed, N failed` summed over the moments (CI reads it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { epochOf } from '../support/clock.ts';

export interface Moment {
  name: string;
  /** Wall-clock time in `zone` at which the run starts. */
  at: string;
  zone: string;
  why: string;
}

/** The moments. Zones are spread over them so that every listed zone is covered. */
export const MOMENTS: Moment[] = [
  { name: 'monday-0010', at: '2027-01-04 00:10:00', zone: 'Pacific/Auckland', why: 'a Monday just after midnight, where it is still Sunday in UTC' },
  { name: 'sunday-2350', at: '2027-01-10 23:50:00', zone: 'America/Los_Angeles', why: 'a Sunday just before midnight, where it is already Monday in UTC' },
  { name: 'leap-day', at: '2028-02-29 12:00:00', zone: 'Asia/Kolkata', why: '29 February, in a zone half an hour off the hour' },
  { name: 'new-year', at: '2027-12-31 23:58:00', zone: 'Europe/Berlin', why: 'New Year’s Eve 23:58: the year changes during the run' },
  { name: 'dst-forward', at: '2027-03-14 01:59:00', zone: 'America/New_York', why: 'the night the clocks go forward (02:00 → 03:00)' },
  { name: 'dst-back', at: '2027-10-31 02:59:00', zone: 'Europe/Berlin', why: 'the night the clocks go back (03:00 → 02:00)' },
  { name: 'auckland-friday', at: '2027-06-11 16:00:00', zone: 'Pacific/Auckland', why: 'an ordinary afternoon twelve hours ahead of UTC' },
  { name: 'los-angeles-wednesday', at: '2027-06-09 09:30:00', zone: 'America/Los_Angeles', why: 'an ordinary morning seven hours behind UTC' },
  { name: 'kolkata-sunday', at: '2027-08-15 20:45:00', zone: 'Asia/Kolkata', why: 'a Sunday evening at +05:30' },
];

/** The date-sensitive suites: unit (dates, durations, timesheet, CSV, timer rounding) and e2e. */
export const SUITES = ['tests/unit/', 'tests/e2e/widget.test.ts', 'tests/e2e/popup.test.ts', 'tests/e2e/timesheet.test.ts', 'tests/e2e/timer.test.ts', 'tests/e2e/reliability.test.ts'];

function requireFaketime(): void {
  if (spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status === 0) return;
  throw new Error('The calendar sweep needs libfaketime’s `faketime`. Debian/Ubuntu: sudo apt-get install -y faketime (.ci/run installs it).');
}

const SUMMARY = /^(\d+) passed, (\d+) failed/m;

/**
 * The `faketime` wrapper names its shared memory and semaphore by its pid and refuses to start
 * ("sem_open: File exists") when a wrapper killed earlier left one with the same pid: those of
 * processes no longer running are removed first.
 */
function removeStaleFaketimeFiles(): void {
  try {
    for (const name of readdirSync('/dev/shm')) {
      const pid = /^(?:sem\.)?faketime_(?:sem|shm)_(\d+)$/.exec(name)?.[1];
      if (!pid) continue;
      try {
        process.kill(Number(pid), 0);
      } catch {
        rmSync(`/dev/shm/${name}`, { force: true });
      }
    }
  } catch {
    // No /dev/shm here: nothing to clean.
  }
}

async function runMoment(moment: Moment, files: string[]): Promise<{ passed: number; failed: number; seconds: number }> {
  removeStaleFaketimeFiles();
  const offset = epochOf(moment.at, moment.zone) - Math.floor(Date.now() / 1000);
  const started = Date.now();
  process.stdout.write(`\n== ${moment.name}: ${moment.at} ${moment.zone} (${moment.why}) ==\n`);
  const child = spawn('faketime', ['-f', `${offset >= 0 ? '+' : ''}${offset}`, 'npx', 'vitest', 'run', ...files], {
    env: { ...process.env, TZ: moment.zone, CALENDAR_MOMENT: moment.name, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const m = SUMMARY.exec(out.split('\n').filter((l) => SUMMARY.test(l)).at(-1) ?? '');
  const passed = m ? Number(m[1]) : 0;
  // No summary line (vitest did not get that far) or a failing exit code counts as a failure.
  const failed = m ? Number(m[2]) + (code !== 0 && Number(m[2]) === 0 ? 1 : 0) : 1;
  return { passed, failed, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean', default: false } }, strict: true });
  if (values.list) {
    for (const m of MOMENTS) process.stdout.write(`${m.name.padEnd(22)} ${m.at} ${m.zone.padEnd(20)} ${m.why}\n`);
    return;
  }
  requireFaketime();
  const wanted = values.only?.split(',').map((s) => s.trim());
  const moments = wanted ? MOMENTS.filter((m) => wanted.includes(m.name)) : MOMENTS;
  if (wanted && moments.length !== wanted.length) throw new Error(`Unknown moment in --only ${values.only}; see --list.`);
  const results: Array<{ moment: Moment; passed: number; failed: number; seconds: number }> = [];
  for (const moment of moments) results.push({ moment, ...(await runMoment(moment, SUITES)) });
  process.stdout.write('\nCalendar sweep:\n');
  for (const r of results) process.stdout.write(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.moment.name.padEnd(22)} ${r.moment.at} ${r.moment.zone.padEnd(20)} ${r.passed} passed, ${r.failed} failed (${r.seconds} s)\n`);
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

await main();
