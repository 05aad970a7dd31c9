/**
 * Connecting the account: a personal access token, or OAuth with the user's own Asana app.
 * Shows "Connected as NAME (email)" and signs out. Secrets go straight to the background.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionState } from '@/lib/auth/session';
import { errorMessage, send } from '@/lib/messaging/client';

export function AccountPanel() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ where: string; message: string } | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    send('session.get')
      .then((s) => {
        setSession(s);
        setClientId(s.oauth.clientId ?? '');
      })
      .catch((e) => setProblem({ where: 'status', message: errorMessage(e) }));
  }, []);

  async function run(where: string, action: () => Promise<SessionState>, success: (s: SessionState) => string) {
    setBusy(where);
    setProblem(null);
    setNotice('');
    try {
      const next = await action();
      setSession(next);
      setNotice(success(next));
    } catch (error) {
      setProblem({ where, message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  const connectToken = (e: Event) => {
    e.preventDefault();
    if (!token.trim()) {
      setProblem({ where: 'token', message: 'Paste your personal access token first.' });
      return;
    }
    void run('token', () => send('session.connectToken', { token: token.trim() }), (s) => {
      setToken('');
      return `Connected as ${s.user?.name}.`;
    });
  };

  const saveApp = (e: Event) => {
    e.preventDefault();
    if (!/^\d+$/.test(clientId.trim())) {
      setProblem({ where: 'oauth', message: 'The client ID is the number Asana shows for your app (digits only).' });
      return;
    }
    if (!clientSecret.trim() && !session?.oauth.hasClientSecret) {
      setProblem({ where: 'oauth', message: 'Paste the client secret too: Asana requires it to sign in.' });
      return;
    }
    void run('oauth', () => send('session.saveOAuthApp', { clientId: clientId.trim(), clientSecret: clientSecret.trim() || undefined }), () => {
      setClientSecret('');
      return 'App saved. Now choose “Connect with Asana”.';
    });
  };

  const errorFor = (where: string) =>
    problem?.where === where ? (
      <p class="tl-note tl-bad" role="alert">
        {problem.message}
      </p>
    ) : null;

  if (!session) return <p class="tl-mute">{problem?.message ?? 'Loading…'}</p>;

  return (
    <div class="tl-panel">
      <p class="tl-live" role="status">
        {notice}
      </p>
      {session.connected && session.user ? (
        <section class="tl-card" aria-labelledby="acct-h">
          <h2 id="acct-h">Account</h2>
          <p data-testid="connected-as">
            Connected as <strong>{session.user.name}</strong> ({session.user.email}) with {session.method === 'oauth' ? 'your Asana app (OAuth)' : 'a personal access token'}.
          </p>
          <div class="tl-acts">
            <button type="button" class="tl-btn" disabled={busy !== null} onClick={() => void run('signout', () => send('session.signOut'), () => 'Signed out. The token was removed from this browser.')}>
              Sign out
            </button>
            <button type="button" class="tl-btn" disabled={busy !== null} onClick={() => void run('refresh', () => send('session.refreshWorkspaces'), () => 'Workspaces refreshed.')}>
              Refresh workspaces
            </button>
          </div>
          {errorFor('signout')}
          {errorFor('refresh')}
        </section>
      ) : (
        <>
          <section class="tl-card" aria-labelledby="pat-h">
            <h2 id="pat-h">Connect with a personal access token</h2>
            <ol class="tl-steps">
              <li>
                In Asana, open <a href="https://app.asana.com/0/my-apps" target="_blank" rel="noreferrer">My apps</a> (profile photo → Settings → Apps → Developer apps).
              </li>
              <li>Create a personal access token and copy it.</li>
              <li>Paste it here. It stays in this browser and is only sent to Asana.</li>
            </ol>
            <form onSubmit={connectToken} class="tl-form" noValidate>
              <div class="tl-field">
                <label for="pat">Personal access token</label>
                <input id="pat" class="tl-in" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-invalid={problem?.where === 'token'} />
              </div>
              {errorFor('token')}
              <div class="tl-acts">
                <button type="submit" class="tl-btn tl-pri" disabled={busy !== null}>
                  {busy === 'token' ? 'Checking with Asana…' : 'Connect'}
                </button>
              </div>
            </form>
          </section>
          <section class="tl-card" aria-labelledby="oauth-h">
            <h2 id="oauth-h">Or sign in with your own Asana app (OAuth)</h2>
            <ol class="tl-steps">
              <li>
                In <a href="https://app.asana.com/0/my-apps" target="_blank" rel="noreferrer">My apps</a>, create a new app (full permissions: Asana has no write scope for time entries).
              </li>
              <li>
                Under OAuth, add this redirect URL: <code data-testid="redirect-url">{session.oauth.redirectUrl}</code>{' '}
                <button type="button" class="tl-btn tl-sm" onClick={() => void navigator.clipboard?.writeText(session.oauth.redirectUrl).then(() => setNotice('Redirect URL copied.'))}>
                  Copy
                </button>
              </li>
              <li>Paste the app's client ID and client secret here, save, then connect.</li>
            </ol>
            <form onSubmit={saveApp} class="tl-form" noValidate>
              <div class="tl-row">
                <div class="tl-field">
                  <label for="client-id">Client ID</label>
                  <input id="client-id" class="tl-in" inputMode="numeric" autoComplete="off" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} />
                </div>
                <div class="tl-field">
                  <label for="client-secret">Client secret{session.oauth.hasClientSecret ? ' (saved; paste to replace)' : ''}</label>
                  <input id="client-secret" class="tl-in" type="password" autoComplete="off" value={clientSecret} onInput={(e) => setClientSecret(e.currentTarget.value)} />
                </div>
              </div>
              {errorFor('oauth')}
              <div class="tl-acts">
                <button type="submit" class="tl-btn" disabled={busy !== null}>
                  Save app
                </button>
                <button
                  type="button"
                  class="tl-btn tl-pri"
                  disabled={busy !== null || !session.oauth.clientId || !session.oauth.hasClientSecret}
                  onClick={() => void run('oauth', () => send('session.connectOAuth'), (s) => `Connected as ${s.user?.name}.`)}
                >
                  {busy === 'oauth' ? 'Waiting for Asana…' : 'Connect with Asana'}
                </button>
              </div>
            </form>
          </section>
        </>
      )}
    </div>
  );
}
