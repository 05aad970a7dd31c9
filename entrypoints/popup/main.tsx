import { render } from 'preact';
import { localizePage } from '@/lib/i18n';
import { readDuration } from '@/lib/duration';
import { DurationReaderContext, type DurationReader } from '@/components/duration-reader';
import '@/components/styles.css';
import '@/components/styles-more.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { PopupApp } from '@/components/popup/popup-app';
import { askActiveTab, FIRST_PAINT_WAIT_MS, preloadPopup } from '@/components/popup/active-tab';

localizePage('extName');
// The extension's own pages read durations themselves (the content script asks the background).
const readHere: DurationReader = async (text, date) => readDuration(text, date);
// The first paint waits for local data (the tab, the stored items; no request to Asana), so that it
// shows the form and the day at once; but never long: a background slow to answer about the tab
// leaves the popup to draw what it has, and the tab's task follows when known.
const tab = askActiveTab();
const ready = Promise.all([tab, preloadPopup(tab)]).then(([known]) => known);
const atMost = new Promise<null>((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS, null));
void Promise.race([ready, atMost])
  .catch(() => null)
  .then((known) =>
    render(
      <DurationReaderContext.Provider value={readHere}>
        <PopupApp tab={tab} tabNow={known} />
      </DurationReaderContext.Provider>,
      document.getElementById('app')!,
    ),
  );
