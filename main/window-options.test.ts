import { describe, expect, it } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { mainWindowOptions } from './window-options.ts';

describe('main window hardening (Electron security checklist)', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;

  it('isolates the renderer from Node and Electron internals (checklist 2, 3, 16)', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and risky features off (checklist 5, 8, 9, 10, 11)', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.safeDialogs).toBe(true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toBe('/app/preload.cjs');
    recordTrial({ area: 'security', trial: 'Electron window webPreferences against the security checklist', tried: 13, held: 13, detail: 'isolation, sandbox, no node, web security, no insecure content/experimental/blink features/webview' });
  });
});
