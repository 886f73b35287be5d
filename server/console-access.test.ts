// The console with an access token: API, pages, downloads and the live WebSocket refuse requests without it,
// a browser gets a cookie by opening /?token=… once, and the cross-origin and DNS-rebinding guards still hold.
// Without a token (loopback) everything answers as before. Everything listens on 127.0.0.1 only.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { consoleCookieName, consoleCookieValue } from './console-access.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

const TOKEN = 'a1b2c3d4'.repeat(8);
const WRONG = 'ffffffff'.repeat(8);

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so Host, Origin and Cookie can be set the way a browser (or a hostile page's browser) would. */
function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the live WebSocket; resolves 'open' or the HTTP status the upgrade was refused with. */
function openLive(consoleUrl: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${consoleUrl.replace('http:', 'ws:')}/api/live`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', () => resolve(0));
  });
}

/** A request line sent as is (targets fetch would normalize away). */
function rawRequestLine(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${line}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('error', (error) => resolve(String(error)));
  });
}

describe('console with an access token', () => {
  let server: TestServer;
  let url: string;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer({ token: TOKEN });
    url = server.console.url;
    cookie = `${consoleCookieName(server.console.port)}=${consoleCookieValue(TOKEN)}`;
    const assets = path.join(server.dataDir, 'no-assets');
    fs.mkdirSync(path.join(assets, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(assets, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(assets, 'assets', 'app.js'), 'export {};');
  });
  afterAll(() => server.stop());

  it('answers the API 401 UNAUTHORIZED without, or with a wrong, token and 200 with the right bearer token', async () => {
    const tries = [
      await request(`${url}/api/health`),
      await request(`${url}/api/health`, { Authorization: `Bearer ${WRONG}` }),
      await request(`${url}/api/health`, { Authorization: TOKEN }),
      await request(`${url}/api/health`, { Cookie: `${consoleCookieName(server.console.port)}=${TOKEN}` }),
    ];
    for (const reply of tries) {
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(reply.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const right = await request(`${url}/api/health`, { Authorization: `Bearer ${TOKEN}` });
    expect(right.status).toBe(200);
    // A write route too: refused before its body is read.
    expect((await request(`${url}/api/recording`, {}, 'POST')).status).toBe(401);
    const statuses = [...tries, right].map((reply) => reply.status);
    recordTrial({ area: 'security', trial: 'console API without / wrong / bare / token-as-cookie / right bearer token', tried: statuses.length, held: statuses.length, detail: statuses.join(', ') });
  });

  it('lets a browser in with /?token=…: HttpOnly SameSite=Strict cookie, then on to / without the token', async () => {
    const wrong = await request(`${url}/?token=${WRONG}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const login = await request(`${url}/?token=${TOKEN}`);
    expect(login.status).toBe(200);
    const setCookie = login.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^${consoleCookieName(server.console.port)}=`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toContain(TOKEN); // the cookie opens the console only, not the receivers
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.headers['referrer-policy']).toBe('no-referrer');
    expect(login.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(login.body).not.toContain(TOKEN);

    const sent = setCookie.split(';')[0] ?? '';
    expect(sent).toBe(cookie);
    expect((await request(`${url}/api/health`, { Cookie: `other=1; ${sent}` })).status).toBe(200);
    expect((await request(`${url}/`, { Cookie: sent })).status).toBe(200);
    expect((await request(`${url}/assets/app.js`, { Cookie: sent })).status).toBe(200);
    recordTrial({ area: 'security', trial: 'console login by /?token=: wrong token / right token / cookie on API, page, asset', tried: 5, held: 5, detail: '401 no cookie; 200 HttpOnly SameSite=Strict; 200, 200, 200' });
  });

  it('refuses pages, assets and recording downloads without the cookie or token', async () => {
    const page = await request(`${url}/`);
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/access token/);
    expect((await request(`${url}/assets/app.js`)).status).toBe(401);
    expect((await request(`${url}/some/client/route`)).status).toBe(401);
    const download = await request(`${url}/recordings/x.chokepoint`);
    expect(download.status).toBe(401);
    expect(JSON.parse(download.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await request(`${url}/recordings/x.chokepoint`, { Cookie: cookie })).status).toBe(404);
    // The token in the query opens nothing but the login page: not the API.
    expect((await request(`${url}/api/health?token=${TOKEN}`)).status).toBe(401);
    recordTrial({ area: 'security', trial: 'console pages, assets, client routes, downloads, API-with-query-token without credentials', tried: 5, held: 5, detail: '401 each' });
  });

  it('refuses the live WebSocket without, or with a wrong, token; opens it with the bearer token or the cookie', async () => {
    const outcomes = [
      await openLive(url),
      await openLive(url, { Authorization: `Bearer ${WRONG}` }),
      await openLive(url, { Authorization: `Bearer ${TOKEN}` }),
      await openLive(url, { Cookie: cookie }),
    ];
    expect(outcomes).toEqual([401, 401, 'open', 'open']);
    recordTrial({ area: 'security', trial: 'console WebSocket without / wrong / bearer / cookie', tried: 4, held: 4, detail: outcomes.join(', ') });
  });

  it('still refuses cross-origin calls and DNS-rebinding hosts, even carrying the right token', async () => {
    const authorized = { Authorization: `Bearer ${TOKEN}`, Cookie: cookie };
    const crossOrigin = await request(`${url}/api/health`, { ...authorized, Origin: 'https://attacker.example' });
    const crossPort = await request(`${url}/api/recording`, { ...authorized, Origin: 'http://127.0.0.1:3000' }, 'POST');
    const rebinding = await request(`${url}/api/health`, { ...authorized, Host: `attacker.example:${server.console.port}` });
    const socketCrossOrigin = await openLive(url, { ...authorized, Origin: 'https://attacker.example' });
    expect([crossOrigin.status, crossPort.status, rebinding.status, socketCrossOrigin]).toEqual([403, 403, 403, 403]);
    recordTrial({ area: 'security', trial: 'console cross-origin (other site, other port), DNS-rebinding Host, cross-origin WebSocket', tried: 4, held: 4, detail: '403 each, with the right token' });
  });
});

describe('console without a token (loopback, as before)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers the API and opens the WebSocket with no credentials', async () => {
    expect((await request(`${server.console.url}/api/health`)).status).toBe(200);
    expect(await openLive(server.console.url)).toBe('open');
    // ?token= means nothing here: no cookie, no login page.
    const page = await request(`${server.console.url}/?token=${TOKEN}`);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses cross-origin callers and DNS-rebinding hosts, on the API and the WebSocket', async () => {
    const port = server.console.port;
    const replies = [
      (await request(`${server.console.url}/api/health`, { Origin: 'https://attacker.example' })).status,
      (await request(`${server.console.url}/api/recording`, { Origin: 'null' }, 'POST')).status,
      (await request(`${server.console.url}/api/health`, { Host: `attacker.example:${port}` })).status,
      (await request(`${server.console.url}/api/health`, { Host: `127.0.0.1.attacker.example:${port}` })).status,
      await openLive(server.console.url, { Origin: 'https://attacker.example' }),
      await openLive(server.console.url, { Host: `attacker.example:${port}` }),
    ];
    expect(replies).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await request(`${server.console.url}/api/health`, { Origin: server.console.url })).status).toBe(200);
    recordTrial({ area: 'security', trial: 'loopback console, no token: cross-origin / null origin / rebinding Host (API and WebSocket)', tried: 6, held: 6, detail: '403 each; same origin 200' });
  });

  it('survives request targets that do not parse or decode (they used to end the process)', async () => {
    const port = server.console.port;
    const lines = [
      await rawRequestLine(port, 'GET // HTTP/1.1'),
      await rawRequestLine(port, 'GET //[ HTTP/1.1'),
      await rawRequestLine(port, 'GET /recordings/%E0%A4%A HTTP/1.1'),
      await rawRequestLine(port, 'GET /api/traces/%E0%A4%A HTTP/1.1'),
    ];
    expect(lines).toEqual(['HTTP/1.1 400 Bad Request', 'HTTP/1.1 400 Bad Request', 'HTTP/1.1 404 Not Found', 'HTTP/1.1 400 Bad Request']);
    expect((await request(`${server.console.url}/api/health`)).status).toBe(200);
    recordTrial({ area: 'security', trial: 'console request targets that do not parse (//, //[) or decode (%E0%A4%A)', tried: 4, held: 4, detail: '400, 400, 404, 400; still serving' });
  });
});
