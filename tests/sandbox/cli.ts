/**
 * `npm run sandbox -- [--port N] [--host H] [--tls] [--seed FILE] [--today YYYY-MM-DD] [--quiet]`
 *
 * Prints exactly `sandbox listening on <url>` then `demo token: <PAT>` (then hints), logs requests
 * to stderr unless --quiet, and runs until SIGINT/SIGTERM. Default port 4321 (0 = any free port).
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4321' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean', default: false },
    seed: { type: 'string' },
    today: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write('usage: npm run sandbox -- [--port N] [--host H] [--tls] [--seed FILE] [--today YYYY-MM-DD] [--quiet]\n');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port: not a port number: ${values.port}\n`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port, host: values.host, tls: values.tls, seed: values.seed, today: values.today, quiet: values.quiet,
});
process.stdout.write(`sandbox listening on ${sandbox.url}\n`);
process.stdout.write(`demo token: ${sandbox.demoToken}\n`);
process.stdout.write(`demo user: ${sandbox.seed.users.me?.name ?? ''} · OAuth client_id ${sandbox.world.oauthApp.clientId} · admin: ${sandbox.url}/_sandbox/stats\n`);
if (values.tls) {
  process.stdout.write(`chromium: --host-resolver-rules="MAP app.asana.com 127.0.0.1:${sandbox.port}" --ignore-certificate-errors\n`);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: closing sandbox\n`);
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
