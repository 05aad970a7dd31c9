import { render } from 'preact';
import { localizePage } from '@/lib/i18n';
import '@/components/styles.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { PopupApp } from '@/components/popup/popup-app';

localizePage('extName');
render(<PopupApp />, document.getElementById('app')!);
