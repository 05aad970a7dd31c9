/**
 * A throwaway self-signed certificate for `app.asana.com` (SAN DNS:app.asana.com, IP:127.0.0.1,
 * DNS:localhost), made with the `openssl` CLI in a temp dir that is removed right away. Chromium
 * started with `--host-resolver-rules="MAP app.asana.com 127.0.0.1:PORT"
 * --ignore-certificate-errors` then sees a real https://app.asana.com served by the sandbox.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

let cached: Certificate | null = null;

/** Generates (once per process) the certificate and key, PEM-encoded. */
export function selfSignedCertificate(): Certificate {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'asana-sandbox-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', '/CN=app.asana.com',
      '-addext', 'subjectAltName=DNS:app.asana.com,DNS:localhost,IP:127.0.0.1',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    cached = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
