/** vitest globalSetup of the Firefox project: Firefox is there before any test starts (see browsers.ts). */
import { ensureBrowser } from './browsers.ts';

export default function setup(): void {
  ensureBrowser(process.env.E2E_BROWSER === 'chromium' ? 'chromium' : 'firefox');
}
