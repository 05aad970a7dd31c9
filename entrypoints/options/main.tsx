import { render } from 'preact';
import '@/components/styles.css';
import '@/components/pages.css';
import '@/components/pages-extra.css';
import { OptionsApp } from '@/components/options/options-app';

render(<OptionsApp />, document.getElementById('app')!);
