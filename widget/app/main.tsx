import { render } from 'preact';
import { App } from './App.tsx';
import { browserLanguage, loadLocale } from './i18n/i18n.ts';
import { createApi } from './lib/api.ts';
import { createBridge, observeHeight } from './lib/bridge.ts';
import { readLaunch } from './lib/launch.ts';
import { openOAuthPopup } from './lib/oauth-popup.ts';
import { createPersist } from './lib/persist.ts';
import { preloadFloating } from './lib/use-floating.ts';
import { createFlow, start } from './state/flow.ts';
import { FlowContext } from './state/use-flow.ts';
import './styles.css';

/** Boots the flow page: reads its URL, wires the real effects, renders, loads the session. */
function main(): void {
  const launch = readLaunch(location);
  const bridge = createBridge(window, launch.claimedOrigin);
  const display = !bridge.framed ? 'page' : launch.inline ? 'inline' : 'modal';
  document.documentElement.dataset.display = display;
  const api = createApi(launch.token, fetch, undefined, window.__plugboardSession ?? null, launch.language);
  const flow = createFlow(
    {
      api,
      openPersist: (environment) => createPersist(window, environment),
      loadLocale,
      send: bridge.send,
      oauth: (tool) => openOAuthPopup(window, () => api.oauthStart!(tool)),
    },
    { display, theme: launch.theme },
  );
  flow.store.subscribe((state, previous) => {
    // Before any step is shown: from here on only the environment's allowed origins hear from us.
    if (state.session && state.session !== previous.session) bridge.allowOnly(state.session.allowed_origins);
    if (state.language !== previous.language) document.documentElement.lang = state.language;
    if (state.messages !== previous.messages) document.title = state.messages.dialogLabel;
  });
  // Ask for the session before the first render: the request overlaps rendering the loading step.
  const started = start(flow, launch.language, browserLanguage(navigator.languages ?? []));
  if (display === 'inline') observeHeight(window, (height) => bridge.event({ type: 'resize', height }));
  render(
    <FlowContext.Provider value={flow}>
      <App />
    </FlowContext.Provider>,
    document.getElementById('app')!,
  );
  void started.then(() => preloadFloating());
}

main();
