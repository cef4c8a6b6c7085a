import type { FlowStepName } from '../../protocol/messages.ts';

/** Every screen of the flow: the protocol's steps plus the initial loading screen. */
export type StepId = 'loading' | FlowStepName;

/**
 * Where "Continue" leads. A link that preselects a tool passes over the tool picker in both directions,
 * and a session without consent has no consent step (see `nextTarget` and `backTarget` in flow.ts). Steps missing here move on by a named transition (submit, finish, ...). */
export const NEXT: Readonly<Partial<Record<StepId, StepId>>> = {
  consent: 'choose_tool',
  choose_tool: 'data_points',
  data_points: 'instructions',
  instructions: 'credentials',
};

/** Where "Back" leads. Steps missing here have no way back (verifying, success, link problems). */
export const BACK: Readonly<Partial<Record<StepId, StepId>>> = {
  choose_tool: 'consent',
  data_points: 'choose_tool',
  instructions: 'data_points',
  credentials: 'instructions',
  oauth_connect: 'instructions',
  failure: 'credentials',
};

/** The step that replaces `credentials` for tools that connect through OAuth. */
export const OAUTH_STEP: Readonly<Partial<Record<StepId, StepId>>> = { credentials: 'oauth_connect' };

/** The steps counted in "Step n of m", in order. */
export const PROGRESS_STEPS: readonly StepId[] = ['choose_tool', 'data_points', 'instructions', 'credentials'];

/**
 * Steps on which the customer may have typed something worth asking about before closing; verifying
 * counts too (closing abandons the check under way).
 */
export const EDITING_STEPS: readonly StepId[] = ['choose_tool', 'data_points', 'instructions', 'credentials', 'verifying', 'oauth_connect', 'failure'];
