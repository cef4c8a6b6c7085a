import { render } from '@testing-library/preact';
import { App } from '../../../../widget/app/App.tsx';
import type { FlowSession } from '../../../../widget/protocol/flow-api.ts';
import { goNext, selectTool, start, type Flow, type FlowSetup } from '../../../../widget/app/state/flow.ts';
import { FlowContext } from '../../../../widget/app/state/use-flow.ts';
import { session, testFlow } from '../fixtures.ts';

/** Renders the whole app (dialog + current step) for a flow. */
export function renderFlow(flow: Flow) {
  return render(
    <FlowContext.Provider value={flow}>
      <App />
    </FlowContext.Provider>,
  );
}

/** A started flow, walked to `step` through the real transitions, then rendered. */
export async function renderAt(
  step: 'choose_tool' | 'data_points' | 'instructions' | 'credentials',
  { sessionOverrides = {}, setup = {} }: { sessionOverrides?: Partial<FlowSession>; setup?: Partial<FlowSetup> } = {},
) {
  const t = testFlow(setup);
  t.api.sessions.push({ ok: true, session: session(sessionOverrides) });
  await start(t.flow);
  if (step !== 'choose_tool') selectTool(t.flow, 'sandbox');
  if (step === 'instructions' || step === 'credentials') goNext(t.flow);
  if (step === 'credentials') goNext(t.flow);
  return { ...t, ...renderFlow(t.flow) };
}
