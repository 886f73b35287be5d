// The headless console: serves the renderer build and the JSON API (+ live WebSocket) on one port.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { LIVE_PATH, RECORDINGS_PATH } from '../common/api-paths.ts';
import { ChokepointError, HTTP_STATUS_BY_CODE, asChokepointError } from '../common/error-codes.ts';
import type { Core } from './core.ts';
import { handleApiRequest } from './api-handlers.ts';
import { matchRoute } from './route-matcher.ts';
import { allowedHostNames, refuseReason } from './request-guard.ts';
import { assertBindAllowed } from './access-token.ts';
import { answerAccess, consoleAccess } from './console-access.ts';
import { serveStaticFile } from './static-files.ts';
import { receiveUpload } from './upload.ts';

export interface ConsoleServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface ConsoleServerOptions {
  host: string;
  port: number;
  /** Folder with the renderer build (index.html + assets). */
  assetsDir: string;
  /** When set, every request needs it (server/console-access.ts); required beyond loopback. */
  token?: string;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendError(res: http.ServerResponse, error: ChokepointError): void {
  sendJson(res, HTTP_STATUS_BY_CODE[error.code], error.toJSON());
}

const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The request's path and query as a URL; null for targets URL cannot parse ('//', '//[') — thrown, they ended the process. */
function requestUrl(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://console.invalid');
  } catch {
    return null;
  }
}

/** A recording file as a download; names that are not recordings are 404 (no path tricks). */
function sendRecording(core: Core, encodedName: string, res: http.ServerResponse): void {
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    name = ''; // malformed escapes (%E0%A4%A) name no recording; thrown here they would have ended the process
  }
  const file = core.recordings.pathOf(name);
  if (file === null) {
    sendError(res, new ChokepointError('NOT_FOUND', `no recording named ${name}`));
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/gzip',
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
  });
  fs.createReadStream(file).pipe(res);
}

/** The JSON body of a POST/PUT (small, bounded); undefined for requests that carry none. */
async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) throw new ChokepointError('BODY_TOO_LARGE', `request bodies are limited to ${MAX_JSON_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ChokepointError('BAD_REQUEST', 'the request body is not valid JSON');
  }
}

export function startConsoleServer(core: Core, options: ConsoleServerOptions): Promise<ConsoleServer> {
  assertBindAllowed(options.host, options.token, 'the console');
  const allowedHosts = allowedHostNames(options.host);

  const server = http.createServer((req, res) => {
    const refused = refuseReason(req, allowedHosts);
    if (refused !== null) {
      sendJson(res, 403, { code: 'BAD_REQUEST', message: refused });
      return;
    }
    const url = requestUrl(req);
    if (url === null) {
      sendError(res, new ChokepointError('BAD_REQUEST', 'the request target is not a path'));
      return;
    }
    const access = consoleAccess(req, url, options.token);
    if (access.kind !== 'open') {
      answerAccess(res, access, url.pathname.startsWith('/api/') || url.pathname.startsWith(RECORDINGS_PATH));
      return;
    }
    if (url.pathname.startsWith(RECORDINGS_PATH)) {
      sendRecording(core, url.pathname.slice(RECORDINGS_PATH.length), res);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      serveStaticFile(options.assetsDir, url.pathname, req, res);
      return;
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname);
    if (match === null) {
      sendError(res, new ChokepointError('NOT_FOUND', `no API route at ${url.pathname}`));
      return;
    }
    if (match === 'method') {
      sendError(res, new ChokepointError('METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not allowed on ${url.pathname}`));
      return;
    }
    const input = match.route === 'uploadIncident'
      ? receiveUpload(req, core.recordings.dir, url.searchParams.get('name') ?? '').then((uploadedPath) => ({ name: url.searchParams.get('name'), uploadedPath }))
      : readJsonBody(req).then((body) => {
          // Over HTTP a file is opened by uploading it: a path would let any client read this machine's files.
          if (match.route === 'openIncident' && typeof body === 'object' && body !== null && 'path' in body) {
            throw new ChokepointError('BAD_REQUEST', 'over HTTP an incident is opened by uploading it (PUT /api/incident/file), not by path');
          }
          return body ?? { ...Object.fromEntries(url.searchParams), ...match.params };
        });
    input.then((value) => handleApiRequest(core, match.route, value)).then(
      (value) => sendJson(res, 200, value),
      (error: unknown) => sendError(res, asChokepointError(error)),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== LIVE_PATH || refuseReason(req, allowedHosts) !== null) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const url = requestUrl(req);
    if (url === null || consoleAccess(req, url, options.token).kind !== 'open') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="chokepoint"\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = core.onLive((message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        port,
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const client of sockets.clients) client.terminate();
            sockets.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
