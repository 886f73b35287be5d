// What the browser tests share: `chokepoint serve` run as a user runs it, the console API called as a script
// would, incidents opened and waited for, and Debian's Chromium flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { IncidentState } from '../../common/api-contract.ts';
import { spawnServe } from '../../fixtures/serve-process.ts';
import type { ServeProcess } from '../../fixtures/serve-process.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshots = process.env.CHOKEPOINT_SCREENSHOTS ?? path.join(os.tmpdir(), 'chokepoint-screenshots');
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `chokepoint serve` as a user runs it, on free ports (see fixtures/serve-process.ts). */
export type Served = ServeProcess;

/** Runs the real CLI and reads the addresses it prints. */
export function serve(dataDir: string): Promise<Served> {
  return spawnServe(dataDir);
}

/** Calls the console API as a script would (no browser). */
export async function api<T>(consoleUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; value: T }> {
  const response = await fetch(`${consoleUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, value: (await response.json()) as T };
}

/** Opens an incident (a file is uploaded, as the browser does: the HTTP API opens no server paths) and waits until it has loaded. */
export async function openIncident(consoleUrl: string, input: { demo: true } | { path: string }): Promise<IncidentState> {
  const opened =
    'path' in input
      ? await fetch(`${consoleUrl}/api/incident/file?name=${encodeURIComponent(path.basename(input.path))}`, { method: 'PUT', body: fs.readFileSync(input.path) })
      : await fetch(`${consoleUrl}/api/incident`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  expect(opened.status).toBe(200);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { value } = await api<IncidentState | null>(consoleUrl, 'GET', '/api/incident');
    if (value !== null && value.status !== 'loading') return value;
    if (Date.now() > deadline) throw new Error('the incident did not finish loading');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A served console in its own data dir and a 1440×900 Chromium page on it; `close` ends both and removes the dir. */
export interface ConsoleSession {
  served: Served;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startConsole(dirPrefix: string): Promise<ConsoleSession> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  fs.mkdirSync(screenshots, { recursive: true });
  const served = await serve(dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  return {
    served,
    browser,
    page,
    async close() {
      await browser.close();
      served.child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
