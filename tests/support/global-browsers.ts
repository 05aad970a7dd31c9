/**
 * vitest globalSetup of the end-to-end project: make sure the browser is there before any test
 * starts (installing Debian's package when it may, see browsers.ts), so that a missing browser is
 * one clear message instead of a failure in every file.
 */
import { ensureBrowser } from './browsers.ts';

export default function setup(): void {
  ensureBrowser('chromium');
}
