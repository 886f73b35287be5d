// Checklist items that live in files rather than in code the tests can call: the preload exposes one typed API
// and never ipcRenderer itself (item 20), and the packaged binary's fuses are flipped (item 19).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('packaging hardening', () => {
  it('the preload exposes one object through the context bridge, never ipcRenderer or Node', () => {
    const preload = read('preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('chokepoint', api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/from 'node:|require\(/);
  });

  it('flips the fuses that would turn the app into a general Node runtime', () => {
    const builder = read('electron-builder.yml');
    const fuses = ['runAsNode: false', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'onlyLoadAppFromAsar: true', 'enableCookieEncryption: true'];
    expect(builder).toMatch(/^electronFuses:$/m);
    for (const fuse of fuses) expect(builder).toMatch(new RegExp(`^ {2}${fuse}$`, 'm'));
    recordTrial({ area: 'security', trial: 'Electron preload surface and packaged fuses', tried: fuses.length + 1, held: fuses.length + 1, detail: 'one context-bridge object; runAsNode, NODE_OPTIONS, --inspect off; asar only; cookies encrypted' });
  });
});
