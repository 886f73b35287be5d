// The Content-Security-Policy of the console, as Electron gets it (the meta tag in renderer/index.html) and as a
// browser gets it from `serve` (the header, server/static-files.ts): checklist item 7.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cspProblems, metaCsp, parseCsp } from '../fixtures/csp.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { CONSOLE_CSP } from '../server/static-files.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('console Content-Security-Policy', () => {
  it('the meta tag Electron loads: no eval, scripts from the app only, no plugins, frames, base or forms', () => {
    const policy = metaCsp(fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8'));
    expect(policy).not.toBeNull();
    expect(cspProblems(policy!, { header: false })).toEqual([]);
  });

  it('the header serve sends: the same, and no framing by other sites', () => {
    expect(cspProblems(CONSOLE_CSP, { header: true })).toEqual([]);
    expect(parseCsp(CONSOLE_CSP).get('frame-ancestors')).toEqual(["'none'"]);
    recordTrial({ area: 'security', trial: 'console CSP (Electron meta tag and served header) against the checklist', tried: 2, held: 2, detail: 'no eval/remote script/inline script; object-src, frame-src none; base-uri, form-action, frame-ancestors set' });
  });

  it('catches the policies it is meant to catch', () => {
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-eval'", { header: false })).toContain('eval allowed');
    expect(cspProblems("default-src 'self'; script-src 'self' https://cdn.example; object-src 'none'", { header: false })).toContain("script-src: 'self' https://cdn.example");
    expect(cspProblems("default-src 'self'; connect-src 'self' ws:", { header: false }).join()).toMatch(/connect-src/);
    expect(cspProblems("default-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'", { header: true })).toEqual(['frame-ancestors: (none)']);
  });
});
