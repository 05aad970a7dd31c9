/**
 * `npm run release`: the store packages of package.json's version, checked the way the stores'
 * reviewers check them, and the Firefox build reproduced from its sources zip.
 *
 *   npm run release                  # refuses a working tree with uncommitted changes
 *   npm run release -- --allow-dirty # to try it out (the sources zip then holds the edits)
 *
 * 1. The version has the newest CHANGELOG.md entry.
 * 2. Both browsers built and zipped by WXT (`wxt zip`, `wxt zip -b firefox --mv3`, the second with
 *    the sources zip): `.output/asana-time-log-<version>-chrome.zip`, `-firefox.zip`, `-sources.zip`.
 * 3. The manifests: the version, exactly the README's permissions, each used by code and justified
 *    in every store language, Firefox's data declaration as PRIVACY.md states it; the code loads
 *    nothing remote and evaluates no string; `web-ext lint`: no error, only explained warnings.
 * 4. The sources zip: every file in it tracked by git (so nothing generated, local or secret), none
 *    minified, the build's inputs all there.
 * 5. The sources zip unpacked into an empty folder, `npm ci`, `npx wxt build -b firefox --mv3`:
 *    the result must equal the Firefox zip file for file (what Mozilla's reviewers do).
 * Ends with `release <version>: ok` and the packages, or the problems and exit code 1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {
  LISTING_LANGUAGES, ROOT, builtCodeProblems, changelogProblems, dataDeclarationProblems, extensionSources, lintFigures, lintFirefox, lintProblems, listingProblems,
  minifiedProblems, parseChangelog, parseListing, permissionUseProblems, readBuild, readmePermissionRows,
} from './review-checks';

const allowDirty = process.argv.includes('--allow-dirty');
const OUT = path.resolve(ROOT, process.env.WXT_OUT_DIR ?? '.output');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { name: string; version: string };
const version = pkg.version;
const problems: string[] = [];

const step = (title: string) => console.log(`\n== ${title} ==`);
function fail(found: string[]): void {
  for (const p of found) console.log(`  ✗ ${p}`);
  problems.push(...found);
}
function stopIfFailed(): void {
  if (problems.length === 0) return;
  console.log(`\nrelease ${version}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing to publish.`);
  process.exit(1);
}
/** Runs a command, showing its output only when it fails. */
function run(command: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    console.log(result.stdout, result.stderr);
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status}) in ${cwd}.`);
  }
}
const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} KB`;

async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

// Builds without the developer's switches (source maps, another out dir).
const buildEnv: NodeJS.ProcessEnv = { ...process.env, WXT_SOURCEMAP: '' };
delete buildEnv.WXT_SOURCEMAP;

step(`Version ${version} and CHANGELOG.md`);
fail(changelogProblems(read('CHANGELOG.md'), version));
const entry = parseChangelog(read('CHANGELOG.md'))[0];
if (entry?.version === version) console.log(`  ${entry.items.length} changes listed${entry.note ? ` ${entry.note}` : ''}`);
if (entry && /unreleased/i.test(entry.note)) console.log(`  note: the entry says “${entry.note}”: put the date there when you publish.`);

step('Working tree');
const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
if (dirty && !allowDirty) fail([`uncommitted changes (the sources zip must be a commit; --allow-dirty to try anyway):\n${dirty}`]);
else console.log(dirty ? '  uncommitted changes, allowed (--allow-dirty)' : `  clean at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()}`);
stopIfFailed();

step('Build and zip: Chrome MV3, Firefox MV3 and its sources');
run('npx', ['wxt', 'zip'], ROOT, buildEnv);
run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], ROOT, buildEnv);
const zips = { chrome: path.join(OUT, `${pkg.name}-${version}-chrome.zip`), firefox: path.join(OUT, `${pkg.name}-${version}-firefox.zip`), sources: path.join(OUT, `${pkg.name}-${version}-sources.zip`) };
for (const file of Object.values(zips)) console.log(`  ${path.relative(ROOT, file)}  ${kb(file)}`);

