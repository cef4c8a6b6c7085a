import { useLayoutEffect, useRef } from 'preact/hooks';
import { trapTab } from '../lib/focus.ts';
import { cancelClose, confirmClose } from '../state/flow.ts';
import { useFlowApi, useT } from '../state/use-flow.ts';

/** "Close without connecting?": a nested alert dialog; Escape or "Keep editing" returns to the form. */
export function ConfirmClose() {
  const flow = useFlowApi();
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  // Focus goes back where it was once this layer is gone: the Dialog does that (see there).
  useLayoutEffect(() => stay.current?.focus(), []);
  return (
    <div class="pb-confirm-layer">
      <div
        ref={root}
        class="pb-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="pb-confirm-title"
        aria-describedby="pb-confirm-body"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            cancelClose(flow);
          } else if (root.current) trapTab(e, root.current);
        }}
      >
        <h2 id="pb-confirm-title" class="pb-title">
          {t('confirmTitle')}
        </h2>
        <p id="pb-confirm-body">{t('confirmBody')}</p>
        <div class="pb-actions">
          <button type="button" class="pb-btn pb-btn-secondary" onClick={() => confirmClose(flow)}>
            {t('confirmLeave')}
          </button>
          <button ref={stay} type="button" class="pb-btn pb-btn-primary" onClick={() => cancelClose(flow)}>
            {t('confirmStay')}
          </button>
        </div>
      </div>
    </div>
  );
}
