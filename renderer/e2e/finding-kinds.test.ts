// Every finding kind a recorded fixture is known to produce, end to end in the browser: the incident's finding is
// on the overview, its page shows evidence charts and the technique the rules named, and its offending trace
// opens in the waterfall (kinds proven by host metrics alone have no trace to open). Screenshots at 1440×900;
// axe-core finds no critical violation on the finding and trace pages.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { criticalViolations } from './accessibility.ts';
import { openIncident, root, screenshots, startConsole, type ConsoleSession, type Served } from './served-console.ts';

interface Manifest {
  file: string;
  expectFirst?: string | null;
  healthy: boolean;
}

const incidentsDir = path.join(root, 'fixtures', 'incidents');
/** One fixture per kind: the first (alphabetically) whose expected first finding is that kind. */
const byKind = new Map<string, string>();
for (const name of fs.readdirSync(incidentsDir).filter((file) => file.endsWith('.manifest.json')).sort()) {
  const manifest = JSON.parse(fs.readFileSync(path.join(incidentsDir, name), 'utf8')) as Manifest;
  if (!manifest.healthy && typeof manifest.expectFirst === 'string' && !byKind.has(manifest.expectFirst)) byKind.set(manifest.expectFirst, manifest.file);
}
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('each finding kind in the console', () => {
  let session: ConsoleSession;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    session = await startConsole('chokepoint-e2e-kinds-');
    ({ served, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('covers the kinds of the recorded incidents', () => {
    expect([...byKind.keys()].length).toBeGreaterThanOrEqual(9);
  });

  it.each([...byKind].map(([kind, file]) => ({ kind, file })))('$kind ($file): overview → evidence and technique → offending trace', async ({ kind, file }) => {
    const incident = await openIncident(served.consoleUrl, { path: path.join(incidentsDir, file) });
    expect(incident.status).toBe('ready');
    const finding = incident.findings.find((candidate) => candidate.kind === kind);
    expect(finding, `${file} raised no ${kind} finding`).toBeDefined();
    if (finding === undefined) return;

    // On the overview, once the playhead is at the end of the incident.
    await page.goto(`${served.consoleUrl}/#/`);
    await page.reload();
    const playhead = page.getByRole('slider', { name: 'Playhead' });
    await playhead.waitFor({ timeout: 15_000 });
    await playhead.focus();
    await page.keyboard.press('End');
    // Its row links to its page (titles can recur: a symptom's row names its cause).
    const listed = page.getByRole('region', { name: 'Findings', exact: true }).locator(`a[href="#/findings/${encodeURIComponent(finding.id)}"]`).first();
    await listed.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(screenshots, `kind-${kind}-overview.png`) });
    await listed.click();

    // Its page: the title, at least one evidence chart, and the technique the rules named first.
    // (Its numbers may have grown since it was first raised, so the title is matched up to the first digit.)
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${escape(finding.title.split(/\d/)[0] ?? '')}`) }).waitFor({ timeout: 10_000 });
    const evidence = page.getByRole('region', { name: 'Evidence', exact: true });
    await evidence.waitFor();
    await expect.poll(() => evidence.locator('.evidence-chart').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const technique = finding.techniques[0];
    expect(technique, `${kind} names no technique`).toBeDefined();
    await page.getByRole('region', { name: 'What to do', exact: true }).getByText(technique?.name ?? '').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, `kind-${kind}-finding.png`), fullPage: true });
    expect(await criticalViolations(page), `${kind} finding page`).toEqual([]);

    // Its offending trace in the waterfall, where the evidence names spans or traces.
    if (finding.evidence.spans.length + finding.evidence.traceIds.length === 0) return;
    await page.getByRole('region', { name: 'Offending spans' }).getByRole('link').first().click();
    const waterfall = page.getByRole('listbox', { name: 'Spans of this trace' });
    await waterfall.getByRole('option').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshots, `kind-${kind}-trace.png`) });
    expect(await criticalViolations(page), `${kind} trace page`).toEqual([]);
  }, 120_000);
});
