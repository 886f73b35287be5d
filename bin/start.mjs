#!/usr/bin/env node
// `npm start`: open the desktop app where Electron can show a window; otherwise say why in one line and
// serve the same console in the browser at http://127.0.0.1:8686.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pkg)) return { ok: false, why: 'Electron is not installed' };
  const existing = () => {
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  };
  let binary = existing();
  if (binary === null) {
    // Electron ≥42 fetches its binary on first launch; give it a bounded try.
    const fetched = spawnSync(process.execPath, [path.join(pkg, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    binary = fetched.status === 0 ? existing() : null;
    if (binary === null) return { ok: false, why: 'the Electron binary could not be fetched' };
  }
  return { ok: true, binary };
}

function noDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

function serveInBrowser(reason) {
  console.log(`Chokepoint: no desktop window (${reason}); serving the console at http://127.0.0.1:8686 instead.`);
  // With no live data yet, the console opens on the bundled demo incident.
  // A 32 MB nursery: decoded spans die young; the default one promotes many before they do (about 2 µs a
  // span of extra garbage collection under heavy ingest, bench/RESULTS.md).
  const nodeFlags = ['--max-semi-space-size=32'];
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, 'bin', 'chokepoint.mjs'), 'serve', '--demo', ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (noDisplay()) {
  serveInBrowser('no display');
} else {
  const electron = electronBinary();
  if (!electron.ok) {
    serveInBrowser(electron.why);
  } else {
    const build = spawnSync(process.execPath, [path.join(root, 'main', 'build.mjs')], { stdio: 'inherit', cwd: root });
    if (build.status !== 0) {
      serveInBrowser('the desktop shell failed to build');
    } else {
      const child = spawn(electron.binary, [root, ...args], { stdio: 'inherit' });
      child.on('exit', (code) => process.exit(code ?? 0));
    }
  }
}
