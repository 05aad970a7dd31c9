/**
 * Connecting the account: a personal access token, or OAuth with the user's own Asana app.
 * Shows "Connected as NAME (email)" and signs out. Secrets go straight to the background.
 */
import { plural, t } from '@/lib/i18n';
import { Msg } from '../msg';
import { useEffect, useState } from 'preact/hooks';
import type { SessionState } from '@/lib/auth/session';
import { errorMessage, send } from '@/lib/messaging/client';
import type { SignOutPreview } from '@/lib/messaging/protocol';
import { othersWaiting } from '@/lib/pending';
import { accountItem, outboxItem, recoveryItem } from '@/lib/storage/items';
import { useItem } from '../hooks';
import { RemoveAllData } from './remove-all';
import { Waiting } from '../waiting';

export function AccountPanel() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ where: string; message: string } | null>(null);
  const [notice, setNotice] = useState('');
  /** Signing out with writes waiting or a timer running: what would be left, and the choice. */
  const [asked, setAsked] = useState(0);
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
  }, [accountCopy.value, asked]);

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
      setProblem({ where: 'token', message: t('pasteTokenFirst') });
      return;
    }
    void run('token', () => send('session.connectToken', { token: token.trim() }), (s) => {
      setToken('');
      return t('connectedAsName', s.user?.name ?? '');
    });
  };

  const saveApp = (e: Event) => {
    e.preventDefault();
    if (!/^\d+$/.test(clientId.trim())) {
      setProblem({ where: 'oauth', message: t('clientIdDigits') });
      return;
    }
    if (!clientSecret.trim() && !session?.oauth.hasClientSecret) {
      setProblem({ where: 'oauth', message: t('clientSecretToo') });
      return;
    }
    void run('oauth', () => send('session.saveOAuthApp', { clientId: clientId.trim(), clientSecret: clientSecret.trim() || undefined }), () => {
      setClientSecret('');
      return t('appSaved');
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
        await run('signout', () => send('session.signOut', { pending: 'keep' }), () => t('signedOut'));
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
      pending === 'keep' ? plural('signedOutKept', n) : t('signedOutDiscarded'),
    );
  }

  const myApps = (
    <a href="https://app.asana.com/0/my-apps" target="_blank" rel="noreferrer">
      {t('myApps')}
    </a>
  );
  if (!session) return problem ? <p class="tl-mute">{problem.message}</p> : <Waiting label={t('loading')} from="extension" onRetry={() => setAsked((n) => n + 1)} />;

  const others = othersWaiting(outbox.value.ops, session.user ? { gid: session.user.gid, name: session.user.name } : null);
  const refused = session.status === 'refused' && session.user;

  return (
    <div class="tl-panel">
      <p class="tl-live" role="status">
        {notice}
      </p>
      {others.map(({ user, count }) => (
        <p key={user.gid} class="tl-note" role="note" data-testid="others-waiting">
          {user.name ? plural('othersWaiting', count, user.name) : plural('othersWaitingAnon', count)}
        </p>
      ))}
      {recovered.value.length > 0 && (
        <section class="tl-note tl-bad" role="alert" aria-labelledby="recovered-h">
          <h2 id="recovered-h" class="tl-label">
            {plural('keptAside', recovered.value.length)}
          </h2>
          <ul class="tl-list">
            {recovered.value.map((r, i) => (
              <li key={`${r.key}-${i}`}>
                <code>{r.key}</code>: {r.reason}
              </li>
            ))}
          </ul>
          <button type="button" class="tl-btn tl-sm" onClick={() => void send('storage.discardRecovered').catch((e) => setProblem({ where: 'status', message: errorMessage(e) }))}>
            {t('forgetKeptAside')}
          </button>
        </section>
      )}
      {leaving && (
        <section class="tl-card" role="alertdialog" aria-labelledby="leave-h" aria-describedby="leave-d">
          <h2 id="leave-h">{t('signOutWaitingQ')}</h2>
          <div id="leave-d">
            {leaving.changes.length > 0 && (
              <>
                <p>{plural('notReachedYet', leaving.changes.length)}</p>
                <ul class="tl-list" data-testid="leave-changes">
                  {leaving.changes.map((c) => (
                    <li key={c.opId}>{c.description}</li>
                  ))}
                </ul>
              </>
            )}
            {leaving.timer && <p data-testid="leave-timer">{t('timerRunningOn', leaving.timer.taskName)}</p>}
            <p>{t('keepOrDiscard')}</p>
          </div>
          <div class="tl-acts">
            <button type="button" class="tl-btn tl-pri" autoFocus onClick={() => finishSignOut('keep')}>
              {t('keepAndSignOut')}
            </button>
            <button type="button" class="tl-btn" onClick={() => finishSignOut('discard')}>
              {t('discardAndSignOut')}
            </button>
            <button type="button" class="tl-btn" onClick={() => setLeaving(null)}>
              {t('cancel')}
            </button>
          </div>
        </section>
      )}
      {refused && (
        <section class="tl-note tl-bad" role="alert" data-testid="sign-in-refused">
          <p>
            <Msg k="accountRefused" subs={[<strong>{session.user!.name}</strong>, session.user!.email]} />
          </p>
          <button type="button" class="tl-btn" disabled={busy !== null} onClick={() => void startSignOut()}>
            {t('signOut')}
          </button>
        </section>
      )}
      {session.connected && session.user ? (
        <section class="tl-card" aria-labelledby="acct-h">
          <h2 id="acct-h">{t('tabAccount')}</h2>
          <p data-testid="connected-as">
            <Msg k={session.method === 'oauth' ? 'connectedAsOAuth' : 'connectedAsToken'} subs={[<strong>{session.user.name}</strong>, session.user.email]} />
          </p>
          <div class="tl-acts">
            <button type="button" class="tl-btn" disabled={busy !== null || leaving !== null} onClick={() => void startSignOut()}>
              {t('signOut')}
            </button>
            <button type="button" class="tl-btn" disabled={busy !== null} onClick={() => void run('refresh', () => send('session.refreshWorkspaces'), () => t('workspacesRefreshed'))}>
              {t('refreshWorkspaces')}
            </button>
          </div>
          {errorFor('signout')}
          {errorFor('refresh')}
        </section>
      ) : (
        <>
          <section class="tl-card" aria-labelledby="pat-h">
            <h2 id="pat-h">{t('connectPat')}</h2>
            <ol class="tl-steps">
              <li>
                <Msg k="patStep1" subs={[myApps]} />
              </li>
              <li>{t('patStep2')}</li>
              <li>{t('patStep3')}</li>
            </ol>
            <form onSubmit={connectToken} class="tl-form" noValidate>
              <div class="tl-field">
                <label for="pat">{t('pat')}</label>
                <input id="pat" class="tl-in" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-invalid={problem?.where === 'token'} />
              </div>
              {errorFor('token')}
              <div class="tl-acts">
                <button type="submit" class="tl-btn tl-pri" disabled={busy !== null}>
                  {t(busy === 'token' ? 'checkingWithAsana' : 'connect')}
                </button>
              </div>
            </form>
          </section>
          <section class="tl-card" aria-labelledby="oauth-h">
            <h2 id="oauth-h">{t('connectOAuth')}</h2>
            <ol class="tl-steps">
              <li>
                <Msg k="oauthStep1" subs={[myApps]} />
              </li>
              <li>
                {t('oauthStep2')} <code data-testid="redirect-url">{session.oauth.redirectUrl}</code>{' '}
                <button type="button" class="tl-btn tl-sm" onClick={() => void navigator.clipboard?.writeText(session.oauth.redirectUrl).then(() => setNotice(t('redirectCopied')))}>
                  {t('copy')}
                </button>
              </li>
              <li>{t('oauthStep3')}</li>
            </ol>
            <form onSubmit={saveApp} class="tl-form" noValidate>
              <div class="tl-row">
                <div class="tl-field">
                  <label for="client-id">{t('clientId')}</label>
                  <input id="client-id" class="tl-in" inputMode="numeric" autoComplete="off" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} />
                </div>
                <div class="tl-field">
                  <label for="client-secret">{t(session.oauth.hasClientSecret ? 'clientSecretSaved' : 'clientSecret')}</label>
                  <input id="client-secret" class="tl-in" type="password" autoComplete="off" value={clientSecret} onInput={(e) => setClientSecret(e.currentTarget.value)} />
                </div>
              </div>
              {errorFor('oauth')}
              <div class="tl-acts">
                <button type="submit" class="tl-btn" disabled={busy !== null}>
                  {t('saveApp')}
                </button>
                <button
                  type="button"
                  class="tl-btn tl-pri"
                  disabled={busy !== null || !session.oauth.clientId || !session.oauth.hasClientSecret}
                  onClick={() => void run('oauth', () => send('session.connectOAuth'), (s) => t('connectedAsName', s.user?.name ?? ''))}
                >
                  {t(busy === 'oauth' ? 'waitingForAsana' : 'connectWithAsana')}
                </button>
              </div>
            </form>
          </section>
        </>
      )}
      <RemoveAllData
        disabled={busy !== null}
        onRemoved={(state, summary) => {
          setSession(state);
          setLeaving(null);
          setToken('');
          setClientId('');
          setClientSecret('');
          setNotice(summary);
        }}
      />
    </div>
  );
}
