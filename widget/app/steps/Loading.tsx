import { Spinner } from '../components/Spinner.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { useT } from '../state/use-flow.ts';

/** While the session loads. */
export function Loading() {
  const t = useT();
  return (
    <div class="pb-center">
      <StepTitle>{t('dialogLabel')}</StepTitle>
      <Spinner />
      <p role="status">{t('loading')}</p>
    </div>
  );
}
