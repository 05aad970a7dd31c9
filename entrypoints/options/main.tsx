import { render } from 'preact';
import { localizePage } from '@/lib/i18n';
import { readDuration } from '@/lib/duration';
import { DurationReaderContext, type DurationReader } from '@/components/duration-reader';
import '@/components/styles.css';
import '@/components/styles-more.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { OptionsApp } from '@/components/options/options-app';

localizePage('optionsTitle');
// The extension's own pages read durations themselves (the content script asks the background).
const readHere: DurationReader = async (text, date) => readDuration(text, date);
render(
  <DurationReaderContext.Provider value={readHere}>
    <OptionsApp />
  </DurationReaderContext.Provider>,
  document.getElementById('app')!,
);
