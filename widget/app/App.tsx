import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { Dialog } from './components/Dialog.tsx';
import { markReady } from './state/flow.ts';
import type { StepId } from './state/steps.ts';
import { useFlow, useFlowApi } from './state/use-flow.ts';
import { ChooseTool } from './steps/ChooseTool.tsx';
import { Consent } from './steps/Consent.tsx';
import { Credentials } from './steps/Credentials.tsx';
import { DataPoints } from './steps/DataPoints.tsx';
import { Expired } from './steps/Expired.tsx';
import { Failure } from './steps/Failure.tsx';
import { Instructions } from './steps/Instructions.tsx';
import { Invalid } from './steps/Invalid.tsx';
import { Loading } from './steps/Loading.tsx';
import { OAuthConnect } from './steps/OAuthConnect.tsx';
import { Success } from './steps/Success.tsx';
import { Verifying } from './steps/Verifying.tsx';

/** One component per step; the flow's `step` picks it. */
export const STEPS: Record<StepId, ComponentType> = {
  loading: Loading,
  consent: Consent,
  choose_tool: ChooseTool,
  data_points: DataPoints,
  instructions: Instructions,
  credentials: Credentials,
  oauth_connect: OAuthConnect,
  verifying: Verifying,
  success: Success,
  failure: Failure,
  expired: Expired,
  invalid: Invalid,
};

/** The whole flow: the dialog frame around the current step. */
export function App() {
  const flow = useFlowApi();
  const step = useFlow((s) => s.step);
  const Step = STEPS[step];
  // The first real step has rendered: tell the host the flow is interactive.
  useEffect(() => {
    if (step !== 'loading') markReady(flow);
  }, [step !== 'loading']);
  return (
    <Dialog>
      <Step />
    </Dialog>
  );
}
