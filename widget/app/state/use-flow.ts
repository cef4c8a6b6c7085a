import { createContext } from 'preact';
import { useContext, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import { format } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Flow, FlowState } from './flow.ts';

/** Provides the running flow to every component. */
export const FlowContext = createContext<Flow | null>(null);

/** The running flow, to pass to transitions: `selectTool(useFlowApi(), id)`. */
export function useFlowApi(): Flow {
  const flow = useContext(FlowContext);
  if (!flow) throw new Error('useFlowApi: render inside <FlowContext.Provider value={flow}>');
  return flow;
}

/** A slice of the flow state; re-renders only when the selected value changes (Object.is). */
export function useFlow<T>(selector: (state: FlowState) => T): T {
  const { store } = useFlowApi();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = selector(store.getState());
  const latest = useRef({ selector, selected });
  latest.current = { selector, selected };
  useLayoutEffect(
    () =>
      store.subscribe((state) => {
        if (!Object.is(latest.current.selector(state), latest.current.selected)) rerender(0);
      }),
    [store],
  );
  return selected;
}

/** The current language's texts as a function: `t('progress', {current: 1, total: 4})`. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const messages = useFlow((s) => s.messages);
  return (key, params) => format(messages[key], params);
}
