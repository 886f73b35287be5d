// End to end in a real browser: `chokepoint serve` as a user runs it, Debian's Chromium driven by playwright-core.
// A newcomer sees how to send data; spans sent by the real OTLP exporter appear; a trace opens in the waterfall.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { makeSyntheticSpans } from '../../fixtures/synthetic-spans.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshots = process.env.CHOKEPOINT_SCREENSHOTS ?? path.join(os.tmpdir(), 'chokepoint-screenshots');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Served {
  child: ChildProcess;
  consoleUrl: string;
  otlpHttp: string;
}

/** Runs the real CLI and reads the addresses it prints. */
function serve(dataDir: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'chokepoint.mjs'), 'serve', '--port', '0', '--otlp-http', '0', '--otlp-grpc', '0', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const consoleUrl = /console: (http:\/\/\S+)/.exec(output)?.[1];
      const otlpHttp = /OTLP\/HTTP (http:\/\/\S+)/.exec(output)?.[1];
      if (consoleUrl !== undefined && otlpHttp !== undefined) resolve({ child, consoleUrl, otlpHttp });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code ?? 'a signal'}:\n${output}`)));
  });
}

describe('the console in a browser', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-e2e-'));

  beforeAll(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    served = await serve(dataDir);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    served?.child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a newcomer where to send data', async () => {
    await page.goto(served.consoleUrl);
    await expect(page.getByRole('heading', { name: 'Overview' }).isVisible()).resolves.toBe(true);
    await page.getByText(served.otlpHttp).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshots, 'overview-empty.png') });
  });

  it('lists a service and its trace once the real exporter sends spans', async () => {
    const spans = makeSyntheticSpans({ traces: 12, serviceName: 'checkout' });
    const exporter = new OTLPTraceExporter({ url: `${served.otlpHttp}/v1/traces` });
    await new Promise<void>((resolve, reject) => exporter.export(spans, (result) => (result.error ? reject(result.error) : resolve())));
    await exporter.shutdown();

    await page.getByText('checkout', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(screenshots, 'overview-data.png') });

    await page.getByRole('link', { name: 'Traces' }).click();
    await page.getByRole('heading', { name: 'Recent traces' }).waitFor();
    await page.getByText('GET /orders/:id').first().click();
    const waterfall = page.getByRole('listbox', { name: 'Spans of this trace' });
    await waterfall.waitFor({ timeout: 10_000 });
    await expect(waterfall.getByRole('option').count()).resolves.toBe(5);
    await page.screenshot({ path: path.join(screenshots, 'trace.png') });
  });
});
