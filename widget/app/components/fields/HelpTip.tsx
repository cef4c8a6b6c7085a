import { useRef, useState } from 'preact/hooks';
import { useFloating } from '../../lib/use-floating.ts';

/**
 * A "?" button with a floating tooltip, shown on hover, focus or click (a click never closes it: it
 * closes on blur, leaving, or Escape). It opens above the label, or beside it, never below where the
 * field is. The tooltip text also describes the field (`aria-describedby`), so it is read without opening it.
 */
export function HelpTip({ id, label, text }: { id: string; label: string; text: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  useFloating(button, tip, open, { placement: 'top', gap: 6, fallbackPlacements: ['right', 'left', 'top-start', 'top-end'] });
  return (
    // Hovering the tooltip itself keeps it open (WCAG 1.4.13), so the wrapper owns the mouse handlers.
    <span class="pb-help-wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        ref={button}
        type="button"
        class="pb-help"
        aria-label={label}
        aria-describedby={id}
        onClick={() => setOpen(true)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            // Escape closes the tooltip only, not the dialog.
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        ?
      </button>
      <div ref={tip} id={id} role="tooltip" class="pb-tooltip pb-floating" hidden={!open}>
        {text}
      </div>
    </span>
  );
}
