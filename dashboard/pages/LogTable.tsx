import { pathOf } from '../lib/route.ts';
import { timeOf } from '../lib/query.ts';
import type { ApiRequestLog } from '../lib/types.ts';

/** Request log entries as a table; each request id opens its details. */
export function LogTable(props: { caption: string; entries: ApiRequestLog[]; onOpen: (requestId: string) => void }) {
  return (
    <table>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Method</th>
          <th scope="col">Path</th>
          <th scope="col">Status</th>
          <th scope="col">Latency</th>
          <th scope="col">Key</th>
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr key={`${e.request_id}-${e.at}`}>
            <td>{timeOf(e.at)}</td>
            <td>{e.method}</td>
            <td class="path">{e.path}</td>
            <td>
              <span class={e.status >= 500 ? 'status bad' : e.status >= 400 ? 'status warn' : 'status'}>{e.status}</span>
            </td>
            <td>{e.latency_ms} ms</td>
            <td>{e.key_prefix ?? e.api_key_id}</td>
            <td>
              <a
                href={pathOf('logs', e.request_id)}
                aria-label={`Details of request ${e.request_id}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  props.onOpen(e.request_id);
                }}
              >
                {e.request_id.slice(0, 8)}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
