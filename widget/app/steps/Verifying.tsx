import { Spinner } from '../components/Spinner.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { selectedTool } from '../state/flow.ts';
import { useFlow, useT } from '../state/use-flow.ts';

/** While the tool checks the credentials (the Sandbox's `slow` key takes about 3 s). */
export function Verifying() {
  const t = useT();
  const tool = useFlow(selectedTool)!;
  return (
    <div class="pb-center" aria-busy="true">
      <StepTitle>{t('verifyingTitle')}</StepTitle>
      <Spinner />
      <p role="status">{t('verifyingBody', { tool: tool.label })}</p>
    </div>
  );
}
