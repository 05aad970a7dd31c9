/**
 * The Asana sandbox: a local imitation of Asana's HTTP API, OAuth endpoints and web app, for
 * tests, benchmarks and demos. See README.md.
 *
 *   const sandbox = await startSandbox({ today: '2026-03-11' });
 *   await fetch(`${sandbox.apiUrl}/users/me`, { headers: { Authorization: `Bearer ${sandbox.demoToken}` } });
 *   await sandbox.close();
 */
export { startSandbox, type ApiExchange, type Sandbox, type SandboxOptions } from './server.ts';
export { World, compareEntries, compareGids, type AddTaskInput, type AddUserInput, type OAuthCode, type OAuthGrant } from './world.ts';
export { createSeedSnapshot, emptySnapshot } from './seed.ts';
export { FAULT_KINDS, type FaultControls, type FaultKind, type FaultMatch, type FaultRuleInput, type RandomFaultOptions } from './faults.ts';
export { Stats, type RequestFilter, type RequestLog, type TokenCounters } from './stats.ts';
export type { RateLimitOptions } from './rate-limit.ts';
export type { OAuthOptions } from './oauth.ts';
export { pkceChallenge } from './oauth.ts';
export { taskGidFromPath, taskGidFromUrl, pageData, type PageData } from './pages.ts';
export { MAX_DURATION_MINUTES } from './api/entries.ts';
export { ERROR_HELP, RATE_LIMIT_MESSAGE } from './errors.ts';
export * from './types.ts';
