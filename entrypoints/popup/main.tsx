import { render } from 'preact';
import '@/components/styles.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { PopupApp } from '@/components/popup/popup-app';

render(<PopupApp />, document.getElementById('app')!);
