/**
 * The size budget of what the extension injects into every Asana page (issue 8): the content
 * scripts and styles the built manifest lists, gzipped at level 9, at most 20 KB together.
 * Sizes are deterministic for a build, so this is a test; timings are only reported by
 * `npm run bench` (tests/bench/).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_GZIP_BUDGET, measureBundleSize } from '../bench/measure-bundle-size.ts';
import { EXTENSION_DIR } from './harness.ts';

describe('bundle size', () => {
  it(`injects at most ${CONTENT_SCRIPT_GZIP_BUDGET} bytes (gzip -9) of content script into every Asana page`, () => {
    expect(existsSync(path.join(EXTENSION_DIR, 'manifest.json')), `no build in ${EXTENSION_DIR}: run \`npm run build\` (\`npm test\` does)`).toBe(true);
    const size = measureBundleSize(EXTENSION_DIR);
    expect(size.files.length, 'the manifest lists no content script files').toBeGreaterThan(0);
    const listing = size.files.map((f) => `  ${f.file}: ${f.gzip} B gzip (${f.raw} B raw)`).join('\n');
    expect(
      size.gzip,
      `content scripts are ${size.gzip} B gzip, over the ${CONTENT_SCRIPT_GZIP_BUDGET} B budget by ${size.gzip - CONTENT_SCRIPT_GZIP_BUDGET} B:\n${listing}`,
    ).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BUDGET);
  });
});
