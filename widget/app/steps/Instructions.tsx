import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { goNext, selectedTool } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** How to obtain the credentials, step by step, with the tool's connection guide. */
export function Instructions() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  return (
    <>
      <StepTitle>{t('instructionsTitle', { tool: tool.label })}</StepTitle>
      <p class="pb-muted">{t('instructionsIntro')}</p>
      <ol class="pb-steps">
        {tool.instructions.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ol>
      {tool.connection_guide_url && (
        <p>
          <a class="pb-link" href={tool.connection_guide_url} target="_blank" rel="noopener noreferrer">
            {t('guideLink', { tool: tool.label })}
          </a>
        </p>
      )}
      <StepActions primary={{ label: t('continue'), onClick: () => goNext(flow) }} />
    </>
  );
}
