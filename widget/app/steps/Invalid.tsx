import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { confirmClose } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** The link is unknown, malformed or already used: restart from the vendor's app. */
export function Invalid() {
  const flow = useFlowApi();
  const t = useT();
  const used = useFlow((s) => s.problem?.code === 'link_used');
  const page = useFlow((s) => s.display === 'page');
  return (
    <div class="pb-center">
      <span class="pb-badge pb-badge-error">
        <Icon name="alert" size={28} />
      </span>
      <StepTitle>{used ? t('usedTitle') : t('invalidTitle')}</StepTitle>
      <p role="alert">{t('invalidBody')}</p>
      {!page && <StepActions primary={{ label: t('close'), onClick: () => confirmClose(flow), autofocus: true }} />}
    </div>
  );
}
