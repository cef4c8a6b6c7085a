import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from '../domain/errors.ts';
import { errorBody } from './error-handler.ts';

/** How slow clients are cut off and how many connections one client address may hold. */
export interface ServerLimits {
  /** Longest a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included (a trickled body is cut). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Most open connections per client address; more are answered 429 and closed. */
  maxConnectionsPerClient: number;
}

/** An HTTP response written straight to the socket, for answers no request handler gives. */
function rawAnswer(status: number, error: AppError): string {
  const body = JSON.stringify(errorBody(error));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Node's own failures before a request reaches Express: the status and our message for each. */
function clientFailure(code: string | undefined): [number, AppError] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, new AppError('PLATFORM.INPUT_INVALID', 'The request headers are too large.', {}, 431)];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, new AppError('PLATFORM.INPUT_INVALID', 'The request took too long to arrive.', {}, 408)];
    default:
      return [400, new AppError('PLATFORM.INPUT_INVALID', 'The request is not valid HTTP.')];
  }
}

/** How often Node checks for requests past their timeouts (its default, 30 s, would let a slow client run 30 s over). */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * The HTTP server for `app` with the limits applied. Malformed requests (bad syntax, headers too large,
 * too slow to arrive) are answered with the Kombo error envelope instead of an empty body, and
 * connections are counted per client address.
 */
export function createHttpServer(app: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, limits.headersTimeoutMs),
    },
    app,
  );

  const perClient = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const open = (perClient.get(address) ?? 0) + 1;
    if (open > limits.maxConnectionsPerClient) {
      socket.end(
        rawAnswer(429, new AppError('PLATFORM.CONCURRENCY_LIMIT_EXCEEDED', `Too many open connections from one address (at most ${limits.maxConnectionsPerClient}).`)),
      );
      socket.destroySoon();
      return;
    }
    perClient.set(address, open);
    socket.once('close', () => {
      const left = (perClient.get(address) ?? 1) - 1;
      if (left > 0) perClient.set(address, left);
      else perClient.delete(address);
    });
  });

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Nothing to answer on a connection the client already reset, or once a response has begun.
    const responding = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || responding) {
      socket.destroy();
      return;
    }
    const [status, error] = clientFailure(err.code);
    socket.end(rawAnswer(status, error));
  });
  return server;
}
