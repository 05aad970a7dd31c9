/**
 * Finding (or installing) the browsers the tests and the demo drive. Never a downloaded browser:
 * the system's Chromium/Chrome and Firefox, found where each system keeps them, or named by
 * CHROME_PATH / FIREFOX_PATH. When none is found on Debian or Ubuntu and we may run apt-get (as
 * root, or with sudo that needs no password), Debian's package is installed the way `.ci/run`
 * does it, and we say so; otherwise the error names the exact command for this system.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type BrowserKind = 'chromium' | 'firefox';

interface BrowserSpec {
  label: string;
  envVar: string;
  /** Debian's package, as `.ci/run` installs it. */
  debianPackage: string;
  candidates: () => string[];
}

const programFiles = () =>
  [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter((p): p is string => Boolean(p));

const SPECS: Record<BrowserKind, BrowserSpec> = {
  chromium: {
    label: 'Chromium (or Chrome)',
    envVar: 'CHROME_PATH',
    debianPackage: 'chromium',
    candidates: () => {
      switch (process.platform) {
        case 'darwin':
          return [
            '/Applications/Chromium.app/Contents/MacOS/Chromium',
            '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
            path.join(process.env.HOME ?? '', 'Applications/Chromium.app/Contents/MacOS/Chromium'),
            path.join(process.env.HOME ?? '', 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
          ];
        case 'win32':
          return programFiles().flatMap((dir) => [path.join(dir, 'Chromium', 'Application', 'chrome.exe'), path.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe')]);
        default:
          return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
      }
    },
  },
  firefox: {
    label: 'Firefox',
    envVar: 'FIREFOX_PATH',
    debianPackage: 'firefox-esr',
    candidates: () => {
      switch (process.platform) {
        case 'darwin':
          return ['/Applications/Firefox.app/Contents/MacOS/firefox', path.join(process.env.HOME ?? '', 'Applications/Firefox.app/Contents/MacOS/firefox')];
        case 'win32':
          return programFiles().map((dir) => path.join(dir, 'Mozilla Firefox', 'firefox.exe'));
        default:
          return ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'];
      }
    },
  },
};

/** The browser's executable, or null when none is found. `CHROME_PATH`/`FIREFOX_PATH` win. */
export function findBrowser(kind: BrowserKind): string | null {
  const spec = SPECS[kind];
  const named = process.env[spec.envVar];
  if (named) return existsSync(named) ? named : null;
  return spec.candidates().find((p) => existsSync(p)) ?? null;
}

/** `debian`, `ubuntu`, `fedora`, `arch`… from /etc/os-release (ID and ID_LIKE), or []. */
function linuxFamilies(): string[] {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (name: string) => new RegExp(`^${name}=("?)([^"\\n]*)\\1`, 'm').exec(text)?.[2] ?? '';
    return `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/** The command a person on this system would run to get the browser. */
export function installHint(kind: BrowserKind): string {
  const spec = SPECS[kind];
  const families = process.platform === 'linux' ? linuxFamilies() : [];
  const set = `or set ${spec.envVar} to a ${spec.label} executable`;
  if (process.platform === 'darwin') return `brew install --cask ${kind === 'chromium' ? 'chromium' : 'firefox'} (${set})`;
  if (process.platform === 'win32') return `install ${kind === 'chromium' ? 'Google Chrome' : 'Firefox'} from its vendor, ${set}`;
  if (families.includes('debian') || families.includes('ubuntu')) return `sudo apt-get install -y ${spec.debianPackage} (${set})`;
  if (families.includes('fedora') || families.includes('rhel')) return `sudo dnf install -y ${kind === 'chromium' ? 'chromium' : 'firefox'} (${set})`;
  if (families.includes('arch')) return `sudo pacman -S ${kind === 'chromium' ? 'chromium' : 'firefox'} (${set})`;
  return `install ${spec.label} with your system's package manager, ${set}`;
}

/** How we may run apt-get here: directly (root), through passwordless sudo, or not at all. */
function aptRunner(): string[] | null {
  if (process.platform !== 'linux') return null;
  const families = linuxFamilies();
  if (!families.includes('debian') && !families.includes('ubuntu')) return null;
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

/**
 * The browser's executable; installs Debian's package first when it is missing and we may
 * (saying so on stderr). Throws with the exact command to run when it can do neither.
 */
export function ensureBrowser(kind: BrowserKind, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const found = findBrowser(kind);
  if (found) return found;
  const spec = SPECS[kind];
  if (process.env[spec.envVar]) throw new Error(`${spec.envVar}=${process.env[spec.envVar]} does not exist. Point it at a ${spec.label} executable, or unset it.`);
  const apt = aptRunner();
  if (apt) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const aptGet = (...args: string[]) =>
      apt.length ? execFileSync(apt[0]!, [...apt.slice(1), 'apt-get', ...args], { stdio: ['ignore', 'inherit', 'inherit'], env }) : execFileSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    log(`No ${spec.label} found: installing Debian's ${spec.debianPackage} with ${apt.length ? 'sudo ' : ''}apt-get (as .ci/run does)…`);
    aptGet('update', '-qq');
    aptGet('install', '-y', '-qq', '--no-install-recommends', spec.debianPackage);
    const installed = findBrowser(kind);
    if (installed) {
      log(`Installed ${spec.debianPackage}: ${installed}`);
      return installed;
    }
  }
  throw new Error(`No ${spec.label} found, and it could not be installed from here. Run: ${installHint(kind)}`);
}
