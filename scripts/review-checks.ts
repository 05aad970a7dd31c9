/**
 * What the stores' reviewers check, as functions the tests and the release both run
 * (tests/contract/store-review.test.ts, tests/e2e/manifest.test.ts, scripts/release.ts): one version
 * with a changelog entry; every permission justified everywhere and used by some code; no remote
 * code, no eval or `new Function`; no minified file among the sources; `web-ext lint` clean but for
 * the warnings explained in the README. Each returns the problems it found, in words that say what
 * to do; an empty list passes. Node only (never bundled into the extension).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '..');

// ---- versions and the changelog --------------------------------------------------------------

export interface ChangelogEntry {
  version: string;
  /** What follows the version on its heading, e.g. `(unreleased)` or `- 2027-01-04`. */
  note: string;
  /** Its list items (the user-visible changes). */
  items: string[];
}

/** The `## <version>` sections of CHANGELOG.md, newest first as written. */
export function parseChangelog(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  for (const line of text.split('\n')) {
    const heading = /^## +\[?([^\]\s]+)\]?(.*)$/.exec(line);
    if (heading) entries.push({ version: heading[1]!, note: heading[2]!.trim(), items: [] });
    else if (/^\s*[-*] +\S/.test(line) && entries.length) entries.at(-1)!.items.push(line.trim().replace(/^[-*] +/, ''));
  }
  return entries;
}

/** A version the stores accept and semver reads: three dot-separated integers, each at most 65535 (Chrome's limit). */
export const isReleaseVersion = (version: string) => /^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$/.test(version) && version.split('.').every((n) => Number(n) <= 65535);

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * The changelog against package.json's version: the version is a release version, and the newest
 * entry is that version's (so a version changed without its entry fails); every entry lists
 * something, and versions only go down the file.
 */
export function changelogProblems(text: string, version: string): string[] {
  const problems: string[] = [];
  if (!isReleaseVersion(version)) problems.push(`package.json's version “${version}” is not MAJOR.MINOR.PATCH (integers up to 65535), which both stores require.`);
  const entries = parseChangelog(text);
  if (entries.length === 0) return [...problems, 'CHANGELOG.md has no “## <version>” section.'];
  if (entries[0]!.version !== version) {
    problems.push(`package.json is at ${version} but the newest entry in CHANGELOG.md is ${entries[0]!.version}: add a “## ${version}” section at the top, listing what changed for the people who use the extension.`);
  }
  entries.forEach((entry, i) => {
    if (!isReleaseVersion(entry.version)) problems.push(`CHANGELOG.md: “${entry.version}” is not a version (MAJOR.MINOR.PATCH).`);
    if (entry.items.length === 0) problems.push(`CHANGELOG.md: ${entry.version} lists no change (one “- …” line per user-visible change).`);
    const next = entries[i + 1];
    if (next && isReleaseVersion(entry.version) && isReleaseVersion(next.version) && compareVersions(entry.version, next.version) <= 0) {
      problems.push(`CHANGELOG.md: ${entry.version} comes before ${next.version}; newest first, each version once.`);
    }
  });
  return problems;
}

// ---- permissions: each justified, each in use --------------------------------------------------

/**
 * How code uses each permission the extension may declare. A permission in the manifest that is not
 * here fails (say how it is used first); one whose use no code shows fails (remove it).
 */