step('Manifests and built code');
const readmePermissions = readmePermissionRows(read('README.md')).sort();
for (const browser of ['chrome', 'firefox'] as const) {
  const dir = path.join(OUT, `${browser}-mv3`);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, any>;
  const declared = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])] as string[];
  const found: string[] = [];
  if (manifest.version !== version) found.push(`${browser}: the manifest says ${manifest.version}, package.json ${version}.`);
  if (JSON.stringify([...declared].sort()) !== JSON.stringify(readmePermissions)) found.push(`${browser}: the manifest asks for [${declared.join(', ')}], the README lists [${readmePermissions.join(', ')}].`);
  if (manifest.optional_permissions || manifest.optional_host_permissions || manifest.web_accessible_resources || manifest.externally_connectable || manifest.content_security_policy) {
    found.push(`${browser}: optional permissions, web-accessible resources, externally_connectable or a content security policy appeared in the manifest; the README says there are none.`);
  }
  found.push(...permissionUseProblems(declared, extensionSources()).map((p) => `${browser}: ${p}`));
  if (browser === 'chrome') for (const language of LISTING_LANGUAGES) found.push(...listingProblems(language, parseListing(read(`store/${language}/listing.md`)), declared));
  if (browser === 'firefox') found.push(...dataDeclarationProblems(read('PRIVACY.md'), manifest.browser_specific_settings?.gecko?.data_collection_permissions));
  found.push(...builtCodeProblems(readBuild(dir)).map((p) => `${browser}: ${p}`));
  fail(found);
  if (found.length === 0) console.log(`  ${browser}: version ${manifest.version}, permissions ${declared.join(', ')}; no remote code, no eval`);
}

step('web-ext lint (Firefox MV3)');
const report = await lintFirefox(path.join(OUT, 'firefox-mv3'));
console.log(`  ${lintFigures(report)}`);
fail(lintProblems(report));

step('Sources zip');
const sources = await unzip(zips.sources);
const tracked = new Set(execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean));
const untracked = [...sources.keys()].filter((f) => !tracked.has(f));
const before = problems.length;
if (untracked.length) fail([`files in the sources zip that git does not track (generated, local or secret?): ${untracked.join(', ')}. Delete them, or exclude them in wxt.config.ts (zip.excludeSources).`]);
fail(minifiedProblems(Object.fromEntries([...sources].map(([f, b]) => [f, b.toString('utf8')]))));
const needed = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md'].filter((f) => !sources.has(f));
if (needed.length) fail([`the sources zip lacks ${needed.join(', ')}, which the build needs.`]);
if (problems.length === before) console.log(`  ${sources.size} files, all tracked by git, none minified, the build's inputs there`);
stopIfFailed();

step('Rebuild from the sources zip (as Mozilla’s reviewers do)');
const scratch = mkdtempSync(path.join(tmpdir(), `${pkg.name}-${version}-review-`));
try {
  for (const [file, bytes] of sources) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), bytes);
  }
  const cleanEnv: NodeJS.ProcessEnv = { ...buildEnv };
  delete cleanEnv.WXT_OUT_DIR;
  console.log(`  ${scratch}: npm ci && npx wxt build -b firefox --mv3`);
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], scratch, cleanEnv);
  run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], scratch, cleanEnv);
  const rebuilt = readTree(path.join(scratch, '.output/firefox-mv3'));
  const shipped = await unzip(zips.firefox);
  const differ = [...new Set([...rebuilt.keys(), ...shipped.keys()])].filter((f) => !rebuilt.get(f)?.equals(shipped.get(f) ?? Buffer.alloc(0)) || !shipped.has(f));
  if (differ.length) fail([`the Firefox build made from the sources zip differs from the Firefox zip in: ${differ.join(', ')}`]);
  else console.log(`  identical: ${shipped.size} files`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
stopIfFailed();

console.log(`\nrelease ${version}: ok`);
console.log(`  Chrome Web Store:   ${path.relative(ROOT, zips.chrome)}`);
console.log(`  addons.mozilla.org: ${path.relative(ROOT, zips.firefox)}, with ${path.relative(ROOT, zips.sources)} as its source code`);
console.log('  listings, review answers and notes: store/ (see store/README.md)');

/** Every file under `dir`, by its path relative to it (with /). */
function readTree(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) readTree(full, base, out);
    else out.set(path.relative(base, full).split(path.sep).join('/'), readFileSync(full));
  }
  return out;
}
