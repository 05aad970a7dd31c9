/**
 * Figure (a): the bytes the extension injects into every Asana page, i.e. the files the built
 * manifest lists under `content_scripts[].js` and `.css`, raw and gzipped at level 9.
 * Also used by tests/e2e/bundle-size.test.ts, which enforces the budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** At most this many gzip bytes of content script (JS + CSS together) on every Asana page. */
export const CONTENT_SCRIPT_GZIP_BUDGET = 20 * 1024;

export interface InjectedFile {
  /** Path relative to the extension directory, as the manifest names it. */
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleSize {
  files: InjectedFile[];
  raw: number;
  gzip: number;
  budget: number;
}

/** Sizes of every content-script file in the built extension at `extensionDir`. */
export function measureBundleSize(extensionDir: string): BundleSize {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[]; css?: string[] }>;
  };
  // A file listed by two content_scripts entries is injected once per page: count it once.
  const names = [...new Set((manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])]))];
  const files = names.map((file) => {
    const content = readFileSync(path.join(extensionDir, file));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return {
    files,
    raw: files.reduce((s, f) => s + f.raw, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    budget: CONTENT_SCRIPT_GZIP_BUDGET,
  };
}
