import { render } from 'preact';
import { localizePage } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { OptionsApp } from '@/components/options/options-app';

localizePage('optionsTitle');
render(<OptionsApp />, document.getElementById('app')!);
