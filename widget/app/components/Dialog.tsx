import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { focusStep, onWindowFocus, trapTab } from '../lib/focus.ts';
import { textColourOn } from '../lib/theme.ts';
import { requestClose } from '../state/flow.ts';
import { PROGRESS_STEPS } from '../state/steps.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';
import { ConfirmClose } from './ConfirmClose.tsx';
import { Icon } from './Icon.tsx';

/**
 * The frame around every step: its own backdrop and centred dialog on a transparent page (modal), a
 * bordered panel (inline) or a page card (magic link). Owns dialog semantics, the focus trap, Escape,
 * the close button and focus placement when the step changes. Names the vendor (its branding) above
 * every step; the hosted page (magic link) also says who secures it.
 */
export function Dialog({ children }: { children: ComponentChildren }) {
  const flow = useFlowApi();
  const t = useT();
  const step = useFlow((s) => s.step);
  const display = useFlow((s) => s.display);
  const theme = useFlow((s) => s.theme);
  const confirming = useFlow((s) => s.confirmingClose);
  const preselected = useFlow((s) => !!s.session?.preselected_tool);
  const language = useFlow((s) => s.language);
  const vendor = useFlow((s) => s.session?.vendor ?? null);
  const box = useRef<HTMLDivElement>(null);
  const modal = display === 'modal';
  const closable = display !== 'page';

  useLayoutEffect(() => {
    if (box.current) focusStep(box.current);
  }, [step]);
  // Where focus was when the close confirmation opened, read while rendering it: once it is in the page
  // the step behind is inert and the browser has moved focus away. Restored after it closes, when the
  // step is no longer inert (the layer's own unmount comes too early for that).
  const beforeLayer = useRef<HTMLElement | null>(null);
  if (confirming && !beforeLayer.current) beforeLayer.current = document.activeElement as HTMLElement | null;
  useLayoutEffect(() => {
    if (confirming || !beforeLayer.current) return;
    beforeLayer.current.focus();
    beforeLayer.current = null;
  }, [confirming]);
  useEffect(() => onWindowFocus(window, () => box.current && focusStep(box.current)), []);

  const steps = preselected ? PROGRESS_STEPS.filter((s) => s !== 'choose_tool') : PROGRESS_STEPS;
  const position = steps.indexOf(step);
  // The loader's theme wins over the environment's branding colour.
  const primary = theme.primaryColor ?? vendor?.primary_color ?? null;
  const style = primary ? { '--pb-primary': primary, '--pb-on-primary': textColourOn(primary) } : undefined;

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && closable && !e.defaultPrevented) {
      e.preventDefault();
      requestClose(flow);
    } else if (modal && !confirming && box.current) trapTab(e, box.current);
  }

  return (
    <div class="pb" data-display={display} data-scheme={theme.colorScheme} style={style} lang={language}>
      {modal && <div class="pb-backdrop" onClick={() => requestClose(flow)} />}
      <div
        ref={box}
        class="pb-dialog"
        role={display === 'page' ? 'main' : 'dialog'}
        aria-modal={modal || undefined}
        aria-labelledby="pb-title"
        onKeyDown={onKeyDown}
      >
        <div class="pb-frame" inert={confirming}>
          <div class="pb-header">
            <div class="pb-header-start">
              {vendor?.name && (
                <p class="pb-vendor">
                  {vendor.logo_url && <img src={vendor.logo_url} alt="" width={24} height={24} />}
                  <span>{vendor.name}</span>
                </p>
              )}
              <p class="pb-progress">{position >= 0 && t('progress', { current: position + 1, total: steps.length })}</p>
            </div>
            {closable && (
              <button type="button" class="pb-icon-btn" aria-label={t('close')} onClick={() => requestClose(flow)}>
                <Icon name="close" />
              </button>
            )}
          </div>
          <div class="pb-body">{children}</div>
          {display === 'page' && <p class="pb-secured">{t('securedBy')}</p>}
        </div>
        {confirming && <ConfirmClose />}
      </div>
    </div>
  );
}