export const PERMISSION_USE: Record<string, { uses: RegExp; api: string }> = {
  storage: { uses: /\bbrowser\.storage\.|\bstorage\.defineItem\b/, api: 'browser.storage (and WXT storage items)' },
  alarms: { uses: /\bbrowser\.alarms\./, api: 'browser.alarms' },
  identity: { uses: /\bbrowser\.identity\./, api: 'browser.identity' },
  idle: { uses: /\bbrowser\.idle\./, api: 'browser.idle' },
  scripting: { uses: /\bbrowser\.scripting\.executeScript\b/, api: 'browser.scripting.executeScript' },
  notifications: { uses: /\bbrowser\.notifications\./, api: 'browser.notifications' },
  'https://app.asana.com/*': { uses: /['"`]https:\/\/app\.asana\.com(?:[/'"`*]|$)/, api: 'requests to https://app.asana.com and the content script there' },
};

/** API namespaces that need no permission (or only what the host permission gives). */
const FREE_NAMESPACES = new Set(['runtime', 'tabs', 'action', 'browserAction', 'commands', 'i18n', 'extension', 'windows', 'permissions']);

/** Lines of code, without the comment lines (a JSDoc naming an API is not a use of it). */
const codeLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .join('\n');

/** The extension's own source files (lib/, entrypoints/, components/), path → text. */
export function extensionSources(root = ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs)$/.test(name)) out[path.relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  for (const dir of ['lib', 'entrypoints', 'components']) walk(path.join(root, dir));
  return out;
}

/**
 * Every declared permission (and host permission) is used by some code, and every API namespace
 * the code uses that needs a permission is declared.
 */
export function permissionUseProblems(declared: string[], sources: Record<string, string>): string[] {
  const problems: string[] = [];
  const code = Object.entries(sources).map(([file, text]) => [file, codeLines(text)] as const);
  for (const permission of declared) {
    const use = PERMISSION_USE[permission];
    if (!use) {
      problems.push(`The manifest asks for “${permission}”, and the check does not know what code needs it: add it to PERMISSION_USE (scripts/review-checks.ts) with the API it gives, a row in the README's Permissions table and a justification in every store/<language>/listing.md.`);
      continue;
    }
    if (!code.some(([, text]) => use.uses.test(text))) {
      problems.push(`The manifest asks for “${permission}” but no code in lib/, entrypoints/ or components/ uses it (looked for ${use.api}): remove it from wxt.config.ts, or it will be refused in review.`);
    }
  }
  for (const [file, text] of code) {
    for (const match of text.matchAll(/\b(?:browser|chrome)\.([a-zA-Z]+)\b/g)) {
      const namespace = match[1]!;
      if (FREE_NAMESPACES.has(namespace) || declared.includes(namespace)) continue;
      problems.push(`${file} uses browser.${namespace}, which needs the “${namespace}” permission the manifest does not ask for.`);
    }
  }
  return [...new Set(problems)];
}

/** The permissions named (in backticks) in the first column of the README's "## Permissions" table. */
export function readmePermissionRows(readme: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Permissions')) ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => /^\|\s*`([^`]+)`/.exec(line)![1]!);
}

// ---- the store listings (store/<language>/listing.md) ---------------------------------------------

export const LISTING_LANGUAGES = ['en', 'de', 'ja'] as const;
/** Limits of the stores' fields: Chrome's summary (= the manifest description) and detailed description; 1,000 for the review fields, a cap we keep to. */
export const LIMITS = { short: 132, long: 16_000, singlePurpose: 1_000, justification: 1_000 };

export interface Listing {
  name: string;
  short: string;
  long: string;
  singlePurpose: string;
  /** Permission → why, from the `### <permission>` headings under "## Permission justifications". */
  justifications: Record<string, string>;
}

/** Reads a listing file: `## Name`, `## Short description`, `## Description`, `## Single purpose`, `## Permission justifications` with `### <permission>`. */
export function parseListing(markdown: string): Listing {
  const sections: Record<string, string> = {};
  const justifications: Record<string, string> = {};
  let section = '';
  let permission: string | null = null;
  for (const line of markdown.split('\n')) {
    const h2 = /^## +(.+?)\s*$/.exec(line);
    const h3 = /^### +`?([^`]+?)`?\s*$/.exec(line);
    if (h2) {
      section = h2[1]!.toLowerCase();
      permission = null;
      sections[section] = '';
    } else if (h3 && section === 'permission justifications') {
      permission = h3[1]!;
      justifications[permission] = '';
    } else if (permission !== null) justifications[permission] += `${line}\n`;
    else if (section) sections[section] += `${line}\n`;
  }
  const text = (s: string | undefined) => (s ?? '').replace(/^<!--[\s\S]*?-->\s*/gm, '').trim();
  for (const k of Object.keys(justifications)) justifications[k] = text(justifications[k]);
  return { name: text(sections.name), short: text(sections['short description']), long: text(sections.description), singlePurpose: text(sections['single purpose']), justifications };
}

/** One language's listing: every field filled and within its limit, and a justification for exactly the declared permissions. */
export function listingProblems(language: string, listing: Listing, declared: string[]): string[] {
  const where = `store/${language}/listing.md`;
  const problems: string[] = [];
  const field = (label: string, value: string, limit: number) => {
    if (!value) problems.push(`${where}: “${label}” is empty.`);
    else if ([...value].length > limit) problems.push(`${where}: “${label}” has ${[...value].length} characters; the store takes ${limit} at most.`);
  };
  field('Name', listing.name, 75);
  field('Short description', listing.short, LIMITS.short);
  field('Description', listing.long, LIMITS.long);
  field('Single purpose', listing.singlePurpose, LIMITS.singlePurpose);
  for (const permission of declared) {
    if (!(permission in listing.justifications)) problems.push(`${where}: no justification for “${permission}” (a “### ${permission}” under “## Permission justifications”).`);
    else field(`${permission} justification`, listing.justifications[permission]!, LIMITS.justification);
  }
  for (const permission of Object.keys(listing.justifications)) {
    if (!declared.includes(permission)) problems.push(`${where}: justifies “${permission}”, which the manifest does not ask for: remove it.`);
  }
  return problems;
}

// ---- the privacy policy and Firefox's data collection declaration -------------------------------

/** Mozilla's kinds of data, as the manifest's data_collection_permissions names them. */
export const MOZILLA_DATA_KINDS = [
  'authenticationInfo', 'bookmarksInfo', 'browsingActivity', 'financialAndPaymentInfo', 'healthInfo', 'locationInfo', 'personalCommunications',
  'personallyIdentifyingInfo', 'searchTerms', 'websiteActivity', 'websiteContent', 'technicalAndInteraction',
] as const;

/** The kinds PRIVACY.md's "## Firefox …" table marks as sent (`| \`kind\` | yes |`) and not sent (`no`); null without that section. */
export function policyDataKinds(policy: string): { sent: string[]; notSent: string[] } | null {
  const section = policy.split(/^## /m).find((s) => s.startsWith('Firefox'));
  if (!section) return null;
  const marked = (answer: string) => MOZILLA_DATA_KINDS.filter((k) => new RegExp(`^\\|\\s*\`${k}\`\\s*\\|\\s*${answer}\\b`, 'm').test(section));
  return { sent: marked('yes'), notSent: marked('no') };
}

/** The policy's table against the manifest: every kind answered, and the ones sent are exactly the required ones. */
export function dataDeclarationProblems(policy: string, declared: { required?: string[]; optional?: string[] } | undefined): string[] {
  const kinds = policyDataKinds(policy);
  if (!kinds) return ['PRIVACY.md has no “## Firefox …” section with a yes/no row per kind of data.'];
  const problems: string[] = [];
  const unanswered = MOZILLA_DATA_KINDS.filter((k) => !kinds.sent.includes(k) && !kinds.notSent.includes(k));
  if (unanswered.length) problems.push(`PRIVACY.md (Firefox) does not say whether it sends ${unanswered.join(', ')}.`);
  const required = [...(declared?.required ?? [])].sort();
  if (JSON.stringify(required) !== JSON.stringify([...kinds.sent].sort())) {
    problems.push(`The Firefox manifest declares [${required.join(', ')}] but PRIVACY.md says it sends [${[...kinds.sent].sort().join(', ')}]: make them agree (wxt.config.ts, data_collection_permissions).`);
  }
  if (declared?.optional?.length) problems.push(`The Firefox manifest declares optional data collection (${declared.optional.join(', ')}), which PRIVACY.md does not describe.`);
  return problems;
}

// ---- built output: no remote code, no eval ------------------------------------------------------

/** The files of a built extension, path → text (images skipped). */
export function readBuild(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|mjs|html|css|json)$/.test(name)) out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Addresses that may appear in the built code although nothing is fetched from them, each with
 * why. Any other address than https://app.asana.com fails the check: the extension talks to
 * Asana alone, and loads no code from anywhere.
 */
export const KNOWN_URLS: Array<{ url: RegExp; why: string }> = [
  { url: /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1998\/Math\/MathML)$/, why: 'XML namespace names in Preact’s renderer (identifiers, never requested)' },
  { url: /^https:\/\/wxt\.dev\/guide\/go-further\/testing\.html$/, why: 'a link in the text of an error WXT throws when its test-only browser is missing (never requested)' },
  { url: /^https:\/\/github\.com\/wxt-dev\/wxt\/issues\/371$/, why: 'a link in the text of a WXT warning (never requested)' },
];

