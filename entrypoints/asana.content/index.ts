import css from '@/components/styles.css?inline';
import { startTaskPageWidget } from '@/components/page/widget-mount';

export default defineContentScript({
  matches: ['https://app.asana.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startTaskPageWidget(ctx, css);
  },
});
