// The Services, Metrics and Settings views in the browser against `serve` with data sent over OTLP/JSON:
// three services calling each other, a database and an untraced host, an app latency histogram, and this
// machine's own host metrics. Each view is checked for what a user reads off it, screenshotted at 1440×900,
// and axe-core finds no critical violation.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { criticalViolations } from './accessibility.ts';
import { screenshots, startConsole, type ConsoleSession, type Served } from './served-console.ts';

const hex = (n: number, bytes: number): string => n.toString(16).padStart(bytes * 2, '0');
const str = (value: string) => ({ stringValue: value });

interface SpanSpec {
  service: string;
  id: number;
  parent?: number;
  kind: number;
  name: string;
  ms: number;
  error?: boolean;
  attributes?: Record<string, string>;
}

/** One request: web → orders → (postgres, payments → an untraced host; every fifth payment fails). */
function request(n: number): SpanSpec[] {
  const id = (k: number) => n * 10 + k;
  const failed = n % 5 === 0;
  const spans: SpanSpec[] = [
    { service: 'web', id: id(1), kind: 2, name: 'GET /checkout', ms: 80 },
    { service: 'web', id: id(2), parent: id(1), kind: 3, name: 'POST', ms: 70 },
    { service: 'orders', id: id(3), parent: id(2), kind: 2, name: 'POST /orders', ms: 60 + (n % 7) },
    { service: 'orders', id: id(4), parent: id(3), kind: 3, name: 'SELECT orders', ms: 8, attributes: { 'db.system': 'postgresql', 'server.address': 'db-primary' } },
    { service: 'orders', id: id(5), parent: id(3), kind: 3, name: 'POST', ms: 30 },
    { service: 'payments', id: id(6), parent: id(5), kind: 2, name: 'POST /charge', ms: 25, error: failed },
    { service: 'payments', id: id(7), parent: id(6), kind: 3, name: 'POST', ms: 20, error: failed, attributes: { 'server.address': 'api.card-network.example' } },
  ];
  return spans;
}

function tracesBody(count: number, nowMs: number): unknown {
  const byService = new Map<string, unknown[]>();
  for (let n = 1; n <= count; n += 1) {
    const startMs = nowMs - 60_000 + n * 1000;
    for (const span of request(n)) {
      const startNs = BigInt(startMs) * 1_000_000n;
      const list = byService.get(span.service) ?? [];
      list.push({
        traceId: hex(n, 16),
        spanId: hex(span.id, 8),
        parentSpanId: span.parent === undefined ? '' : hex(span.parent, 8),
        name: span.name,
        kind: span.kind,
        startTimeUnixNano: startNs.toString(),
        endTimeUnixNano: (startNs + BigInt(span.ms) * 1_000_000n).toString(),
        attributes: Object.entries(span.attributes ?? {}).map(([key, value]) => ({ key, value: str(value) })),
        status: { code: span.error === true ? 2 : 0 },
      });
      byService.set(span.service, list);
    }
  }
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: str(service) }] },
      scopeSpans: [{ scope: { name: 'e2e' }, spans }],
    })),
  };
}

/** http.server.request.duration as a cumulative histogram: 100 fast requests, then 100 slow ones. */
function histogramBody(nowMs: number): unknown {
  const bounds = [0.01, 0.1, 1];
  const point = (ageMs: number, counts: number[]) => ({
    startTimeUnixNano: (BigInt(nowMs - 30_000) * 1_000_000n).toString(),
    timeUnixNano: (BigInt(nowMs - ageMs) * 1_000_000n).toString(),
    count: String(counts.reduce((a, b) => a + b, 0)),
    bucketCounts: counts.map(String),
    explicitBounds: bounds,
    attributes: [{ key: 'http.route', value: str('/checkout') }],
  });
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: str('web') }] },
        scopeMetrics: [
          {
            scope: { name: 'e2e' },
            metrics: [
              {
                name: 'http.server.request.duration',
                unit: 's',
                description: 'Duration of HTTP server requests.',
                histogram: { aggregationTemporality: 2, dataPoints: [point(20_000, [100, 0, 0, 0]), point(10_000, [100, 0, 100, 0]), point(0, [100, 0, 200, 0])] },
              },
            ],
          },
        ],
      },
    ],
  };
}

