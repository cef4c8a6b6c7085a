import type { ComponentChildren } from 'preact';

/** A step's heading: names the dialog (`aria-labelledby="pb-title"`) and takes focus when nothing else should. */
export function StepTitle({ children }: { children: ComponentChildren }) {
  return (
    <h2 id="pb-title" class="pb-title" tabIndex={-1}>
      {children}
    </h2>
  );
}
