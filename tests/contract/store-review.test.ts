/**
 * The contract with the stores and their reviewers, checked without a build: one version with its
 * changelog entry; every permission the manifest asks for is used by some code, has a row in the
 * README's Permissions table and a justification in every store listing language; the privacy
 * policy names every stored item and declares to Firefox exactly what it says is sent; no source
 * that goes to Mozilla's reviewers is minified. (The built output's own checks, remote code and
 * `web-ext lint`, are in tests/e2e/manifest.test.ts.) Each check is shown failing on a made-up case.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { accountKey, floatingKey, outboxKey, pageReportKey, recoveryKey, uiPrefsKey, userKeys, type StoredKey } from '../../lib/storage/keys';
import {
  LISTING_LANGUAGES, ROOT, changelogProblems, dataDeclarationProblems, extensionSources, listingProblems, minifiedProblems, parseListing, permissionUseProblems, policyDataKinds, readmePermissionRows,
} from '../../scripts/review-checks';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; description: string };

type Manifest = { permissions: string[]; optional_permissions?: string[]; host_permissions: string[]; description: string; browser_specific_settings?: { gecko: { data_collection_permissions: { required: string[]; optional?: string[] } } } };
const manifestFor = async (browser: 'chrome' | 'firefox'): Promise<Manifest> => {
  const make = config.manifest as (env: { browser: string; manifestVersion: 3; mode: string; command: 'build' }) => Manifest | Promise<Manifest>;
  return make({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
};
/** Every permission the extension may hold: those asked at install, and the optional ones asked at run time (notifications). */
const declared = async () => {
  const m = await manifestFor('chrome');
  return [...m.permissions, ...(m.optional_permissions ?? []), ...m.host_permissions];
};

