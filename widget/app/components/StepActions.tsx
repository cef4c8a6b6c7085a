import { backTarget, goBack } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** The step's primary action. `submit` buttons submit the surrounding form. */
export interface PrimaryAction {
  label: string;
  onClick?: () => void;
  type?: 'button' | 'submit';
  /** Focus it when the step opens. @default false */
  autofocus?: boolean;
}

/** Back (when the BACK table has a way back) and the primary action: every step moves both ways. */
export function StepActions({ primary }: { primary?: PrimaryAction }) {
  const flow = useFlowApi();
  const t = useT();
  const canGoBack = useFlow((s) => backTarget(s) !== null);
  if (!canGoBack && !primary) return null;
  return (
    <div class="pb-actions">
      {canGoBack && (
        <button type="button" class="pb-btn pb-btn-secondary" onClick={() => goBack(flow)}>
          {t('back')}
        </button>
      )}
      {primary && (
        <button
          type={primary.type ?? 'button'}
          class="pb-btn pb-btn-primary"
          onClick={primary.onClick}
          data-autofocus={primary.autofocus ? '' : undefined}
        >
          {primary.label}
        </button>
      )}
    </div>
  );
}
