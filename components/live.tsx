/**
 * What a view says after an action (issue 14.5): a success or a note politely, in success
 * colours (`role="status"`, always in the page so that screen readers hear it change); a problem
 * at once, in error colours (`role="alert"`, inserted with its text, which is what announces it).
 */

/** What to say, and whether it is a problem. */
export type Said = { text: string; bad?: boolean } | null;

/** The message area of a view. */
export function Live(props: { said: Said }) {
  const { said } = props;
  return (
    <>
      <p class="tl-live" role="status">
        {said && !said.bad && said.text}
      </p>
      {said?.bad && (
        <p class="tl-note tl-bad" role="alert">
          {said.text}
        </p>
      )}
    </>
  );
}
