import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { finish, selectedTool, vendorName } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * Connected (or, for a relink, updated), with the next step: back to the vendor. In a frame, "Done" hands the activation token to the host (which removes the frame at
 * once, so this screen comes first); as a page (magic link) there is nobody to tell.
 */
export function Success() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  const page = useFlow((s) => s.display === 'page');
  const relink = useFlow((s) => !!s.session?.relink);
  const vendor = useFlow(vendorName);
  return (
    <div class="pb-center">
      <span class="pb-badge pb-badge-success">
        <Icon name="check" size={28} />
      </span>
      <StepTitle>{t(relink ? 'relinkSuccessTitle' : 'successTitle', { tool: tool.label })}</StepTitle>
      <p>{t(page ? 'successNextPage' : 'successNext', { vendor })}</p>
      {!page && <StepActions primary={{ label: t('done'), onClick: () => finish(flow), autofocus: true }} />}
    </div>
  );
}
