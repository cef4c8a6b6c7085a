import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from './delivery.ts';

/**
 * The real transport: node:http(s) with keep-alive, connecting to the address the URL check chose (the
 * host name still goes into Host and TLS SNI/verification), following no redirects, reading at most
 * `maxResponseBytes` of the answer, the whole exchange bounded by `timeoutMs`.
 */
export function httpTransport(options: { maxSockets?: number } = {}): WebhookTransport & { close(): void } {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 }),
  };
  const send = (request: WebhookRequest): Promise<WebhookResponse> =>
    new Promise((resolve) => {
      const { url, address, family } = request.target;
      const lookup: LookupFunction = (_host, opts, callback) => {
        if (opts.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      };
      const lib = url.protocol === 'https:' ? https : http;
      const signal = AbortSignal.timeout(request.timeoutMs);
      let settled = false;
      const done = (value: WebhookResponse) => {
        if (!settled) {
          settled = true;
          resolve(value);
        }
      };
      const req = lib.request(url, {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
        signal,
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => done({ status: res.statusCode ?? 0, bodyStart: Buffer.concat(chunks).subarray(0, request.maxResponseBytes).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= request.maxResponseBytes) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', finish);
      });
      req.on('error', (err) => done({ error: signal.aborted ? `no answer within ${request.timeoutMs} ms` : err.message }));
      req.end(request.body);
    });
  return Object.assign(send, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
