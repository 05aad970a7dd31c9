/**
 * What the figures were measured on: they mean little without the CPU, the cores, the memory,
 * the browser and node versions, and how busy the machine was.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1, 5 and 15 minute load averages when the bench started. */
  loadAtStart: number[];
  /** The same when it ended (filled in by the caller). */
  loadAtEnd: number[];
}

/** The CPU model as /proc/cpuinfo names it (os.cpus() as a fallback off Linux). */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => /^model name\s*:/.test(l));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** Describes this machine; `chromium` is the version string the launched browser reports. */
export function describeMachine(chromium: string): Machine {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadAtStart: loadAverage(),
    loadAtEnd: [],
  };
}

/** The current 1, 5 and 15 minute load averages. */
export const loadAverage = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);
