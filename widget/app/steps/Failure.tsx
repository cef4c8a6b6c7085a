import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { SupportNote } from '../components/SupportNote.tsx';
import { retry, selectedTool } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * The tool or the network failed: say so, keep the input, offer to retry or go back to the form, and
 * give the support reference and contact.
 */
export function Failure() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool);
  const problem = useFlow((s) => s.problem);
  return (
    <div class="pb-center">
      <span class="pb-badge pb-badge-error">
        <Icon name="alert" size={28} />
      </span>
      <StepTitle>{tool ? t('failureTitle', { tool: tool.label }) : t('failureSession')}</StepTitle>
      <div role="alert">
        <p>{problem?.message || t('failureNetwork')}</p>
      </div>
      {tool && <p class="pb-muted">{t('failureKeep')}</p>}
      <SupportNote />
      <StepActions primary={{ label: t('tryAgain'), onClick: () => void retry(flow), autofocus: true }} />
    </div>
  );
}