describe('one version, and a changelog entry for it', () => {
  it('package.json’s version is the newest entry of CHANGELOG.md, and every entry lists its changes', () => {
    expect(changelogProblems(read('CHANGELOG.md'), pkg.version)).toEqual([]);
  });

  it.each([
    ['the version changed without an entry', '## 1.0.0\n- First.\n', '1.0.1', /package\.json is at 1\.0\.1 but the newest entry in CHANGELOG\.md is 1\.0\.0/],
    ['an entry with nothing in it', '## 1.1.0 (unreleased)\n\n## 1.0.0\n- First.\n', '1.1.0', /1\.1\.0 lists no change/],
    ['versions out of order', '## 1.0.0\n- A.\n## 1.2.0\n- B.\n', '1.0.0', /1\.0\.0 comes before 1\.2\.0/],
    ['a version the stores refuse', '## 1.0.0-beta\n- A.\n', '1.0.0-beta', /is not MAJOR\.MINOR\.PATCH/],
    ['no changelog at all', '# Changelog\n', '1.0.0', /has no “## <version>” section/],
  ])('fails on %s', (_, text, version, problem) => {
    expect(changelogProblems(text, version).join('\n')).toMatch(problem);
  });
});

describe('permissions: each one used, justified in the README and in every store language', () => {
  it('Chrome and Firefox ask for the same permissions', async () => {
    const [chrome, firefox] = await Promise.all([manifestFor('chrome'), manifestFor('firefox')]);
    expect([firefox.permissions, firefox.optional_permissions, firefox.host_permissions]).toEqual([chrome.permissions, chrome.optional_permissions, chrome.host_permissions]);
  });

  it('every permission is used by some code, and the code uses no API it did not ask for', async () => {
    expect(permissionUseProblems(await declared(), extensionSources())).toEqual([]);
  });

  it('fails on a permission no code uses, one it cannot judge, and an API used without its permission', async () => {
    const sources = extensionSources();
    expect(permissionUseProblems(['idle'], { 'lib/x.ts': 'export const away = 1;\n' })).toEqual([expect.stringMatching(/asks for “idle” but no code .* uses it \(looked for browser\.idle\)/)]);
    expect(permissionUseProblems([...(await declared()), 'tabs'], sources)).toEqual([expect.stringMatching(/asks for “tabs”, and the check does not know what code needs it/)]);
    const withoutAlarms = (await declared()).filter((p) => p !== 'alarms');
    expect(permissionUseProblems(withoutAlarms, sources).join('\n')).toMatch(/lib\/background\/index\.ts uses browser\.alarms, which needs the “alarms” permission/);
    // A comment naming an API is not a use of it.
    expect(permissionUseProblems(['notifications'], { 'lib/x.ts': '/**\n * browser.notifications.create(…)\n */\n// browser.notifications.clear()\n' })).toEqual([
      expect.stringMatching(/asks for “notifications” but no code/),
    ]);
  });

  it('the README’s Permissions table has one row per permission, no more', async () => {
    expect(readmePermissionRows(read('README.md')).sort()).toEqual((await declared()).sort());
  });
});

describe('store listings (store/<language>/listing.md)', () => {
  it.each(LISTING_LANGUAGES)('%s: every field within the store’s limits, one justification per permission', async (language) => {
    const file = `store/${language}/listing.md`;
    expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    expect(listingProblems(language, parseListing(read(file)), await declared())).toEqual([]);
  });

  it('each short description is the manifest’s in that language (Chrome shows the manifest’s), and the others are translations', async () => {
    const [en, de, ja] = LISTING_LANGUAGES.map((l) => parseListing(read(`store/${l}/listing.md`)));
    // The manifest names a message; each language's _locales file holds its text.
    const description = (await manifestFor('chrome')).description as string;
    const key = /^__MSG_(\w+)__$/.exec(description)?.[1];
    expect(key, description).toBeTruthy();
    for (const [language, listing] of [['en', en], ['de', de], ['ja', ja]] as const) {
      const messages = JSON.parse(read(`public/_locales/${language}/messages.json`)) as Record<string, { message: string }>;
      expect(listing!.short, language).toBe(messages[key!]!.message);
    }
    expect(en!.short).toBe(pkg.description);
    expect(de!.short).not.toBe(en!.short);
    expect(ja!.short).not.toBe(en!.short);
    expect(new Set([en!.name, de!.name, ja!.name])).toEqual(new Set(['Asana Time Log']));
  });

  it('each listing names the “Remove all data from this browser” button as the options page labels it in that language', () => {
    for (const language of LISTING_LANGUAGES) {
      const messages = JSON.parse(read(`public/_locales/${language}/messages.json`)) as Record<string, { message: string }>;
      expect(read(`store/${language}/listing.md`), language).toContain(messages.removeAllData!.message);
    }
  });

  it('fails on a missing or stale justification and on a field over its limit', async () => {
    const listing = parseListing(read('store/de/listing.md'));
    const { alarms: _, ...rest } = listing.justifications;
    expect(listingProblems('de', { ...listing, justifications: { ...rest, tabs: 'Um Tabs zu lesen.' } }, await declared())).toEqual([
      'store/de/listing.md: no justification for “alarms” (a “### alarms” under “## Permission justifications”).',
      'store/de/listing.md: justifies “tabs”, which the manifest does not ask for: remove it.',
    ]);
    expect(listingProblems('de', { ...listing, short: 'x'.repeat(133) }, await declared())).toEqual(['store/de/listing.md: “Short description” has 133 characters; the store takes 132 at most.']);
  });

  it('AMO’s notes for reviewers say how to build from the sources zip and test with the sandbox', () => {
    const notes = read('store/amo-reviewer-notes.md');
    for (const step of ['npm ci', 'npx wxt build -b firefox --mv3', '.output/firefox-mv3', 'npm run sandbox -- --tls', 'network.dns.localDomains', 'demo token']) expect(notes).toContain(step);
    expect(notes).toContain(`asana-time-log-${pkg.version}-sources.zip`);
  });
});

describe('the privacy policy (PRIVACY.md) is true to the code', () => {
  const policy = read('PRIVACY.md');

  /** Every stored item's key as the policy writes it: `account`, `u:<user>:task:<task>`, … */
  function storedKeys(): string[] {
    const shared: StoredKey<unknown>[] = [accountKey, outboxKey, uiPrefsKey, floatingKey, pageReportKey, recoveryKey];
    const argument: Record<string, string> = { task: '<task>', categories: '<workspace>', budget: '<project>' };
    const perUser = Object.entries(userKeys('<user>')).map(([name, item]) => {
      if (typeof item !== 'function') return item.raw;
      if (!(name in argument)) throw new Error(`userKeys().${name} takes an argument the policy check does not name: add it to \`argument\`.`);
      return item(argument[name]!).raw;
    });
    return [...shared.map((k) => k.raw), ...perUser];
  }

  it('names every item the extension stores, and both stores of the vault', () => {
    const missing = [...storedKeys(), 'secrets', 'records'].filter((key) => !policy.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it('declares to Firefox exactly the kinds of data it says are sent (data_collection_permissions)', async () => {
    const declaredKinds = (await manifestFor('firefox')).browser_specific_settings!.gecko.data_collection_permissions;
    expect(policyDataKinds(policy)!.sent).toEqual(['authenticationInfo', 'browsingActivity', 'websiteContent']);
    expect(dataDeclarationProblems(policy, declaredKinds)).toEqual([]);
  });

  it('fails when the manifest and the policy disagree, or a kind is not answered', () => {
    expect(dataDeclarationProblems(policy, { required: ['authenticationInfo', 'websiteContent'] })).toEqual([
      'The Firefox manifest declares [authenticationInfo, websiteContent] but PRIVACY.md says it sends [authenticationInfo, browsingActivity, websiteContent]: make them agree (wxt.config.ts, data_collection_permissions).',
    ]);
    expect(dataDeclarationProblems(policy.replace(/^\| `healthInfo` .*$/m, ''), { required: ['authenticationInfo', 'browsingActivity', 'websiteContent'] })).toEqual([
      'PRIVACY.md (Firefox) does not say whether it sends healthInfo.',
    ]);
  });

  it('says where data goes, and how to remove it all', () => {
    expect(policy).toContain('https://app.asana.com');
    expect(policy).toContain('Remove all data from this browser');
    expect(policy).toMatch(/\bstorage\.local\b/);
    expect(policy).toMatch(/IndexedDB/);
  });
});

describe('the sources for Firefox’s review', () => {
  it('contain no minified or generated code (every file WXT’s sources zip takes from git)', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    // What `wxt zip -b firefox` leaves out: tests, dot files (see scripts/release.ts, which checks the zip itself).
    const zipped = tracked.filter((f) => !/(^|\/)\./.test(f) && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(f) && existsSync(path.join(ROOT, f)));
    expect(zipped.length).toBeGreaterThan(100);
    expect(minifiedProblems(Object.fromEntries(zipped.map((f) => [f, read(f)])))).toEqual([]);
  });

  it('fails on a minified file', () => {
    expect(minifiedProblems({ 'lib/vendor/lib.min.js': 'a', 'lib/x.ts': `const a = 1;\n${'x'.repeat(1500)}\n` })).toEqual([
      'lib/vendor/lib.min.js is a minified file: reviewers need the readable source (let npm install the library instead).',
      'lib/x.ts has a line of 1500 characters: it looks minified or generated, which the sources for review must not contain.',
    ]);
  });
});
