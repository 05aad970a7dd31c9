/**
 * Connecting the account: a personal access token, or OAuth with the user's own Asana app.
 * Shows "Connected as NAME (email)" and signs out. Secrets go straight to the background.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionState } from '@/lib/auth/session';
import { errorMessage, send } from '@/lib/messaging/client';
import type { SignOutPreview } from '@/lib/messaging/protocol';
import { othersWaiting } from '@/lib/pending';
import { accountItem, outboxItem, recoveryItem } from '@/lib/storage/items';
import { useItem } from '../hooks';

export function AccountPanel() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ where: string; message: string } | null>(null);
  const [notice, setNotice] = useState('');
  /** Signing out with writes waiting or a timer running: what would be left, and the choice. */
  const [leaving, setLeaving] = useState<SignOutPreview | null>(null);
  // Who is signed in comes from the background (the vault), never from storage.local, which a
  // content script could write: the stored copy only says WHEN to ask again.
  const accountCopy = useItem(accountItem);
  const outbox = useItem(outboxItem);
  const recovered = useItem(recoveryItem);

  useEffect(() => {
    send('session.get')
      .then((s) => {
        setSession(s);
        setClientId((old) => old || (s.oauth.clientId ?? ''));
      })
      .catch((e) => setProblem({ where: 'status', message: errorMessage(e) }));
  }, [accountCopy.value]);

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

  async function startSignOut() {
    setProblem(null);
    try {
      const preview = await send('session.signOutPreview');
      if (preview.changes.length === 0 && !preview.timer) {
        await run('signout', () => send('session.signOut', { pending: 'keep' }), () => 'Signed out. The token and this account’s saved figures were removed from this browser.');
        return;
      }
      setLeaving(preview);
    } catch (error) {
      setProblem({ where: 'signout', message: errorMessage(error) });
    }
  }

  function finishSignOut(pending: 'keep' | 'discard') {
    const n = leaving?.changes.length ?? 0;
    setLeaving(null);
    void run('signout', () => send('session.signOut', { pending }), () =>
      pending === 'keep'
        ? `Signed out. ${n === 1 ? 'The waiting change is' : `The ${n} waiting changes are`} kept for this account and will be sent when it connects again.`
        : 'Signed out. The waiting changes and the timer were discarded.',
    );
  }

  if (!session) return <p class="tl-mute">{problem?.message ?? 'Loading…'}</p>;

  const others = othersWaiting(outbox.value.ops, session.user ? { gid: session.user.gid, name: session.user.name } : null);
  const refused = session.status === 'refused' && session.user;

  return (
    <div class="tl-panel">
      <p class="tl-live" role="status">
        {notice}
      </p>
      {others.map(({ user, count }) => (
        <p key={user.gid} class="tl-note" role="note" data-testid="others-waiting">
          {count === 1 ? '1 change' : `${count} changes`} by {user.name || 'another account'} {count === 1 ? 'is' : 'are'} waiting for that account. {count === 1 ? 'It' : 'They'} will be sent when {user.name || 'that account'} connects again, and {count === 1 ? 'is' : 'are'} not counted in this account’s time.
        </p>
      ))}
      {recovered.value.length > 0 && (
        <section class="tl-note tl-bad" role="alert" aria-labelledby="recovered-h">
          <h2 id="recovered-h" class="tl-label">
            {recovered.value.length === 1 ? '1 stored record was kept aside' : `${recovered.value.length} stored records were kept aside`}
          </h2>
          <ul class="tl-list">
            {recovered.value.map((r, i) => (
              <li key={`${r.key}-${i}`}>
                <code>{r.key}</code>: {r.reason}
              </li>
            ))}
          </ul>
          <button type="button" class="tl-btn tl-sm" onClick={() => void send('storage.discardRecovered').catch((e) => setProblem({ where: 'status', message: errorMessage(e) }))}>
            Forget the kept-aside records
          </button>
        </section>
      )}
      {leaving && (
        <section class="tl-card" role="alertdialog" aria-labelledby="leave-h" aria-describedby="leave-d">
          <h2 id="leave-h">Sign out with changes waiting?</h2>
          <div id="leave-d">
            {leaving.changes.length > 0 && (
              <>
                <p>{leaving.changes.length === 1 ? 'This change has' : `These ${leaving.changes.length} changes have`} not reached Asana yet:</p>
                <ul class="tl-list" data-testid="leave-changes">
                  {leaving.changes.map((c) => (
                    <li key={c.opId}>{c.description}</li>
                  ))}
                </ul>
              </>
            )}
            {leaving.timer && <p data-testid="leave-timer">A timer is running on “{leaving.timer.taskName}”.</p>}
            <p>Keep them for when you connect this account again, or discard them.</p>
          </div>
          <div class="tl-acts">
            <button type="button" class="tl-btn tl-pri" autoFocus onClick={() => finishSignOut('keep')}>
              Keep them and sign out
            </button>
            <button type="button" class="tl-btn" onClick={() => finishSignOut('discard')}>
              Discard them and sign out
            </button>
            <button type="button" class="tl-btn" onClick={() => setLeaving(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
      {refused && (
        <section class="tl-note tl-bad" role="alert" data-testid="sign-in-refused">
          <p>
            Asana no longer accepts the saved sign-in for <strong>{session.user!.name}</strong> ({session.user!.email}). Reconnect below; nothing logged is lost, and what waits is sent as soon as you do.
          </p>
          <button type="button" class="tl-btn" disabled={busy !== null} onClick={() => void startSignOut()}>
            Sign out
          </button>
        </section>
      )}
      {session.connected && session.user ? (
        <section class="tl-card" aria-labelledby="acct-h">
          <h2 id="acct-h">Account</h2>
          <p data-testid="connected-as">
            Connected as <strong>{session.user.name}</strong> ({session.user.email}) with {session.method === 'oauth' ? 'your Asana app (OAuth)' : 'a personal access token'}.
          </p>
          <div class="tl-acts">
            <button type="button" class="tl-btn" disabled={busy !== null || leaving !== null} onClick={() => void startSignOut()}>
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
