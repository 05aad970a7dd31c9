/**
 * A wait that ends (issue 14.8). It says what it waits for at once ("Loading categories…"), and
 * if nothing has come 10 s later it also says who has not answered and what to do, with Retry.
 * The caller replaces it with content or an error as soon as either arrives, so it only ever
 * speaks about a wait still under way.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** How long a wait may last before the person is told (the bound). */
export const WAIT_LIMIT_MS = 10_000;

export interface WaitingProps {
  /** What is being waited for, shown from the start. */
  label: string;
  /**
   * Who has not answered: Asana (through the background), or the extension's own background
   * (local data, which needs no network: a reload of the page is what helps).
   */
  from?: 'asana' | 'extension';
  /** Asks again. Without it, Retry reloads the page. */
  onRetry?: () => void;
  /** Rendered inline (inside a sentence or a status line) instead of as its own paragraph. */
  inline?: boolean;
}

export function Waiting(props: WaitingProps) {
  const [late, setLate] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const id = setTimeout(() => setLate(true), WAIT_LIMIT_MS);
    return () => clearTimeout(id);
  }, [round]);
  const retry = () => {
    setLate(false);
    setRound((n) => n + 1);
    if (props.onRetry) props.onRetry();
    else location.reload();
  };
  const said = late && (
    <>
      {' '}
      {t(props.from === 'extension' ? 'slowExtension' : 'slowAsana')}{' '}
      <button type="button" class="tl-btn tl-sm" onClick={retry}>
        {t('retry')}
      </button>
    </>
  );
  if (props.inline) {
    return (
      <span data-waiting={late ? 'late' : 'on'}>
        {props.label}
        {said}
      </span>
    );
  }
  return (
    <p class={late ? 'tl-note' : 'tl-mute'} role="status" data-waiting={late ? 'late' : 'on'}>
      {props.label}
      {said}
    </p>
  );
}
