// Accessibility check for the browser tests: axe-core run inside the page. It is evaluated through the debugging
// protocol rather than added as a <script>, so the console's strict CSP stays as users get it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Violations of impact "critical" on the page as it is now (WCAG 2.x A and AA rules). */
export async function criticalViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, as the test code is typed for Node and has no DOM types; it runs in the page.
  const found = await page.evaluate<Violation[]>(`(async () => {
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => String(n.target[0])) }));
  })()`);
  return found.filter((v) => v.impact === 'critical');
}
