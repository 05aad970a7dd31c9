/**
 * The content script on https://app.asana.com/* (declared in wxt.config.ts's manifest): the
 * time-log widget on the task page. An unlisted script rather than WXT's defineContentScript,
 * whose context would be switched off by a "script started" event the page can forge, and which
 * posts our extension id to the page (issue 13; see lib/page/page-life.ts).
 */
import css from '@/components/styles.css?inline';
import { startTaskPageWidget } from '@/components/page/widget-mount';

export default defineUnlistedScript(() => {
  startTaskPageWidget(css);
});
