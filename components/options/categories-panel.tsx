/**
 * The Categories tab of the options page. Needs a connected account and a chosen workspace;
 * without them it says which tab to visit. The manager itself is in ./categories/.
 */
import { t } from '@/lib/i18n';
import { Msg } from '../msg';
import { useSignedIn } from '../use-signed-in';
import { CategoriesManager } from './categories/manager';
import { routeHash, type Route } from './route';
import './categories.css';
import { Waiting } from '../waiting';

export function CategoriesPanel(props: { route: Route; navigate: (hash: string, replace?: boolean) => void }) {
  const { loaded, account, settings } = useSignedIn();

  const tabLink = (tab: 'account' | 'preferences', text: string) => (
    <a
      href={routeHash(tab)}
      onClick={(e) => {
        e.preventDefault();
        props.navigate(routeHash(tab));
        document.getElementById(`tab-${tab}`)?.focus();
      }}
    >
      {text}
    </a>
  );

  if (!loaded) return <Waiting label={t('loading')} from="extension" />;

  if (!account) {
    return (
      <section class="tl-card tl-cat-prompt" aria-labelledby="cat-prompt-h" data-testid="categories-prompt">
        <h2 id="cat-prompt-h">{t('connectAsanaFirst')}</h2>
        <p>
          <Msg k="catConnectFirst" subs={[tabLink('account', t('tabAccount'))]} />
        </p>
      </section>
    );
  }

  const workspace = account.workspaces.find((w) => w.gid === settings.workspaceGid);
  if (!workspace) {
    return (
      <section class="tl-card tl-cat-prompt" aria-labelledby="cat-prompt-h" data-testid="categories-prompt">
        <h2 id="cat-prompt-h">{t('chooseWorkspaceFirstH')}</h2>
        <p>
          <Msg k="catChooseWorkspace" subs={[tabLink('preferences', t('tabPreferences'))]} />
        </p>
      </section>
    );
  }

  // Keyed by workspace: switching workspaces starts from a clean slate (no half-typed form, no open dialog).
  return <CategoriesManager key={workspace.gid} workspace={workspace} route={props.route} navigate={props.navigate} tabLink={tabLink} />;
}
