import type { Placement } from '@floating-ui/dom';
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Options of {@link useFloating}. */
export interface FloatingOptions {
  /** @default 'bottom-start' */
  placement?: Placement;
  /** Gap to the reference in px. @default 4 */
  gap?: number;
  /** Make the floating element as wide as the reference (listboxes). @default false */
  matchWidth?: boolean;
  /**
   * Where to go when `placement` does not fit, in order (floating-ui's `flip`); leaving a side out keeps
   * the element off it, e.g. a field's help never drops onto the field. @default the opposite side
   */
  fallbackPlacements?: Placement[];
}

type FloatingUi = typeof import('@floating-ui/dom');
let loading: Promise<FloatingUi> | undefined;

/**
 * floating-ui, loaded on first use: it is only needed from the credentials step on, so it stays out of
 * the first load. The only module that imports it.
 */
export function preloadFloating(): Promise<FloatingUi> {
  return (loading ??= import('@floating-ui/dom'));
}

/**
 * Positions `floating` next to `reference` while `open`, following scroll and resize (fixed strategy,
 * flips and shifts to stay in view). The element carries `data-placed` once positioned; CSS keeps it
 * invisible until then. The effect's cleanup stops the auto-updates.
 */
export function useFloating(
  reference: RefObject<HTMLElement | null>,
  floating: RefObject<HTMLElement | null>,
  open: boolean,
  { placement = 'bottom-start', gap = 4, matchWidth = false, fallbackPlacements }: FloatingOptions = {},
): void {
  useLayoutEffect(() => {
    if (!open) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void preloadFloating().then(({ autoUpdate, computePosition, flip, offset, shift, size }) => {
      const ref = reference.current;
      const el = floating.current;
      if (cancelled || !ref || !el) return;
      const middleware = [
        offset(gap),
        flip({ padding: 8, ...(fallbackPlacements ? { fallbackPlacements } : {}) }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ rects, availableHeight }) {
            el.style.maxHeight = `${Math.max(96, Math.floor(availableHeight))}px`;
            if (matchWidth) el.style.width = `${rects.reference.width}px`;
          },
        }),
      ];
      stop = autoUpdate(ref, el, () => {
        void computePosition(ref, el, { placement, strategy: 'fixed', middleware }).then(({ x, y }) => {
          el.style.left = `${x}px`;
          el.style.top = `${y}px`;
          el.dataset.placed = '';
        });
      });
    });
    return () => {
      cancelled = true;
      stop?.();
      if (floating.current) delete floating.current.dataset.placed;
    };
  }, [open]);
}
