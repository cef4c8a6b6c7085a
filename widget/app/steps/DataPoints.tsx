import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { goNext, selectedTool, vendorName } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** What the integration will read, grouped by model (each group folds open). */
export function DataPoints() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  const vendor = useFlow(vendorName);
  // The consent step says it first when there is one.
  const relinkFor = useFlow((s) => (s.session?.relink && !s.session.consent_required ? s.session.end_user.organization_name : null));
  return (
    <>
      <StepTitle>{t('dataTitle', { tool: tool.label })}</StepTitle>
      {relinkFor && <p class="pb-callout">{t('relinkNotice', { tool: tool.label, organization: relinkFor })}</p>}
      <p class="pb-muted">{t('dataIntro', { vendor })}</p>
      <div class="pb-groups">
        {tool.data_points.map((group, i) => (
          <details key={group.model} class="pb-group" open={i === 0}>
            <summary>
              <span>{group.label}</span>
              <span class="pb-muted">{group.fields.length === 1 ? t('fieldCountOne') : t('fieldCount', { count: group.fields.length })}</span>
            </summary>
            <ul>
              {group.fields.map((f) => (
                <li key={f.id}>{f.label}</li>
              ))}
            </ul>
          </details>
        ))}
      </div>
      <StepActions primary={{ label: t('continue'), onClick: () => goNext(flow) }} />
    </>
  );
}
