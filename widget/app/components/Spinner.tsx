/** A busy indicator; its text lives in a status region next to it. Still under reduced motion. */
export function Spinner() {
  return <span class="pb-spinner" aria-hidden="true" />;
}
