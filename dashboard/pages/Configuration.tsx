import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import type { ApiSession, Environment } from '../lib/types.ts';
import { can } from '../pages.tsx';
import { FlowSection } from './configuration/FlowSection.tsx';
import { ScopesSection } from './configuration/ScopesSection.tsx';
import { ToolsSection } from './configuration/ToolsSection.tsx';
import type { ApiConfiguration } from './configuration/types.ts';

/**
 * The environment's configuration: enabled tools, scopes, and the flow's branding and embedding
 * origins. Everyone who may read it sees it; only roles that may change a part get its controls.
 */
export function Configuration(props: { api: ConsoleApi; session: ApiSession; environment: Environment }) {
  const [config, setConfig] = useState<ApiConfiguration | null>(null);
  const [error, setError] = useState('');
  const base = `/environments/${props.environment}/configuration`;
  useEffect(() => {
    props.api.get<ApiConfiguration>(base).then(setConfig, (err: unknown) => setError(err instanceof ApiError ? err.message : 'The configuration could not be loaded.'));
  }, []);
  const configure = can(props.session, 'configuration.write', props.environment);
  return (
    <>
      <h1>Configuration</h1>
      <p>
        How the {props.environment} environment connects and reads data.{configure ? '' : ' Your role may view this configuration, not change it.'}
      </p>
      {error && <p role="alert">{error}</p>}
      {config && (
        <>
          <ToolsSection api={props.api} base={base} tools={config.tools} editable={configure} />
          <ScopesSection api={props.api} base={base} models={config.models} editable={can(props.session, 'scopes.write', props.environment)} />
          <FlowSection api={props.api} base={base} settings={config.settings} editable={configure} />
        </>
      )}
    </>
  );
}
