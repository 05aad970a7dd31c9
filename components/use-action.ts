/**
 * A person's action on the timer or on an entry: refused with the guard's reason when the page
 * must not act (components/time-log-widget.tsx's write block), else run with its buttons disabled
 * (`busy`), and its failure said in error colours.
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '@/lib/messaging/client';

export function useAction(onSaid: (text: string, bad?: boolean) => void, guard?: () => string | null) {
  const [busy, setBusy] = useState(false);
  async function act(run: () => Promise<void>): Promise<void> {
    const why = guard?.();
    if (why) return onSaid(why, true);
    setBusy(true);
    try {
      await run();
    } catch (error) {
      onSaid(errorMessage(error), true);
    } finally {
      setBusy(false);
    }
  }
  return { busy, act };
}
