import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { confirmClose } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** The link expired: the customer must restart from the vendor's app to get a new one. */
export function Expired() {
  const flow = useFlowApi();
  const t = useT();
  const page = useFlow((s) => s.display === 'page');
  return (
    <div class="pb-center">
      <span class="pb-badge pb-badge-error">
        <Icon name="clock" size={28} />
      </span>
      <StepTitle>{t('expiredTitle')}</StepTitle>
      <p role="alert">{t('expiredBody')}</p>
      {!page && <StepActions primary={{ label: t('close'), onClick: () => confirmClose(flow), autofocus: true }} />}
    </div>
  );
}
