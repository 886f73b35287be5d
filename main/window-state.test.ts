import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from './window-state.ts';

const dirs: string[] = [];
function stateFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-window-'));
  dirs.push(dir);
  return path.join(dir, 'window-state.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const LAPTOP = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('brings the window back where and how big it was', () => {
    const file = stateFile();
    saveWindowState(file, { width: 1200, height: 800, x: 100, y: 50, maximized: true });
    expect(loadWindowState(file, LAPTOP)).toEqual({ width: 1200, height: 800, x: 100, y: 50, maximized: true });
  });

  it('forgets a position on a display that is gone, keeping the size', () => {
    const file = stateFile();
    saveWindowState(file, { width: 1200, height: 800, x: 2500, y: 100, maximized: false });
    expect(loadWindowState(file, LAPTOP)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, [...LAPTOP, { x: 1920, y: 0, width: 2560, height: 1440 }]).x).toBe(2500);
  });

  it('starts at the default size when the file is missing, damaged or holds impossible values', () => {
    const file = stateFile();
    expect(loadWindowState(file, LAPTOP)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"width": 12');
    expect(loadWindowState(file, LAPTOP)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: 10, height: 10, maximized: false }));
    expect(loadWindowState(file, LAPTOP)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('does not write a state it could not read back', () => {
    const file = stateFile();
    saveWindowState(file, { width: Number.NaN, height: 800, maximized: false });
    expect(fs.existsSync(file)).toBe(false);
  });
});