/** The extension's code loads nothing remote, evaluates no strings as code, and talks only to Asana. */
export function builtCodeProblems(files: Record<string, string>): string[] {
  const problems: string[] = [];
  const dynamic: Array<[RegExp, string]> = [
    [/(?<![\w$.])eval\s*\(/, 'eval('],
    [/\bnew\s+Function\s*\(/, 'new Function('],
    [/(?<!\bnew\s+)(?<![\w$.])Function\s*\(\s*["'`]/, 'Function("…")'],
    [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, 'a timer given a string of code'],
    [/\bimportScripts\s*\(/, 'importScripts('],
    [/\bimport\s*\(\s*["'`]https?:/, 'an import from the network'],
  ];
  for (const [file, text] of Object.entries(files)) {
    for (const [pattern, what] of dynamic) if (pattern.test(text)) problems.push(`${file} contains ${what}: reviewers refuse code evaluated from strings.`);
    for (const [, url] of text.matchAll(/(https?:\/\/[^\s"'`)<>\\]+)/g)) {
      const bare = url!.replace(/[.,;]+$/, '');
      if (/^https:\/\/app\.asana\.com(?:\/|$)/.test(bare) || KNOWN_URLS.some((k) => k.url.test(bare))) continue;
      problems.push(`${file} names ${bare}: the extension may talk to https://app.asana.com only. If it is never requested, add it to KNOWN_URLS (scripts/review-checks.ts) with why.`);
    }
    if (file.endsWith('.html')) {
      for (const [, src] of text.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)) {
        if (!/^(\.?\/|\w)/.test(src!) || /^\w+:/.test(src!)) problems.push(`${file} loads a script from ${src}: every script must ship in the package.`);
      }
      if (/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/.test(text)) problems.push(`${file} has an inline script: MV3's policy refuses it; move it to a module.`);
    }
  }
  return [...new Set(problems)];
}

// ---- the sources for Firefox's review: readable, nothing generated or secret ---------------------

/** Code files by extension, for the minified check. */
const CODE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|css|html)$/;
/** A line this long is not written by hand (our longest is ~350). */
export const MINIFIED_LINE = 1_000;

/** Files that look minified or generated among sources (path → text): a `.min.` name, or a code line over {@link MINIFIED_LINE} characters. */
export function minifiedProblems(files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (!CODE_FILE.test(file)) continue;
    if (/\.min\.\w+$/.test(file)) problems.push(`${file} is a minified file: reviewers need the readable source (let npm install the library instead).`);
    const longest = Math.max(0, ...text.split('\n').map((l) => l.length));
    if (longest > MINIFIED_LINE) problems.push(`${file} has a line of ${longest} characters: it looks minified or generated, which the sources for review must not contain.`);
  }
  return problems;
}

// ---- web-ext lint ------------------------------------------------------------------------------

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
export interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/**
 * Warnings we accept, each explained in the README (Permissions). Matched on code and file, and
 * counted, so a new occurrence elsewhere (e.g. our own innerHTML) fails.
 */
export const EXPLAINED_LINT_WARNINGS: Array<{ code: string; file: RegExp; count: number; why: string }> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(asana\.js|asana-more\.js|chunks\/[\w-]+\.js)$/,
    count: 3,
    why: "Preact's dangerouslySetInnerHTML support in its renderer, bundled once in the content script, once in the rest of the widget it loads on demand, and once in the chunk the popup and options share; our code never uses it",
  },
];

/** Runs Mozilla's validator (offline) on a Firefox build and returns its JSON report. */
export async function lintFirefox(dir: string): Promise<LintReport> {
  const bin = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  // web-ext exits 1 when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'lint', '--source-dir', dir, '--output=json', '--no-input'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      if (error.stdout?.trim().startsWith('{')) return { stdout: error.stdout };
      throw new Error(`web-ext lint did not run: ${error.stderr ?? String(error)}`);
    },
  );
  return JSON.parse(stdout) as LintReport;
}

const showLint = (m: LintMessage) => `${m.code} ${m.file ?? ''}: ${m.message}`;

/** No error, no notice, and only the explained warnings, as many as explained. */
export function lintProblems(report: LintReport): string[] {
  const problems = [...report.errors.map((m) => `web-ext lint error: ${showLint(m)}`), ...report.notices.map((m) => `web-ext lint notice: ${showLint(m)}`)];
  for (const w of report.warnings) {
    if (!EXPLAINED_LINT_WARNINGS.some((e) => e.code === w.code && e.file.test(w.file ?? ''))) problems.push(`web-ext lint warning not explained in the README: ${showLint(w)}`);
  }
  for (const e of EXPLAINED_LINT_WARNINGS) {
    const n = report.warnings.filter((w) => w.code === e.code && e.file.test(w.file ?? '')).length;
    if (n > e.count) problems.push(`web-ext lint: ${n} ${e.code} warnings, ${e.count} explained (${e.why}); a new one came from somewhere else.`);
  }
  return problems;
}

/** One line of figures, for logs: `web-ext lint: 0 errors, 2 warnings, 0 notices`. */
export const lintFigures = (report: LintReport) => `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`;
