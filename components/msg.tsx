/**
 * A message with elements in it (a name in bold, a link): the message's `$1`, `$2`… may be
 * elements, placed where the translation puts them. The message itself is text, never markup.
 */
import type { VNode } from 'preact';
import { t, type MessageKey } from '@/lib/i18n';

export function Msg(props: { k: MessageKey; subs: Array<string | number | VNode> }) {
  const marks = props.subs.map((sub, i) => (typeof sub === 'object' ? `\uE000${i}\uE001` : sub));
  const parts = t(props.k, ...marks).split(/\uE000(\d+)\uE001/);
  return <>{parts.map((part, i) => (i % 2 ? props.subs[Number(part)] : part))}</>;
}
