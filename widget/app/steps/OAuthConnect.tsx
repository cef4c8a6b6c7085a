import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { connectOAuth, selectedTool } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * "Connect with <tool>" for tools that sign in through OAuth: the button opens the tool's sign-in in a
 * popup. A blocked popup, a closed popup or a denied consent comes back here with its message; the
 * same button retries.
 */
export function OAuthConnect() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  const problem = useFlow((s) => (s.problem?.code === 'invalid_credentials' ? s.problem : null));
  return (
    <div class="pb-form">
      <StepTitle>{t('credentialsTitle', { tool: tool.label })}</StepTitle>
      <div role="alert" class={problem ? 'pb-alert' : undefined}>
        {problem && (
          <>
            <Icon name="alert" />
            <p>{problem.message}</p>
          </>
        )}
      </div>
      <p>{t('oauthHint', { tool: tool.label })}</p>
      <StepActions primary={{ label: t('oauthConnect', { tool: tool.label }), onClick: () => void connectOAuth(flow) }} />
    </div>
  );
}