async function post(served: Served, signal: 'traces' | 'metrics', body: unknown): Promise<void> {
  const response = await fetch(`${served.otlpHttp}/v1/${signal}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `view-${name}.png`) });
  expect(await criticalViolations(page)).toEqual([]);
}

describe('services, metrics and settings views', () => {
  let session: ConsoleSession;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    session = await startConsole('chokepoint-e2e-views-');
    ({ served, page } = session);
    const now = Date.now();
    await post(served, 'traces', tracesBody(40, now));
    await post(served, 'metrics', histogramBody(now));
  }, 180_000);

  afterAll(() => session?.close());

  it('Services draws who calls whom, with the database and the untraced host as leaves and the failing path in red', async () => {
    await page.goto(`${served.consoleUrl}/#/services`);
    const map = page.getByRole('img', { name: /Dependency map: 5 nodes, 4 call paths/ });
    await map.waitFor({ timeout: 20_000 });
    // Each box is titled with its whole name and kind (long names are cut inside the box).
    for (const title of ['web (service)', 'orders (service)', 'payments (service)', 'postgresql · db-primary (database)', 'api.card-network.example (external host)']) {
      await expect.poll(() => map.locator('g > title').filter({ hasText: title }).count()).toBe(1);
    }
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(5);
    // payments → the card network fails every fifth call: 20%, drawn red.
    const failing = page.getByRole('row').filter({ hasText: 'api.card-network.example' });
    await expect.poll(() => failing.locator('.text-error').textContent()).toBe('20%');
    expect(await page.locator('.service-map__edge--failing').count()).toBe(2);
    // A service box leads to its traces.
    await map.getByRole('link', { name: 'orders: recent traces' }).click();
    await page.waitForURL(/#\/traces\?service=orders/);
    await page.goBack();
    await map.waitFor();
    await shoot(page, 'services');
  });

  it('Traces finds spans by operation, status, duration and attribute, and keeps the search in the URL', async () => {
    await page.goto(`${served.consoleUrl}/#/traces`);
    const search = page.getByRole('form', { name: 'Search traces' });
    // The list renders only the rows in view; aria-rowcount says how many it holds (plus the header row).
    const table = page.locator('.spans-table');
    const listed = async () => Number((await table.getAttribute('aria-rowcount', { timeout: 20_000 })) ?? '1') - 1;
    await expect.poll(listed, { timeout: 20_000 }).toBe(40);
    expect(await table.locator('tbody tr:not([aria-hidden])').count()).toBeLessThan(40);
    // POST /charge never starts a trace, so its spans are listed rather than (no) roots.
    await search.getByLabel('Operation').selectOption('POST /charge');
    await expect.poll(listed).toBe(40);
    await search.getByLabel('Status').selectOption('error');
    await expect.poll(listed).toBe(8);
    expect(await table.locator('tbody tr').filter({ hasText: 'POST /charge' }).count()).toBe(8);
    await page.waitForURL(/operation=POST\+%2Fcharge.*status=error|status=error.*operation=POST/);
    // Every root lasts 80 ms: at least 81 ms leaves none, and the empty state says how to widen the search.
    await page.goto(`${served.consoleUrl}/#/traces?minMs=81`);
    await page.getByText('No traces match this search').waitFor({ timeout: 20_000 });
    await page.goto(`${served.consoleUrl}/#/traces?spans=all`);
    await search.getByLabel('Attribute').fill('server.address = api.card-network.example');
    await search.getByLabel('Attribute').press('Enter');
    await expect.poll(listed, { timeout: 20_000 }).toBe(40);
    await search.getByLabel('Attribute').fill('no equals sign');
    await search.getByLabel('Attribute').press('Enter');
    await page.getByText('Write it as key=value').waitFor();
    expect(await criticalViolations(page)).toEqual([]);
  });

  it('Trace: the next error is one click (or E) away, and the critical path leaves out what ran alongside it', async () => {
    // Request 5 fails at the card network; all its spans start together, so the database query (8 ms) runs
    // alongside the 30 ms payment call and is the one span off the critical path.
    await page.goto(`${served.consoleUrl}/#/traces/${hex(5, 16)}`);
    const waterfall = page.getByRole('listbox', { name: 'Spans of this trace' });
    await waterfall.waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Next error' }).click();
    await expect.poll(() => waterfall.getByRole('option', { selected: true }).textContent()).toMatch(/POST \/charge/);
    await waterfall.getByRole('option', { selected: true }).press('e');
    await expect.poll(() => waterfall.getByRole('option', { selected: true }).textContent()).toMatch(/paymentsPOST/);
    await page.getByRole('button', { name: /^Critical path/ }).click();
    await page.getByRole('button', { name: 'Critical path · 6 spans' }).waitFor();
    expect(await waterfall.locator('.waterfall__row--off-path').textContent()).toMatch(/SELECT orders/);
    await shoot(page, 'trace-critical-path');
  });

  it('Metrics lists host and app metrics and charts a latency histogram as interval percentiles', async () => {
    await page.goto(`${served.consoleUrl}/#/metrics?name=http.server.request.duration`);
    const list = page.getByRole('list', { name: 'Metrics' });
    await list.getByText('http.server.request.duration').waitFor({ timeout: 20_000 });
    // This machine's own samples arrive within seconds.
    await expect.poll(() => list.getByText('system.cpu.utilization').count(), { timeout: 20_000 }).toBe(1);
    const chart = page.getByRole('img', { name: /http.server.request.duration: 3 series over time/ });
    await chart.waitFor({ timeout: 20_000 });
    // The route all series share is said once, not in each legend entry.
    await page.getByText('http.route=/checkout', { exact: true }).waitFor();
    for (const label of ['p50', 'p95', 'p99']) expect(await page.locator('.recharts-legend-item-text', { hasText: new RegExp(`^${label}$`) }).count()).toBe(1);
    expect(await page.locator('.metric-chart .recharts-line-curve').count()).toBe(3);
    // Filtering narrows the list; choosing a metric follows the link.
    await page.getByRole('searchbox', { name: 'Filter metrics' }).fill('cpu utilization');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('link', { name: /system.cpu.utilization/ }).click();
    await page.getByRole('img', { name: /system.cpu.utilization: \d+ series/ }).waitFor({ timeout: 20_000 });
    // A few seconds of samples (one a second per CPU mode) so the lines have a shape.
    await expect.poll(async () => Number.parseInt((await page.locator('.metrics-view__foot').textContent()) ?? '0', 10), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
    await shoot(page, 'metrics');
  });

  it('Settings shows the receivers this server runs, each with its flag, the rules with sources, and switches the theme', async () => {
    await page.goto(`${served.consoleUrl}/#/settings`);
    await page.getByText(served.otlpHttp, { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText('--otlp-http <port|off>').waitFor();
    const rulesTable = page.locator('.settings-rules table');
    await expect.poll(() => rulesTable.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    await rulesTable.getByText(/awesome-prometheus-alerts/).first().waitFor();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await shoot(page, 'settings-dark');
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await shoot(page, 'settings');
  });
});
