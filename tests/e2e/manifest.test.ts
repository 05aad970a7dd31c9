/**
 * The builds themselves, as the stores' reviewers see them: the manifests ask for exactly the
 * permissions the README lists and carry package.json's version; the code loads nothing remote,
 * evaluates no string and names no address but Asana's; and Mozilla's own validator (`web-ext
 * lint`, offline) finds no error in the Firefox MV3 build and no warning other than the ones
 * explained in the README (Permissions). The checks live in scripts/review-checks.ts, which
 * `npm run release` runs on the release builds too.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLAINED_LINT_WARNINGS, builtCodeProblems, lintFigures, lintFirefox, lintProblems, readBuild, readmePermissionRows } from '../../scripts/review-checks';
import { EXTENSION_DIR } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** The permissions the README's Permissions table lists (and justifies). */
const README_PERMISSIONS = readmePermissionRows(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).sort();
/** The Firefox MV3 build next to the Chrome one (`wxt build -b firefox --mv3`, same out dir). */
const FIREFOX_DIR = process.env.FIREFOX_EXTENSION_DIR ?? path.join(path.dirname(EXTENSION_DIR), 'firefox-mv3');

const readManifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, any>;

describe('Chrome manifest', () => {
  const manifest = readManifest(EXTENSION_DIR);

  it('asks only for storage, alarms, identity, scripting and idle, host access to app.asana.com alone, and notifications at run time: what the README lists', () => {
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'identity', 'idle', 'scripting', 'storage']);
    expect(manifest.host_permissions).toEqual(['https://app.asana.com/*']);
    // Asked for only when the person turns a reminder on (Preferences).
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect([...manifest.permissions, ...manifest.optional_permissions, ...manifest.host_permissions].sort()).toEqual(README_PERMISSIONS);
    expect(manifest.optional_host_permissions).toBeUndefined();
  });

  it('injects into Asana only, exposes nothing to web pages, and carries no Firefox-only keys', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)).toEqual(['https://app.asana.com/*']);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined(); // the default MV3 policy: no remote code
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('carries package.json’s version', () => {
    expect(manifest.version).toBe(VERSION);
  });

  it('loads no remote code, evaluates no string, and names no address but Asana’s', () => {
    const files = readBuild(EXTENSION_DIR);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['background.js', 'asana.js', 'popup.html', 'options.html']));
    expect(builtCodeProblems(files)).toEqual([]);
  });
});

describe('the remote-code check', () => {
  it('fails on eval, new Function, a string timer, a script from elsewhere and a new address', () => {
    expect(
      builtCodeProblems({
        'a.js': 'x=eval(y);',
        'b.js': 'const f = new Function("a", "return a");',
        'c.js': 'setTimeout("alert(1)", 5)',
        'd.js': 'fetch("https://api.example.com/collect")',
        'e.html': '<script type="module" src="https://cdn.example.com/x.js"></script>',
        'ok.js': 'obj.eval = 1; fetch("https://app.asana.com/api/1.0/users/me"); ns="http://www.w3.org/2000/svg"',
      }),
    ).toEqual([
      'a.js contains eval(: reviewers refuse code evaluated from strings.',
      'b.js contains new Function(: reviewers refuse code evaluated from strings.',
      'c.js contains a timer given a string of code: reviewers refuse code evaluated from strings.',
      'd.js names https://api.example.com/collect: the extension may talk to https://app.asana.com only. If it is never requested, add it to KNOWN_URLS (scripts/review-checks.ts) with why.',
      'e.html names https://cdn.example.com/x.js: the extension may talk to https://app.asana.com only. If it is never requested, add it to KNOWN_URLS (scripts/review-checks.ts) with why.',
      'e.html loads a script from https://cdn.example.com/x.js: every script must ship in the package.',
    ]);
  });
});

describe('Firefox MV3 build', () => {
  it('has the Gecko id, the data collection declaration and the same minimal permissions', () => {
    if (!existsSync(path.join(FIREFOX_DIR, 'manifest.json'))) {
      throw new Error(`No Firefox MV3 build in ${FIREFOX_DIR}. Run \`npx wxt build -b firefox --mv3\` (with the same WXT_OUT_DIR) first; \`npm test\` does it.`);
    }
    const manifest = readManifest(FIREFOX_DIR);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toBe('asana-time-log@example.org');
    // What PRIVACY.md (Firefox) says is sent; tests/contract/store-review.test.ts checks the two agree.
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(['authenticationInfo', 'browsingActivity', 'websiteContent']);
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'identity', 'idle', 'scripting', 'storage']);
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect(manifest.host_permissions).toEqual(['https://app.asana.com/*']);
    expect(manifest.version).toBe(VERSION);
    expect(builtCodeProblems(readBuild(FIREFOX_DIR))).toEqual([]);
  });

  it('passes web-ext lint: no errors, and only the explained warnings', async () => {
    const report = await lintFirefox(FIREFOX_DIR);
    console.log(lintFigures(report));
    for (const w of report.warnings) console.log(`  warning ${w.code} ${w.file ?? ''} (explained: ${EXPLAINED_LINT_WARNINGS.find((e) => e.code === w.code)?.why ?? 'NO'})`);
    expect(lintProblems(report)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('the lint check fails on an error, a notice, an unexplained warning, and one explained warning too many', () => {
    const w = (code: string, file: string) => ({ code, file, message: 'm' });
    const explained = [w('UNSAFE_VAR_ASSIGNMENT', 'asana.js'), w('UNSAFE_VAR_ASSIGNMENT', 'asana-more.js'), w('UNSAFE_VAR_ASSIGNMENT', 'chunks/sync-notice-x.js')];
    expect(lintProblems({ summary: { errors: 0, warnings: 3, notices: 0 }, errors: [], notices: [], warnings: explained })).toEqual([]);
    expect(
      lintProblems({ summary: { errors: 1, warnings: 5, notices: 1 }, errors: [w('MANIFEST_FIELD_INVALID', 'manifest.json')], notices: [w('X', 'y.js')], warnings: [...explained, w('UNSAFE_VAR_ASSIGNMENT', 'background.js'), w('UNSAFE_VAR_ASSIGNMENT', 'chunks/options-x.js')] }),
    ).toEqual([
      'web-ext lint error: MANIFEST_FIELD_INVALID manifest.json: m',
      'web-ext lint notice: X y.js: m',
      'web-ext lint warning not explained in the README: UNSAFE_VAR_ASSIGNMENT background.js: m',
      expect.stringMatching(/^web-ext lint: 4 UNSAFE_VAR_ASSIGNMENT warnings, 3 explained/),
    ]);
  });
});
