/**
 * Minimal permissions, checked on the builds themselves: the Chrome manifest asks for exactly what
 * the extension uses, and Mozilla's own validator (`web-ext lint`, offline) finds no error in the
 * Firefox MV3 build and no warning other than the ones explained in the README (Permissions).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './harness';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** The Firefox MV3 build next to the Chrome one (`wxt build -b firefox --mv3`, same out dir). */
const FIREFOX_DIR = process.env.FIREFOX_EXTENSION_DIR ?? path.join(path.dirname(EXTENSION_DIR), 'firefox-mv3');

const readManifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, any>;

describe('Chrome manifest', () => {
  const manifest = readManifest(EXTENSION_DIR);

  it('asks only for storage, alarms and identity, and host access to app.asana.com alone', () => {
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'identity', 'storage']);
    expect(manifest.host_permissions).toEqual(['https://app.asana.com/*']);
    expect(manifest.optional_permissions).toBeUndefined();
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
});

/**
 * Warnings we accept, each explained in the README (Permissions). Matched on code and file so a new
 * occurrence elsewhere (e.g. our own innerHTML) fails the test.
 */
const EXPLAINED: Array<{ code: string; file: RegExp; why: string }> = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^(content-scripts\/asana\.js|chunks\/[\w-]+\.js)$/, why: "Preact's dangerouslySetInnerHTML support in its renderer; our code never uses it" },
];

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  column?: number;
}

describe('Firefox MV3 build', () => {
  it('has the Gecko id, the data collection declaration and the same minimal permissions', () => {
    if (!existsSync(path.join(FIREFOX_DIR, 'manifest.json'))) {
      throw new Error(`No Firefox MV3 build in ${FIREFOX_DIR}. Run \`npx wxt build -b firefox --mv3\` (with the same WXT_OUT_DIR) first; \`npm test\` does it.`);
    }
    const manifest = readManifest(FIREFOX_DIR);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toBe('asana-time-log@example.org');
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(['authenticationInfo', 'websiteContent']);
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'identity', 'storage']);
    expect(manifest.host_permissions).toEqual(['https://app.asana.com/*']);
  });

  it('passes web-ext lint: no errors, and only the explained warnings', async () => {
    const bin = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
    // web-ext exits 1 when it finds errors; the JSON report is on stdout either way.
    const { stdout } = await run(process.execPath, [bin, 'lint', '--source-dir', FIREFOX_DIR, '--output=json', '--no-input'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        if (error.stdout?.trim().startsWith('{')) return { stdout: error.stdout };
        throw new Error(`web-ext lint did not run: ${error.stderr ?? String(error)}`);
      },
    );
    const report = JSON.parse(stdout) as { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    const show = (m: LintMessage) => `${m.code} ${m.file ?? ''}: ${m.message}`;
    console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
    for (const w of report.warnings) console.log(`  warning ${show(w)} (explained: ${EXPLAINED.find((e) => e.code === w.code)?.why ?? 'NO'})`);
    expect(report.errors.map(show)).toEqual([]);
    expect(report.notices.map(show)).toEqual([]);
    const unexplained = report.warnings.filter((w) => !EXPLAINED.some((e) => e.code === w.code && e.file.test(w.file ?? '')));
    expect(unexplained.map(show)).toEqual([]);
    // Preact's renderer is bundled twice (content script, and the chunk the popup and options share).
    expect(report.warnings.filter((w) => w.code === 'UNSAFE_VAR_ASSIGNMENT')).toHaveLength(2);
  });
});
