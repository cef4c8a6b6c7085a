import type { ComponentChildren } from 'preact';

/**
 * A step's heading, the document's one `h1` (the flow is the whole document, framed or not): names the
 * dialog (`aria-labelledby="pb-title"`) and takes focus when nothing else should.
 */
export function StepTitle({ children }: { children: ComponentChildren }) {
  return (
    <h1 id="pb-title" class="pb-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
