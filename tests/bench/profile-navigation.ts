/**
 * Where the main-thread time of a revisit goes: a CPU profile (DevTools protocol Profiler) of
 * the Asana page over repeated pushState navigations between cached tasks, printed as self time
 * per function and navigation. Not part of `npm run bench`; run it to check a fix:
 *
 *   EXTENSION_DIR=$PWD/.output-bench/chrome-mv3 npx tsx tests/bench/profile-navigation.ts
 *
 * The build is minified: functions are named by their column in asana.js
 * (`cut -c<col>-<col+300> .output-bench/chrome-mv3/asana.js` shows the code).
 */
import { Harness } from '../e2e/harness.ts';
import { startSandbox } from '../sandbox/index.ts';
import { createBenchWorld } from './bench-world.ts';
import { NAME_HELPER, timeTaskOpen } from './page-timing.ts';
import { waitForQuiet } from './sandbox-traffic.ts';

const NAVIGATIONS = 20;
const SETTLE_MS = 300;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ tls: true, rateLimit: { perMinute: 1_000_000 } });
  const world = createBenchWorld(sandbox, { navigation: 10, large: 0 });
  const harness = await Harness.launch({ useSandbox: sandbox, connect: true, widget: 'defaults' });
  try {
    await harness.context.addInitScript({ content: NAME_HELPER });
    const page = await harness.openAsana(`https://app.asana.com${world.start.path}`);
    // Open every task once so that the profiled navigations are revisits.
    for (const task of world.navigation) {
      await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total });
      await waitForQuiet(sandbox);
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    for (let i = 0; i < NAVIGATIONS; i++) {
      const path = world.navigation[i % world.navigation.length]!.path;
      await page.evaluate(
        ([p, pause]) =>
          new Promise<void>((resolve) => {
            setTimeout(() => (window as unknown as { __sandboxNavigate: (path: string) => void }).__sandboxNavigate(p), 0);
            setTimeout(resolve, pause);
          }),
        [path, SETTLE_MS] as const,
      );
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const { functionName, url, columnNumber } = nodes.get(id)!.callFrame;
      const key = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${columnNumber}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(`Self time per navigation (ms), ${NAVIGATIONS} revisits ${SETTLE_MS} ms apart:`);
    for (const [key, total] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`${(total / NAVIGATIONS).toFixed(2).padStart(8)}  ${key}`);
    }
  } finally {
    await harness.close();
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
