/**
 * A faked clock for a browser, or for a whole test run: Debian's libfaketime, preloaded with a
 * RELATIVE offset (`FAKETIME=+N` seconds), so that every process reading it sees the same time,
 * which runs on from the moment asked for. (`@<time>` would restart the clock in every new
 * process: Chromium's renderers would each start at the moment.) The time zone is TZ.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const LIBRARIES = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1', '/usr/local/lib/faketime/libfaketime.so.1'];

/** libfaketime's shared object (FAKETIME_LIB wins), or an error naming the package to install. */
export function faketimeLibrary(): string {
  const found = [process.env.FAKETIME_LIB, ...LIBRARIES].find((p): p is string => Boolean(p) && existsSync(p!));
  if (found) return found;
  throw new Error('A faked clock needs libfaketime. Debian/Ubuntu: sudo apt-get install -y faketime (.ci/run installs it); elsewhere set FAKETIME_LIB to libfaketime.so.1.');
}

/** Seconds since the epoch of a wall-clock time in a zone ("2027-03-14 01:30:00"), by GNU date. */
export function epochOf(at: string, zone: string): number {
  const out = spawnSync('date', ['-d', at, '+%s'], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`date -d "${at}" failed in ${zone}: ${out.stderr.trim()}`);
  return Number(out.stdout.trim());
}

export interface FakeClock {
  /** Wall-clock time in `zone` when the clock starts ("2027-12-31 23:59:50"; GNU date syntax, e.g. "… CEST"). */
  at: string;
  zone: string;
}

/** The real time in seconds, also inside a process faked with a relative `FAKETIME=+N`. */
export function realNowSeconds(): number {
  const faked = /^([+-]\d+)$/.exec(process.env.FAKETIME ?? '');
  return Math.floor(Date.now() / 1000) - (faked ? Number(faked[1]) : 0);
}

/** Environment variables that put a process on `clock`, starting now (the offset is fixed here). */
export function fakeClockEnv(clock: FakeClock, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // The offset is from the REAL clock; this process may itself run faked (the calendar sweep).
  const offset = epochOf(clock.at, clock.zone) - realNowSeconds();
  return { ...base, TZ: clock.zone, LD_PRELOAD: faketimeLibrary(), FAKETIME: `${offset >= 0 ? '+' : ''}${offset}` };
}
